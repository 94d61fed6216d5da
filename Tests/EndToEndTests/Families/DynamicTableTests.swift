import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Dynamic tables end to end")
struct DynamicTableTests {
    /// Runs `body` with `db.public`, a warehouse `wh` and an event table `events` to read from.
    private func withSchema(
        clock: ManualClock = ManualClock(), _ body: @Sendable (SchemaResource, Root, RunningEmulator) async throws -> Void
    ) async throws {
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            try await root.databases.create(DatabaseModel(name: "db"))
            try await root.warehouses.create(WarehouseModel(name: "wh"))
            let schema = root.databases["db"].schemas["public"]
            try await schema.eventTables.create(EventTableModel(name: "events"))
            try await body(schema, root, emulator)
        }
    }

    private func totals(_ name: String = "totals", lag: DynamicTableTargetLag = .seconds(3600), clusterBy: [String]? = nil) -> DynamicTableModel {
        DynamicTableModel(
            name: name, targetLag: lag, warehouse: "wh", query: "select record_type, count(*) from events group by record_type",
            columns: [DynamicTableColumn(name: "kind", datatype: "varchar"), DynamicTableColumn(name: "n")], clusterBy: clusterBy)
    }

    @Test("a new dynamic table is RUNNING with its definition and the server fields")
    func create() async throws {
        try await withSchema { schema, _, _ in
            let table = try await schema.dynamicTables.create(totals(clusterBy: ["kind"]))
            let fetched = try await table.fetch()
            #expect(fetched.name == "TOTALS")
            #expect(fetched.targetLag == .seconds(3600))
            #expect(fetched.warehouse == "WH")
            #expect(fetched.schedulingState == .running)
            #expect(fetched.kind == "PERMANENT")
            #expect(fetched.refreshMode == "AUTO")
            #expect(fetched.initialize == "ON_CREATE")
            #expect(fetched.columns?.map(\.name) == ["KIND", "N"])
            #expect(fetched.columns?.first?.datatype == "varchar")
            #expect(fetched.automaticClustering == true)
            #expect(fetched.dataRetentionTimeInDays == 1)
            #expect(fetched.maxDataExtensionTimeInDays == 14)
            #expect(fetched.rows == 0)
            #expect(fetched.bytes == 0)
            #expect(fetched.scheduler == "ENABLE")
            #expect(fetched.owner == "ACCOUNTADMIN")
            #expect(fetched.databaseName == "DB")
            #expect(fetched.schemaName == "PUBLIC")
            try await schema.dynamicTables.create(totals("downstream", lag: .downstream))
            #expect(try await schema.dynamicTables["downstream"].fetch().targetLag == .downstream)
            // The fields snowflake.core sends beyond the spec are kept and checked.
            var extras = totals("extras")
            extras.initializationWarehouse = "wh"
            extras.logLevel = "info"
            extras.rowTimestamp = true
            extras.backfillFrom = "events"
            try await schema.dynamicTables.create(extras)
            let kept = try await schema.dynamicTables["extras"].fetch()
            #expect(kept.initializationWarehouse == "WH")
            #expect(kept.logLevel == "INFO")
            #expect(kept.rowTimestamp == true)
            #expect(kept.backfillFrom == "events")
            extras.name = "extras2"
            extras.initializationWarehouse = "ghost_wh"
            #expect(await capturedError { _ = try await schema.dynamicTables.create(extras) }?.code == .notFound)
            extras.initializationWarehouse = nil
            extras.backfillFrom = "ghost"
            #expect(await capturedError { _ = try await schema.dynamicTables.create(extras) }?.code == .notFound)
        }
    }

    @Test("refused definitions: missing warehouse, short lag, missing source, bad enums, transient retention")
    func refusals() async throws {
        try await withSchema { schema, _, emulator in
            var noWarehouse = totals()
            noWarehouse.warehouse = "ghost_wh"
            let missing = await capturedError { try await schema.dynamicTables.create(noWarehouse) }
            #expect(missing?.code == .notFound)
            #expect(missing?.message == "warehouse 'ghost_wh' does not exist or not authorized.")
            #expect(await capturedError { try await schema.dynamicTables.create(totals(lag: .seconds(59))) }?.code == .badRequest)
            var ghostSource = totals()
            ghostSource.query = "select * from ghost"
            let source = await capturedError { try await schema.dynamicTables.create(ghostSource) }
            #expect(source?.code == .notFound)
            #expect(source?.message == "sql compilation error:\nobject 'db.public.ghost' does not exist or not authorized.")
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let badMode = try await http.send(
                "POST", "/api/v2/databases/db/schemas/public/dynamic-tables",
                body: #"{"name":"t","target_lag":{"type":"DOWNSTREAM"},"warehouse":"wh","query":"select 1","refresh_mode":"sometimes"}"#)
            #expect(badMode.status == 400)
            var transient = totals()
            transient.kind = "TRANSIENT"
            transient.dataRetentionTimeInDays = 2
            #expect(await capturedError { try await schema.dynamicTables.create(transient) }?.code == .badRequest)
            #expect(await capturedError { try await schema.dynamicTables.create(totals("events")) }?.code == .conflict)
            let badLag = try await http.send(
                "POST", "/api/v2/databases/db/schemas/public/dynamic-tables",
                body: #"{"name":"t","target_lag":{"type":"SOMETIMES"},"warehouse":"wh","query":"select 1"}"#)
            #expect(badLag.status == 400)
            let remaining = try await schema.dynamicTables.list().collect()
            #expect(remaining.isEmpty)
        }
    }

    @Test("SELECT * FROM a table-like object gives the columns and their types")
    func starColumns() async throws {
        try await withSchema { schema, _, _ in
            try await schema.dynamicTables.create(DynamicTableModel(name: "copy", targetLag: .downstream, warehouse: "wh", query: "select * from events"))
            let columns = try await schema.dynamicTables["copy"].fetch().columns
            #expect(columns?.count == 13)
            #expect(columns?.last?.name == "EXEMPLARS")
            #expect(columns?.last?.datatype == "ARRAY")
        }
    }

    @Test("suspend and resume move scheduling_state; refresh is recorded and computes nothing")
    func suspendResumeRefresh() async throws {
        try await withSchema { schema, _, emulator in
            let table = try await schema.dynamicTables.create(totals())
            try await table.suspend()
            #expect(try await table.fetch().schedulingState == .suspended)
            try await table.suspend()
            try await table.resume()
            #expect(try await table.fetch().schedulingState == .running)
            try await table.refresh()
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let answer = try await http.send("POST", "/api/v2/databases/db/schemas/public/dynamic-tables/totals:refresh")
            #expect(answer.status == 200)
            #expect((answer.object?["status"] as? String)?.contains("request 2") == true)
            #expect((answer.object?["status"] as? String)?.contains("no rows were computed") == true)
            #expect(try await table.fetch().rows == 0)
            #expect(await capturedError { try await schema.dynamicTables["ghost"].refresh() }?.code == .notFound)
            try await schema.dynamicTables["ghost"].refresh(ifExists: true)
            try await schema.dynamicTables["ghost"].suspend(ifExists: true)
        }
    }

    @Test("suspend-recluster and resume-recluster switch automatic clustering of a clustered table")
    func recluster() async throws {
        try await withSchema { schema, _, _ in
            let table = try await schema.dynamicTables.create(totals(clusterBy: ["kind"]))
            try await table.suspendRecluster()
            #expect(try await table.fetch().automaticClustering == false)
            try await table.resumeRecluster()
            #expect(try await table.fetch().automaticClustering == true)
            let plain = try await schema.dynamicTables.create(totals("plain"))
            try await plain.resumeRecluster()
            #expect(try await plain.fetch().automaticClustering == false)
            try await schema.dynamicTables["ghost"].resumeRecluster(ifExists: true)
            #expect(await capturedError { try await schema.dynamicTables["ghost"].suspendRecluster() }?.code == .notFound)
        }
    }

    @Test("swap-with trades names; the other table must exist")
    func swap() async throws {
        try await withSchema { schema, root, _ in
            try await schema.dynamicTables.create(totals("a", lag: .seconds(60)))
            try await schema.dynamicTables.create(totals("b", lag: .downstream))
            try await schema.dynamicTables["a"].swap(with: "b")
            #expect(try await schema.dynamicTables["a"].fetch().targetLag == .downstream)
            #expect(try await schema.dynamicTables["b"].fetch().targetLag == .seconds(60))
            #expect(await capturedError { try await schema.dynamicTables["a"].swap(with: "ghost") }?.code == .notFound)
            #expect(await capturedError { try await schema.dynamicTables["a"].swap(with: "a") }?.code == .badRequest)
            try await schema.dynamicTables["ghost"].swap(with: "a", ifExists: true)
            try await root.databases["db"].schemas.create(SchemaModel(name: "other"))
            try await root.databases["db"].schemas["other"].dynamicTables.create(
                DynamicTableModel(name: "c", targetLag: .seconds(120), warehouse: "wh", query: "select * from db.public.events"))
            // Across schemas each name stays where it is and the definitions trade places.
            try await schema.dynamicTables["a"].swap(with: "c", targetSchema: "other")
            let a = try await schema.dynamicTables["a"].fetch()
            #expect(a.targetLag == .seconds(120))
            #expect(a.schemaName == "PUBLIC")
            let c = try await root.databases["db"].schemas["other"].dynamicTables["c"].fetch()
            #expect(c.targetLag == .downstream)
            #expect(c.schemaName == "OTHER")
        }
    }

    @Test("clone keeps the query and takes the new lag and warehouse; the warehouse must exist")
    func clone() async throws {
        try await withSchema { schema, root, _ in
            try await root.warehouses.create(WarehouseModel(name: "dev_wh"))
            let source = try await schema.dynamicTables.create(totals())
            try await source.suspend()
            let copy = try await source.clone(as: DynamicTableCloneRequest(name: "copy", targetLag: .downstream, warehouse: "dev_wh"))
            let fetched = try await copy.fetch()
            #expect(fetched.name == "COPY")
            #expect(fetched.query == "select record_type, count(*) from events group by record_type")
            #expect(fetched.targetLag == .downstream)
            #expect(fetched.warehouse == "DEV_WH")
            #expect(fetched.schedulingState == .running)
            #expect(fetched.columns?.map(\.name) == ["KIND", "N"])
            #expect(await capturedError { try await source.clone(as: DynamicTableCloneRequest(name: "copy")) }?.code == .conflict)
            try await source.clone(as: DynamicTableCloneRequest(name: "copy"), mode: .orReplace, copyGrants: true)
            #expect(try await schema.dynamicTables["copy"].fetch().targetLag == .seconds(3600))
            let badWarehouse = await capturedError { try await source.clone(as: DynamicTableCloneRequest(name: "c2", warehouse: "ghost")) }
            #expect(badWarehouse?.code == .notFound)
            try await root.databases["db"].schemas.create(SchemaModel(name: "dev"))
            let moved = try await source.clone(as: DynamicTableCloneRequest(name: "c3", pointOfTime: .offset(seconds: 0)), targetSchema: "dev")
            #expect(try await moved.fetch().schemaName == "DEV")
        }
    }

    @Test("drop keeps the table for undrop within its retention; a name taken again blocks undrop")
    func dropUndrop() async throws {
        let clock = ManualClock()
        try await withSchema(clock: clock) { schema, _, _ in
            let table = try await schema.dynamicTables.create(totals())
            try await table.drop()
            #expect(await capturedError { _ = try await table.fetch() }?.code == .notFound)
            try await table.undrop()
            #expect(try await table.fetch().name == "TOTALS")
            try await table.drop()
            try await schema.views.create(ViewModel(name: "totals", columns: [], query: "select 1"))
            #expect(await capturedError { try await table.undrop() }?.code == .conflict)
            try await schema.views["totals"].drop()
            clock.advance(by: 2 * 86_400)
            #expect(await capturedError { try await table.undrop() }?.code == .badRequest)
            let none = try await schema.dynamicTables.create(DynamicTableModel(
                name: "none", targetLag: .downstream, warehouse: "wh", query: "select 1", dataRetentionTimeInDays: 0))
            try await none.drop()
            #expect(await capturedError { try await none.undrop() }?.code == .badRequest)
        }
    }

    @Test("listing shows columns only with deep, and filters by name")
    func listing() async throws {
        try await withSchema { schema, _, _ in
            try await schema.dynamicTables.create(totals("a1"))
            try await schema.dynamicTables.create(totals("b1"))
            let shallow = try await schema.dynamicTables.list().collect()
            #expect(shallow.map(\.name) == ["A1", "B1"])
            #expect(shallow.allSatisfy { $0.columns == nil })
            #expect(try await schema.dynamicTables.list(deep: true).collect().map { $0.columns?.count } == [2, 2])
            #expect(try await schema.dynamicTables.list(like: "b%").collect().map(\.name) == ["B1"])
            #expect(try await schema.dynamicTables.list(startsWith: "A").collect().map(\.name) == ["A1"])
        }
    }
}
