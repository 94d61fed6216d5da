import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Event tables end to end")
struct EventTableTests {
    private func withSchema(_ body: @Sendable (SchemaResource, Root, RunningEmulator) async throws -> Void) async throws {
        try await TestEmulator.withRoot { root, emulator in
            try await root.databases.create(DatabaseModel(name: "db"))
            try await body(root.databases["db"].schemas["public"], root, emulator)
        }
    }

    @Test("an event table has Snowflake's fixed columns and its server fields")
    func create() async throws {
        try await withSchema { schema, _, _ in
            let table = try await schema.eventTables.create(EventTableModel(name: "events", changeTracking: true, comment: "app"))
            let fetched = try await table.fetch()
            #expect(fetched.name == "EVENTS")
            #expect(fetched.columns?.map { "\($0.name ?? ""):\($0.datatype ?? "")" } == [
                "TIMESTAMP:TIMESTAMP_NTZ(9)", "START_TIMESTAMP:TIMESTAMP_NTZ(9)", "OBSERVED_TIMESTAMP:TIMESTAMP_NTZ(9)",
                "TRACE:OBJECT", "RESOURCE:OBJECT", "RESOURCE_ATTRIBUTES:OBJECT", "SCOPE:OBJECT", "SCOPE_ATTRIBUTES:OBJECT",
                "RECORD_TYPE:VARCHAR(16777216)", "RECORD:OBJECT", "RECORD_ATTRIBUTES:OBJECT", "VALUE:VARIANT", "EXEMPLARS:ARRAY",
            ])
            #expect(fetched.columns?.allSatisfy { $0.nullable == true } == true)
            #expect(fetched.changeTracking == true)
            #expect(fetched.comment == "app")
            #expect(fetched.dataRetentionTimeInDays == 1)
            #expect(fetched.maxDataExtensionTimeInDays == 14)
            #expect(fetched.rows == 0)
            #expect(fetched.bytes == 0)
            #expect(fetched.automaticClustering == false)
            #expect(fetched.searchOptimization == false)
            #expect(fetched.databaseName == "DB")
            #expect(fetched.schemaName == "PUBLIC")
            #expect(fetched.owner == "ACCOUNTADMIN")
            #expect(fetched.ownerRoleType == "ROLE")
            #expect(fetched.createdOn != nil)
        }
    }

    @Test("retention comes from the schema and is checked; a clustering key names columns", arguments: [
        (EventTableModel(name: "e", dataRetentionTimeInDays: 91), SnowflakeError.Code.badRequest),
        (EventTableModel(name: "e", maxDataExtensionTimeInDays: -1), .badRequest),
        (EventTableModel(name: "e", clusterBy: ["nope"]), .badRequest),
    ])
    func rules(_ model: EventTableModel, _ code: SnowflakeError.Code) async throws {
        try await withSchema { schema, root, _ in
            #expect(await capturedError { try await schema.eventTables.create(model) }?.code == code)
            try await root.databases["db"].schemas.create(SchemaModel(name: "keep", dataRetentionTimeInDays: 5))
            let keep = root.databases["db"].schemas["keep"]
            try await keep.eventTables.create(EventTableModel(name: "e", clusterBy: ["timestamp", "to_date(timestamp)"]))
            let fetched = try await keep.eventTables["e"].fetch()
            #expect(fetched.dataRetentionTimeInDays == 5)
            #expect(fetched.clusterBy == ["timestamp", "to_date(timestamp)"])
            #expect(fetched.automaticClustering == true)
        }
    }

    @Test("rename keeps the table, its tags and frees the old name; clashes and missing tables are refused")
    func rename() async throws {
        try await withSchema { schema, root, _ in
            try await schema.tags.create(TagModel(name: "owner"))
            let table = try await schema.eventTables.create(EventTableModel(name: "events", comment: "kept"))
            try await table.setTags([schema.tags["owner"]: "ops"])
            let renamed = try await table.rename(to: "app_events")
            #expect(renamed.name == "app_events")
            let fetched = try await renamed.fetch()
            #expect(fetched.name == "APP_EVENTS")
            #expect(fetched.comment == "kept")
            #expect(try await renamed.fetchTags().map(\.value.value) == ["ops"])
            #expect(await capturedError { _ = try await table.fetch() }?.code == .notFound)
            #expect(await capturedError { try await table.rename(to: "other") }?.code == .notFound)
            try await table.rename(to: "other", ifExists: true)

            try await schema.eventTables.create(EventTableModel(name: "second"))
            #expect(await capturedError { try await schema.eventTables["second"].rename(to: "app_events") }?.code == .conflict)
            try await schema.views.create(ViewModel(name: "v", columns: [], query: "select 1"))
            #expect(await capturedError { try await schema.eventTables["second"].rename(to: "v") }?.code == .conflict)

            // A qualified target name moves the table to another schema.
            try await root.databases["db"].schemas.create(SchemaModel(name: "archive"))
            try await schema.eventTables["second"].rename(to: "db.archive.old_events")
            #expect(try await root.databases["db"].schemas["archive"].eventTables["old_events"].fetch().schemaName == "ARCHIVE")
            #expect(await capturedError { try await renamed.rename(to: "db.nosuch.x") }?.code == .notFound)
        }
    }

    @Test("create modes, listing filters and drop")
    func modesListingDrop() async throws {
        try await withSchema { schema, _, emulator in
            try await schema.eventTables.create(EventTableModel(name: "a1", comment: "first"), copyGrants: false)
            #expect(await capturedError { try await schema.eventTables.create(EventTableModel(name: "a1")) }?.code == .conflict)
            try await schema.eventTables.create(EventTableModel(name: "a1", comment: "second"), mode: .ifNotExists)
            #expect(try await schema.eventTables["a1"].fetch().comment == "first")
            try await schema.eventTables.create(EventTableModel(name: "a1", comment: "second"), mode: .orReplace)
            #expect(try await schema.eventTables["a1"].fetch().comment == "second")
            try await schema.eventTables.create(EventTableModel(name: "a2"))
            try await schema.eventTables.create(EventTableModel(name: "b1"))
            #expect(try await schema.eventTables.list(like: "a%").collect().map(\.name) == ["A1", "A2"])
            #expect(try await schema.eventTables.list(startsWith: "B").collect().map(\.name) == ["B1"])
            #expect(try await schema.eventTables.list(showLimit: 1, fromName: "A1").collect().map(\.name) == ["A2"])
            try await schema.eventTables["a1"].drop()
            #expect(await capturedError { try await schema.eventTables["a1"].drop() }?.code == .notFound)
            try await schema.eventTables["a1"].drop(ifExists: true)
            let rename = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
                .send("POST", "/api/v2/databases/db/schemas/public/event-tables/a2:rename")
            #expect(rename.status == 400)
        }
    }
}
