import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Pipes end to end")
struct PipeTests {
    /// Runs `body` with the pipes of `app.public`, where table `events` and stage `landing`
    /// exist (made with plain requests).
    private func withPipes(
        clock: ManualClock = ManualClock(), _ body: @Sendable (PipeCollection, Root, RunningEmulator) async throws -> Void
    ) async throws {
        try await withAppTableAndStage(clock: clock, table: #"{"name":"events","columns":[{"name":"payload","datatype":"VARIANT"}]}"#) { root, emulator in
            try await body(root.databases["app"].schemas["public"].pipes, root, emulator)
        }
    }

    @Test("create and fetch: the statement as given, its PATTERN as pattern, the server fields")
    func createAndFetch() async throws {
        try await withPipes { pipes, _, _ in
            let statement = "COPY INTO events FROM @landing/2026/ FILE_FORMAT = (TYPE = 'JSON') PATTERN = '.*[.]json'"
            let reference = try await pipes.create(PipeModel(name: "load", copyStatement: statement, comment: "events"))
            let pipe = try await reference.fetch()
            #expect(pipe.name == "LOAD")
            #expect(pipe.copyStatement == statement)
            #expect(pipe.pattern == ".*[.]json")
            #expect(pipe.comment == "events")
            #expect((pipe.databaseName, pipe.schemaName, pipe.owner, pipe.ownerRoleType) == ("APP", "PUBLIC", "ACCOUNTADMIN", "ROLE"))
            #expect(pipe.createdOn != nil)
            #expect(pipe.invalidReason == nil)
            try await pipes.create(PipeModel(name: "plain", copyStatement: "copy into app.public.events from @app.public.landing"))
            #expect(try await pipes["plain"].fetch().pattern == nil)
        }
    }

    @Test(
        "statements of the shapes Snowpipe runs are accepted",
        arguments: [
            "COPY INTO events FROM @landing",
            "COPY INTO public.events (payload) FROM @public.landing/path/ file_format = (type = csv)",
            "COPY INTO \"EVENTS\" FROM (SELECT $1 FROM @landing/x (FILE_FORMAT => 'f'))",
            "COPY INTO events FROM @~/staged",
            "COPY INTO events FROM @%events",
            "COPY INTO events\n  FROM @landing\n  PATTERN = 'it''s.*'",
        ])
    func acceptedShapes(_ statement: String) async throws {
        try await withPipes { pipes, _, _ in
            try await pipes.create(PipeModel(name: "p", copyStatement: statement))
            #expect(try await pipes["p"].fetch().copyStatement == statement)
        }
    }

    @Test(
        "statements of another shape are a 400 that says the shape, and store nothing",
        arguments: [
            "COPY INTO @landing FROM events",
            "COPY INTO events",
            "COPY INTO events FROM landing",
            "COPY INTO events FROM (SELECT 1)",
            "COPY INTO events FROM (SELECT $1 FROM @landing",
            "COPY INTO FROM @landing",
        ])
    func refusedShapes(_ statement: String) async throws {
        try await withPipes { pipes, _, _ in
            let error = await capturedError { try await pipes.create(PipeModel(name: "p", copyStatement: statement)) }
            #expect(error?.code == .badRequest)
            #expect(error?.snowflakeCode == "001003")
            #expect(error?.message?.contains("COPY INTO <table>") == true, "\(error?.message ?? "no error")")
            #expect(await capturedError { _ = try await pipes["p"].fetch() }?.code == .notFound)
        }
    }

