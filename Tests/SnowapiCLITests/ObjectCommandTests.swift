import Foundation
import SnowapiCLI
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

/// `snowapi object ...` end to end against an in-process emulator.
@Suite("snowapi object")
struct ObjectCommandTests {
    /// Runs snowapi in process; returns the exit code, standard output and standard error.
    private func snowapi(_ arguments: [String]) async -> (code: Int32, output: [String], errors: [String]) {
        let collector = ConsoleCollector()
        let code = await Console.$collector.withValue(collector) { await SnowapiCommand.invoke(arguments) }
        return (code, collector.output, collector.errors)
    }

    private func withEmulator(_ body: @Sendable (_ connection: [String], _ emulator: RunningEmulator) async throws -> Void) async throws {
        try await Emulator.withRunning(TestEmulator.configuration()) { emulator in
            try await body(["--emulator", emulator.baseURL, "--token", emulator.adminToken], emulator)
        }
    }

    @Test("create, list, describe and drop a database, as a table and as JSON")
    func databaseLifecycle() async throws {
        try await withEmulator { connection, _ in
            let created = await snowapi(["object", "create", "database", "name=sales", "comment=the numbers", "data_retention_time_in_days=3"] + connection)
            #expect(created.code == 0)
            #expect(created.output == ["Database sales created."])
            let table = await snowapi(["object", "list", "database", "--like", "sal%"] + connection)
            #expect(table.code == 0)
            #expect(table.output.first?.hasPrefix("name   kind       comment") == true)
            #expect(table.output.last?.hasPrefix("SALES  PERMANENT  the numbers  ACCOUNTADMIN  3") == true)
            let json = await snowapi(["object", "list", "database", "--format", "json"] + connection)
            let objects = try JSONSerialization.jsonObject(with: Data(json.output.joined().utf8)) as? [[String: Any]]
            #expect(objects?.map { $0["name"] as? String } == ["SALES"])
            let described = await snowapi(["object", "describe", "database", "sales"] + connection)
            #expect(described.output.contains { $0.hasPrefix("comment") && $0.hasSuffix("the numbers") })
            #expect(await snowapi(["object", "drop", "database", "sales"] + connection).code == 0)
            #expect(await snowapi(["object", "drop", "database", "sales", "--if-exists"] + connection).code == 0)
            #expect(await snowapi(["object", "undrop", "database", "sales"] + connection).code == 0)
        }
    }

    @Test("tasks: create from JSON, act on them, list with filters")
    func tasks() async throws {
        try await withEmulator { connection, _ in
            #expect(await snowapi(["object", "create", "database", "name=db"] + connection).code == 0)
            let file = (NSTemporaryDirectory() as NSString).appendingPathComponent("task-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(atPath: file) }
            try #"{"name":"nightly","definition":"select 1","schedule":{"schedule_type":"MINUTES_TYPE","minutes":60}}"#
                .write(toFile: file, atomically: true, encoding: .utf8)
            let place = ["--database", "db", "--schema", "public"]
            #expect(await snowapi(["object", "create", "task", "--json", file] + place + connection).code == 0)
            #expect(await snowapi(["object", "create", "task", "--json", file, "--mode", "or-replace"] + place + connection).code == 0)
            for verb in ["resume", "suspend", "execute"] {
                let acted = await snowapi(["object", verb, "task", "nightly"] + place + connection)
                #expect(acted.code == 0, "\(verb)")
            }
            let listed = await snowapi(["object", "list", "task", "--starts-with", "NIGHT", "--limit", "5"] + place + connection)
            #expect(listed.output.count == 3)
            #expect(listed.output.last?.hasPrefix("NIGHTLY  suspended") == true)
        }
    }

    @Test("exit codes tell usage errors, not found, conflicts and authentication failures apart")
    func exitCodes() async throws {
        try await withEmulator { connection, emulator in
            let unknown = await snowapi(["object", "list", "sandwich"] + connection)
            #expect(unknown.code == 64)
            #expect(unknown.errors.joined().contains("Known types: database, schema, task, user"))
            #expect(await snowapi(["object", "list", "schema"] + connection).code == 64, "a schema needs --database")
            #expect(await snowapi(["object", "resume", "database", "x"] + connection).code == 64, "databases cannot be resumed")
            #expect(await snowapi(["object", "create", "database"] + connection).code == 64, "no fields")
            #expect(await snowapi(["object", "list", "database", "--limit", "0"] + connection).code == 64)

            let missing = await snowapi(["object", "describe", "database", "nowhere"] + connection)
            #expect(missing.code == 3)
            #expect(missing.errors.count == 1)
            #expect(missing.errors.first?.contains("database 'nowhere' does not exist or not authorized. (HTTP 404, Snowflake code 002003") == true)
            #expect(missing.output == [])
            let created = await snowapi(["object", "create", "database", "name=twice"] + connection)
            #expect(created.code == 0)
            let conflict = await snowapi(["object", "create", "database", "name=twice"] + connection)
            #expect(conflict.code == 4)
            let denied = await snowapi(["object", "list", "database", "--emulator", emulator.baseURL, "--token", "wrong"])
            #expect(denied.code == 5)
            let paragraph = try #require(denied.errors.first)
            #expect(paragraph.hasPrefix("snowapi: listing databases failed: Invalid access token. (HTTP 401, Snowflake code 390104, request id "))
            #expect(await snowapi(["object", "list", "database", "--emulator", "http://127.0.0.1:1", "--token", "t"]).code == 6)
        }
    }
}
