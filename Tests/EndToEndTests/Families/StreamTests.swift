import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Streams end to end")
struct StreamTests {
    /// Runs `body` with the streams of `app.public`, where table `orders` and stage `landing` exist
    /// (made with plain requests, so these tests depend only on the wire of those families).
    private func withStreams(
        clock: ManualClock = ManualClock(), _ body: @Sendable (StreamCollection, Root, RunningEmulator) async throws -> Void
    ) async throws {
        try await withAppTableAndStage(clock: clock, table: #"{"name":"orders","columns":[{"name":"id","datatype":"NUMBER"}]}"#) { root, emulator in
            try await body(root.databases["app"].schemas["public"].streams, root, emulator)
        }
    }

    @Test("a stream on a table shows what SHOW STREAMS shows: the table, DEFAULT mode, DELTA, not stale, stale after 14 days")
    func onTable() async throws {
        try await withStreams { streams, _, emulator in
            let reference = try await streams.create(StreamModel(name: "changes", streamSource: .onTable("orders"), comment: "cdc"))
            let stream = try await reference.fetch()
            #expect(stream.name == "CHANGES")
            #expect(stream.tableName == "ORDERS")
            #expect(stream.mode == "DEFAULT")
            #expect(stream.type == "DELTA")
            #expect(stream.stale == false)
            #expect(stream.invalidReason == "N/A")
            #expect(stream.comment == "cdc")
            #expect((stream.databaseName, stream.schemaName, stream.owner, stream.ownerRoleType) == ("APP", "PUBLIC", "ACCOUNTADMIN", "ROLE"))
            let created = try #require(stream.createdOn)
            #expect(stream.staleAfter == created.addingTimeInterval(14 * 86_400))
            guard case .table(let source) = stream.streamSource else {
                Issue.record("expected a table source, got \(stream.streamSource)")
                return
            }
            #expect((source.name, source.databaseName, source.schemaName) == ("ORDERS", "APP", "PUBLIC"))

            try await streams.create(StreamModel(name: "inserts", streamSource: .onTable("orders", appendOnly: true, showInitialRows: true)))
            #expect(try await streams["inserts"].fetch().mode == "APPEND_ONLY")

            // Other table families are tracked as tables too.
            let events = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
                .send("POST", "/api/v2/databases/app/schemas/public/event-tables", body: #"{"name":"app_events"}"#)
            #expect(events.status == 200, "\(events.text)")
            try await streams.create(StreamModel(name: "event_changes", streamSource: .onTable("app_events")))
            #expect(try await streams["event_changes"].fetch().tableName == "APP_EVENTS")
        }
    }

    @Test("a stream on a stage tracks its directory table")
    func onStage() async throws {
        try await withStreams { streams, _, _ in
            try await streams.create(StreamModel(name: "files", streamSource: .onStage("landing")), copyGrants: false)
            let stream = try await streams["files"].fetch()
            #expect(stream.tableName == "LANDING")
            #expect(stream.mode == "DEFAULT")
            #expect(stream.streamSource.sourceType == "stage")
        }
    }

    @Test("a stream on a view: DEFAULT or APPEND_ONLY, the view as the tracked object")
    func onView() async throws {
        try await withStreams { streams, _, emulator in
            let view = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send(
                "POST", "/api/v2/databases/app/schemas/public/views", body: #"{"name":"recent_orders","columns":[],"query":"select * from orders"}"#)
            #expect(view.status == 200, "\(view.text)")
            try await streams.create(StreamModel(name: "v_all", streamSource: .onView("recent_orders")))
            try await streams.create(StreamModel(name: "v_new", streamSource: .onView("recent_orders", appendOnly: true)))
            let all = try await streams["v_all"].fetch()
            #expect((all.tableName, all.mode) == ("RECENT_ORDERS", "DEFAULT"))
            #expect(all.streamSource.sourceType == "view")
            #expect(try await streams["v_new"].fetch().mode == "APPEND_ONLY")
        }
    }

    @Test(
        "the tracked object must exist: a 404 that names it, and nothing stored",
        arguments: [
            (StreamSource.onTable("absent"), "table 'app.public.absent' does not exist or not authorized."),
            (.onView("absent_view"), "view 'app.public.absent_view' does not exist or not authorized."),
            (.onStage("absent_stage"), "stage 'app.public.absent_stage' does not exist or not authorized."),
            (.onExternalTable("absent_ext"), "external table 'app.public.absent_ext' does not exist or not authorized."),
            (.onTable("orders", schema: "nowhere"), "schema 'app.nowhere' does not exist or not authorized."),
            (.onTable("orders", database: "nodb"), "database 'nodb' does not exist or not authorized."),
        ])
    func missingSource(_ source: StreamSource, _ message: String) async throws {
        try await withStreams { streams, _, _ in
            let error = await capturedError { try await streams.create(StreamModel(name: "s", streamSource: source)) }
            #expect(error?.code == .notFound)
            #expect(error?.snowflakeCode == "002003")
            #expect(error?.message == message)
            #expect(await capturedError { _ = try await streams["s"].fetch() }?.code == .notFound)
        }
    }

    @Test("a stream on an external table must be insert-only")
    func externalTableInsertOnly() async throws {
        try await withStreams { streams, _, _ in
            let error = await capturedError {
                try await streams.create(StreamModel(name: "s", streamSource: .onExternalTable("ext", insertOnly: false)))
            }
            #expect(error?.code == .badRequest)
        }
    }

    @Test("a stream goes stale when its stale_after passes unconsumed, in fetch and in listings")
    func staleness() async throws {
        let clock = ManualClock()
        try await withStreams(clock: clock) { streams, _, _ in
            try await streams.create(StreamModel(name: "idle", streamSource: .onTable("orders")))
            clock.advance(by: 14 * 86_400 - 1)
            #expect(try await streams["idle"].fetch().stale == false)
            clock.advance(by: 1)
            #expect(try await streams["idle"].fetch().stale == true)
            #expect(try await streams.list().collect().map(\.stale) == [true])
        }
    }

    @Test("a point of time must lie within the source's life; a stream offset must come from a stream on the same source")
    func pointOfTime() async throws {
        let clock = ManualClock()
        try await withStreams(clock: clock) { streams, _, emulator in
            clock.advance(by: 600)
            try await streams.create(StreamModel(name: "recent", streamSource: .onTable("orders", at: .moment(.offset(seconds: -300)))))
            let early = await capturedError {
                try await streams.create(StreamModel(name: "early", streamSource: .onTable("orders", at: .moment(.offset(seconds: -3600)))))
            }
            #expect(early?.code == .badRequest)
            #expect(early?.snowflakeCode == "000707")

            try await streams.create(StreamModel(name: "same_offset", streamSource: .onTable("orders", at: .stream("recent"))))
            #expect(try await streams["same_offset"].fetch().tableName == "ORDERS")
            let absent = await capturedError {
                try await streams.create(StreamModel(name: "x", streamSource: .onTable("orders", at: .stream("absent"))))
            }
            #expect(absent?.code == .notFound)
            try await streams.create(StreamModel(name: "files", streamSource: .onStage("landing")))
            let other = await capturedError {
                try await streams.create(StreamModel(name: "x", streamSource: .onTable("orders", at: .stream("files"))))
            }
            #expect(other?.code == .badRequest)
        }
    }

    @Test("clone tracks the same source from the same offset, in this schema or another, with the create modes")
    func clone() async throws {
        let clock = ManualClock()
        try await withStreams(clock: clock) { streams, root, _ in
            try await streams.create(StreamModel(name: "src", streamSource: .onTable("orders", appendOnly: true), comment: "source"))
            let original = try await streams["src"].fetch()
            clock.advance(by: 3600)
            let copy = try await streams["src"].clone(as: "copy")
            let cloned = try await copy.fetch()
            #expect((cloned.name, cloned.tableName, cloned.mode, cloned.comment) == ("COPY", "ORDERS", "APPEND_ONLY", "source"))
            #expect(cloned.staleAfter == original.staleAfter)
            #expect(cloned.createdOn == original.createdOn?.addingTimeInterval(3600))

            try await root.databases["app"].schemas.create(SchemaModel(name: "audit"))
            let moved = try await streams["src"].clone(as: "audit_copy", comment: "audit", targetSchema: "audit", copyGrants: true)
            #expect(moved.fullyQualifiedName == "app.audit.audit_copy")
            let audit = try await moved.fetch()
            #expect((audit.schemaName, audit.tableName, audit.comment) == ("AUDIT", "ORDERS", "audit"))

            #expect(try await streams["src"].clone(as: "\"Quoted Copy\"").fetch().name == "\"Quoted Copy\"")
            #expect(await capturedError { try await streams["src"].clone(as: "copy") }?.code == .conflict)
            try await streams["src"].clone(as: "copy", mode: .ifNotExists)
            try await streams["src"].clone(as: "copy", comment: "replaced", mode: .orReplace)
            #expect(try await streams["copy"].fetch().comment == "replaced")
            #expect(await capturedError { try await streams["absent"].clone(as: "x") }?.code == .notFound)
            #expect(await capturedError { try await streams["src"].clone(as: "x", targetSchema: "nowhere") }?.code == .notFound)
        }
    }

    @Test("a clone body without a name is a 400")
    func cloneWithoutName() async throws {
        try await withStreams { streams, _, emulator in
            try await streams.create(StreamModel(name: "src", streamSource: .onTable("orders")))
            let answer = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
                .send("POST", "/api/v2/databases/app/schemas/public/streams/src:clone", body: #"{"comment":"x"}"#)
            #expect(answer.status == 400)
        }
    }

    @Test("create modes, listing with the four SHOW filters, drop")
    func modesListingDrop() async throws {
        try await withStreams { streams, _, _ in
            try await streams.create(StreamModel(name: "s1", streamSource: .onTable("orders"), comment: "first"))
            #expect(await capturedError { try await streams.create(StreamModel(name: "s1", streamSource: .onStage("landing"))) }?.code == .conflict)
            try await streams.create(StreamModel(name: "s1", streamSource: .onStage("landing")), mode: .ifNotExists)
            #expect(try await streams["s1"].fetch().comment == "first")
            try await streams.create(StreamModel(name: "s1", streamSource: .onStage("landing")), mode: .orReplace, copyGrants: true)
            #expect(try await streams["s1"].fetch().streamSource.sourceType == "stage")
            for name in ["s2", "t1", "t2"] { try await streams.create(StreamModel(name: name, streamSource: .onTable("orders"))) }
            #expect(try await streams.list(like: "s%").collect().map(\.name) == ["S1", "S2"])
            #expect(try await streams.list(startsWith: "T").collect().map(\.name) == ["T1", "T2"])
            #expect(try await streams.list(startsWith: "t").collect().isEmpty)
            #expect(try await streams.list(showLimit: 2).collect().map(\.name) == ["S1", "S2"])
            #expect(try await streams.list(fromName: "S2").collect().map(\.name) == ["T1", "T2"])
            try await streams["t2"].drop()
            #expect(await capturedError { try await streams["t2"].drop() }?.code == .notFound)
            try await streams["t2"].drop(ifExists: true)
            #expect(try await streams.list().collect().map(\.name) == ["S1", "S2", "T1"])
        }
    }
}