    @Test("a statement that is not a COPY INTO at all is a 400 (sent raw: the client's model follows the spec)")
    func notACopy() async throws {
        try await withPipes { _, _, emulator in
            let answer = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send(
                "POST", "/api/v2/databases/app/schemas/public/pipes", body: #"{"name":"p","copy_statement":"INSERT INTO events SELECT 1"}"#)
            #expect(answer.status == 400)
        }
    }

    @Test(
        "the target table and a named stage must exist",
        arguments: [
            ("COPY INTO absent FROM @landing", "table 'app.public.absent' does not exist or not authorized."),
            ("COPY INTO events FROM @absent_stage", "stage 'app.public.absent_stage' does not exist or not authorized."),
            ("COPY INTO events FROM @%absent", "table 'app.public.absent' does not exist or not authorized."),
            ("COPY INTO events FROM (SELECT $1 FROM @absent_stage)", "stage 'app.public.absent_stage' does not exist or not authorized."),
            ("COPY INTO nowhere.events FROM @landing", "schema 'app.nowhere' does not exist or not authorized."),
        ])
    func missingObjects(_ statement: String, _ message: String) async throws {
        try await withPipes { pipes, _, _ in
            let error = await capturedError { try await pipes.create(PipeModel(name: "p", copyStatement: statement)) }
            #expect(error?.code == .notFound)
            #expect(error?.message == message)
        }
    }

    @Test("the integrations a pipe names must exist; an SNS topic needs auto-ingest")
    func integrations() async throws {
        try await withPipes { pipes, _, _ in
            let error = await capturedError {
                try await pipes.create(PipeModel(name: "p", copyStatement: "COPY INTO events FROM @landing", errorIntegration: "absent_int"))
            }
            #expect(error?.code == .notFound)
            let topic = await capturedError {
                try await pipes.create(PipeModel(name: "p", copyStatement: "COPY INTO events FROM @landing", awsSnsTopic: "arn:aws:sns:x"))
            }
            #expect(topic?.code == .badRequest)
            try await pipes.create(PipeModel(
                name: "p", copyStatement: "COPY INTO events FROM @landing", autoIngest: true, awsSnsTopic: "arn:aws:sns:x"))
            #expect(try await pipes["p"].fetch().autoIngest == true)
        }
    }

    @Test("refresh records what was asked (prefix, modified after) and loads nothing")
    func refresh() async throws {
        let clock = ManualClock()
        try await withPipes(clock: clock) { pipes, _, emulator in
            try await pipes.create(PipeModel(name: "load", copyStatement: "COPY INTO events FROM @landing"))
            try await pipes["load"].refresh()
            clock.advance(by: 60)
            let since = clock.now().addingTimeInterval(-3600)
            try await pipes["load"].refresh(prefix: "2026/12/", modifiedAfter: since)
            let refreshes = try await emulator.pipeRefreshes(database: "app", schema: "public", pipe: "load")
            #expect(refreshes.count == 2)
            #expect(refreshes.first?.prefix == nil)
            #expect(refreshes.last?.prefix == "2026/12/")
            #expect(refreshes.last.map { abs(($0.modifiedAfter ?? .distantPast).timeIntervalSince(since)) < 1 } == true)
            #expect(refreshes.last?.requestedOn == clock.now())

            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let python = try await http.send("POST", "/api/v2/databases/app/schemas/public/pipes/load:refresh?modified_after=2025-12-31T23:00:00+00:00")
            #expect(python.status == 200, "\(python.text)")
            let bad = try await http.send("POST", "/api/v2/databases/app/schemas/public/pipes/load:refresh?modified_after=yesterday")
            #expect(bad.status == 400)
            let recorded = try await emulator.pipeRefreshes(database: "app", schema: "public", pipe: "load")
            #expect(recorded.count == 3)
            #expect(recorded.last?.modifiedAfter == Date(timeIntervalSince1970: 1_767_222_000), "the + of the offset is kept")

            #expect(await capturedError { try await pipes["absent"].refresh() }?.code == .notFound)
            try await pipes["absent"].refresh(ifExists: true)
        }
    }

    @Test("create modes, listing with like only, drop")
    func modesListingDrop() async throws {
        try await withPipes { pipes, _, _ in
            try await pipes.create(PipeModel(name: "p1", copyStatement: "COPY INTO events FROM @landing", comment: "first"))
            let conflict = await capturedError { try await pipes.create(PipeModel(name: "P1", copyStatement: "COPY INTO events FROM @landing")) }
            #expect(conflict?.code == .conflict)
            try await pipes.create(PipeModel(name: "p1", copyStatement: "COPY INTO events FROM @landing"), mode: .ifNotExists)
            #expect(try await pipes["p1"].fetch().comment == "first")
            try await pipes.create(PipeModel(name: "p1", copyStatement: "COPY INTO events FROM @~"), mode: .orReplace)
            #expect(try await pipes["p1"].fetch().comment == nil)
            try await pipes.create(PipeModel(name: "q1", copyStatement: "COPY INTO events FROM @landing"))
            #expect(try await pipes.list(like: "p%").collect().map(\.name) == ["P1"])
            #expect(try await pipes.list().collect().map(\.name) == ["P1", "Q1"])
            #expect(await capturedError { _ = try await pipes.list(startsWith: "P").collect() }?.code == .invalidArgument)
            try await pipes["q1"].drop()
            #expect(await capturedError { try await pipes["q1"].drop() }?.code == .notFound)
            try await pipes["q1"].drop(ifExists: true)
        }
    }
}
