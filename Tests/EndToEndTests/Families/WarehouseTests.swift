import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Warehouses end to end")
struct WarehouseTests {
    @Test("a new warehouse is started, with the defaults SHOW WAREHOUSES shows")
    func createWithDefaults() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let reference = try await root.warehouses.create(WarehouseModel(name: "etl_wh"))
            #expect(reference.name == "etl_wh")
            let warehouse = try await reference.fetch()
            #expect(warehouse.name == "ETL_WH")
            #expect(warehouse.state == .started)
            #expect(warehouse.warehouseSize == "X-Small")
            #expect(warehouse.size == "X-Small")
            #expect(warehouse.warehouseType == "STANDARD")
            #expect(warehouse.type == "STANDARD")
            #expect(warehouse.autoSuspend == 600)
            #expect(warehouse.autoResume == true)
            #expect(warehouse.minClusterCount == 1)
            #expect(warehouse.maxClusterCount == 1)
            #expect(warehouse.scalingPolicy == "STANDARD")
            #expect(warehouse.startedClusters == 1)
            #expect(warehouse.enableQueryAcceleration == false)
            #expect(warehouse.queryAccelerationMaxScaleFactor == 8)
            #expect(warehouse.maxConcurrencyLevel == 8)
            #expect(warehouse.statementQueuedTimeoutInSeconds == 0)
            #expect(warehouse.statementTimeoutInSeconds == 172_800)
            #expect((warehouse.running, warehouse.queued) == (0, 0))
            #expect(warehouse.comment == nil)
            #expect(warehouse.owner == "ACCOUNTADMIN")
            #expect(warehouse.ownerRoleType == "ROLE")
            #expect(warehouse.createdOn != nil)
            #expect(warehouse.resumedOn == warehouse.createdOn)

            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("GET", "/api/v2/warehouses/etl_wh")
            #expect(raw.object?["auto_resume"] as? String == "true", "the yes/no properties are strings on the wire")
            #expect(raw.object?["initially_suspended"] == nil, "a create-only property is not shown")
            #expect(await capturedError { try await root.warehouses.create(WarehouseModel(name: "ETL_WH")) }?.code == .conflict)
        }
    }

    @Test("resume is idempotent; suspending a suspended warehouse is Snowflake's error")
    func resumeAndSuspend() async throws {
        try await TestEmulator.withRoot { root, _ in
            let warehouse = try await root.warehouses.create(WarehouseModel(name: "w", initiallySuspended: true))
            let created = try await warehouse.fetch()
            #expect(created.state == .suspended)
            #expect(created.startedClusters == 0)
            #expect(created.resumedOn == nil)
            try await warehouse.resume()
            #expect(try await warehouse.fetch().state == .started)
            try await warehouse.resume()
            #expect(try await warehouse.fetch().state == .started)
            try await warehouse.suspend()
            #expect(try await warehouse.fetch().state == .suspended)
            let again = await capturedError { try await warehouse.suspend() }
            #expect(again?.code == .badRequest)
            #expect(again?.message == "invalid state. warehouse 'w' cannot be suspended.")

            let missing = root.warehouses["missing"]
            #expect(await capturedError { try await missing.suspend() }?.code == .notFound)
            #expect(await capturedError { try await missing.resume() }?.message == "warehouse 'missing' does not exist or not authorized.")
            try await missing.suspend(ifExists: true)
            try await missing.resume(ifExists: true)
        }
    }

    struct SizeCase: Sendable, CustomTestStringConvertible {
        let requested: String
        let shown: String
        var testDescription: String { "\(requested) → \(shown)" }
    }

    @Test("sizes are read in every spelling Snowflake takes and shown as SHOW spells them", arguments: [
        SizeCase(requested: "xsmall", shown: "X-Small"), SizeCase(requested: "X-SMALL", shown: "X-Small"),
        SizeCase(requested: "SMALL", shown: "Small"), SizeCase(requested: "Medium", shown: "Medium"),
        SizeCase(requested: "XLARGE", shown: "X-Large"), SizeCase(requested: "XXLARGE", shown: "2X-Large"),
        SizeCase(requested: "X3LARGE", shown: "3X-Large"), SizeCase(requested: "4X-Large", shown: "4X-Large"),
        SizeCase(requested: "x6large", shown: "6X-Large"),
    ])
    func sizes(_ size: SizeCase) async throws {
        try await TestEmulator.withRoot { root, _ in
            try await root.warehouses.create(WarehouseModel(name: "w", warehouseSize: size.requested))
            let warehouse = try await root.warehouses["w"].fetch()
            #expect(warehouse.warehouseSize == size.shown)
            #expect(warehouse.size == size.shown)
        }
    }

    @Test("enumerated properties and numbers are checked with Snowflake's messages")
    func validation() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let refused: [(WarehouseModel, String)] = [
                (WarehouseModel(name: "w", warehouseSize: "f"), "invalid type of property 'f' for 'warehouse_size'"),
                (WarehouseModel(name: "w", warehouseType: "turbo"), "invalid property 'turbo' for 'warehouse_type'"),
                (WarehouseModel(name: "w", scalingPolicy: "lavish"), "invalid value 'lavish' for property 'scaling_policy'"),
                (WarehouseModel(name: "w", autoSuspend: -1), "invalid value '-1' for property 'auto_suspend'"),
                (WarehouseModel(name: "w", queryAccelerationMaxScaleFactor: 101), "invalid value '101' for property 'query_acceleration_max_scale_factor'"),
            ]
            for (model, message) in refused {
                let error = await capturedError { try await root.warehouses.create(model) }
                #expect(error?.code == .badRequest)
                #expect(error?.message == message)
            }
            let clusters = await capturedError { try await root.warehouses.create(WarehouseModel(name: "w", maxClusterCount: 2, minClusterCount: 3)) }
            #expect(clusters?.code == .badRequest)
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            #expect(try await http.send("POST", "/api/v2/warehouses", body: #"{"name":"w","auto_resume":"yes"}"#).status == 400)
            #expect(try await root.warehouses.list().collect().isEmpty, "nothing refused was stored")

            try await root.warehouses.create(WarehouseModel(name: "snowpark", warehouseType: "snowpark-optimized"))
            let snowpark = try await root.warehouses["snowpark"].fetch()
            #expect(snowpark.warehouseType == "SNOWPARK-OPTIMIZED")
            #expect(snowpark.warehouseSize == "Medium", "a Snowpark-optimized warehouse is MEDIUM by default")
        }
    }

    @Test("create-or-alter: a resize keeps the state, omitted properties go back to their defaults, initially_suspended is ignored")
    func createOrAlter() async throws {
        try await TestEmulator.withRoot { root, _ in
            let warehouse = root.warehouses["w"]
            try await warehouse.createOrAlter(WarehouseModel(name: "w", warehouseSize: "SMALL", initiallySuspended: true, comment: "first"))
            let created = try await warehouse.fetch()
            #expect((created.state, created.warehouseSize, created.comment) == (.suspended, "Small", "first"))

            try await warehouse.createOrAlter(WarehouseModel(name: "w", warehouseSize: "LARGE", autoSuspend: 120))
            let resized = try await warehouse.fetch()
            #expect(resized.state == .suspended, "resizing a suspended warehouse keeps it suspended")
            #expect(resized.warehouseSize == "Large")
            #expect(resized.autoSuspend == 120)
            #expect(resized.comment == nil, "an omitted comment is unset")
            #expect(resized.createdOn == created.createdOn)

            try await warehouse.resume()
            try await warehouse.createOrAlter(WarehouseModel(name: "w", initiallySuspended: true))
            let altered = try await warehouse.fetch()
            #expect(altered.state == .started, "initially_suspended is create-only")
            #expect(altered.warehouseSize == "X-Small", "an omitted size goes back to X-Small")
            #expect(altered.autoSuspend == 600)

            let mismatch = await capturedError { try await warehouse.createOrAlter(WarehouseModel(name: "other")) }
            #expect(mismatch?.code == .badRequest)
        }
    }

    @Test("a started warehouse idle for auto_suspend seconds shows suspended; activity and auto_suspend 0 keep it started")
    func autoSuspend() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, _ in
            let warehouse = try await root.warehouses.create(WarehouseModel(name: "w", autoSuspend: 60))
            let created = try await warehouse.fetch()
            clock.advance(by: 59)
            #expect(try await warehouse.fetch().state == .started)
            clock.advance(by: 1)
            let suspended = try await warehouse.fetch()
            #expect(suspended.state == .suspended)
            #expect(suspended.startedClusters == 0)
            #expect(suspended.updatedOn == created.createdOn!.addingTimeInterval(60), "it suspended when its idle time ran out")
            #expect(try await root.warehouses.list(like: "w").collect().map(\.state) == [.suspended], "listing shows the same state")
            #expect(await capturedError { try await warehouse.suspend() }?.code == .badRequest, "it acts suspended too")

            try await warehouse.resume()
            #expect(try await warehouse.fetch().resumedOn == clock.now())
            clock.advance(by: 50)
            try await warehouse.use()
            clock.advance(by: 50)
            #expect(try await warehouse.fetch().state == .started, "use counts as activity")
            clock.advance(by: 10)
            #expect(try await warehouse.fetch().state == .suspended)

            try await root.warehouses.create(WarehouseModel(name: "never", autoSuspend: 0))
            clock.advance(by: 30 * 86_400)
            #expect(try await root.warehouses["never"].fetch().state == .started, "auto_suspend 0 never suspends")
        }
    }

    @Test("use resumes a suspended warehouse only when auto_resume is true")
    func autoResume() async throws {
        try await TestEmulator.withRoot { root, _ in
            let resumes = try await root.warehouses.create(WarehouseModel(name: "resumes", initiallySuspended: true))
            try await resumes.use()
            #expect(try await resumes.fetch().state == .started)
            let stays = try await root.warehouses.create(WarehouseModel(name: "stays", autoResume: false, initiallySuspended: true))
            try await stays.use()
            #expect(try await stays.fetch().state == .suspended)
            #expect(await capturedError { try await root.warehouses["missing"].use() }?.code == .notFound)
        }
    }

    @Test("creating a warehouse and use make it the session's current warehouse")
    func currentWarehouse() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            func current() async throws -> String? {
                try await http.send("GET", "/api/v2/session/default-warehouse").object?["session_default"] as? String
            }
            try await root.warehouses.create(WarehouseModel(name: "first"))
            #expect(try await current() == "FIRST")
            try await root.warehouses.create(WarehouseModel(name: "second"))
            #expect(try await current() == "SECOND")
            try await root.warehouses["first"].use()
            #expect(try await current() == "FIRST")
            _ = await capturedError { try await root.warehouses["missing"].use() }
            #expect(try await current() == "FIRST", "a failed use changes nothing")
        }
    }

    @Test("rename moves the warehouse to its new name with its state; the old name is gone")
    func rename() async throws {
        try await TestEmulator.withRoot { root, _ in
            let original = try await root.warehouses.create(WarehouseModel(name: "old_wh", warehouseSize: "SMALL", initiallySuspended: true))
            let before = try await original.fetch()
            let renamed = try await original.rename(to: "new_wh")
            #expect(renamed.name == "new_wh")
            let after = try await renamed.fetch()
            #expect(after.name == "NEW_WH")
            #expect((after.state, after.warehouseSize, after.createdOn) == (.suspended, "Small", before.createdOn))
            #expect(await capturedError { _ = try await original.fetch() }?.code == .notFound)
            #expect(try await root.warehouses.list().collect().map(\.name) == ["NEW_WH"])

            try await root.warehouses.create(WarehouseModel(name: "taken"))
            #expect(await capturedError { try await renamed.rename(to: "taken") }?.code == .conflict)
            #expect(await capturedError { try await original.rename(to: "x") }?.code == .notFound)
            try await original.rename(to: "x", ifExists: true)
            #expect(await capturedError { _ = try await root.warehouses["x"].fetch() }?.code == .notFound)
        }
    }

    @Test("abort, enable and disable act on an existing warehouse and honour ifExists")
    func otherActions() async throws {
        try await TestEmulator.withRoot { root, _ in
            let warehouse = try await root.warehouses.create(WarehouseModel(name: "w"))
            try await warehouse.abortAllQueries()
            try await warehouse.disable()
            try await warehouse.enable()
            let fetched = try await warehouse.fetch()
            #expect((fetched.state, fetched.running, fetched.queued) == (.started, 0, 0))
            let missing = root.warehouses["missing"]
            for action in [{ try await missing.abortAllQueries() }, { try await missing.enable() }, { try await missing.disable() }] {
                #expect(await capturedError(action)?.code == .notFound)
            }
            try await missing.abortAllQueries(ifExists: true)
            try await missing.enable(ifExists: true)
            try await missing.disable(ifExists: true)
        }
    }

    @Test("listing takes only like; drop removes the warehouse at once")
    func listAndDrop() async throws {
        try await TestEmulator.withRoot { root, _ in
            for name in ["etl_wh", "elt_wh", "bi_wh"] { try await root.warehouses.create(WarehouseModel(name: name)) }
            #expect(try await root.warehouses.list(like: "e%").collect().map(\.name) == ["ELT_WH", "ETL_WH"])
            #expect(try await root.warehouses.list().collect().count == 3)
            let unsupported = await capturedError { _ = try await root.warehouses.list(startsWith: "E").collect() }
            #expect(unsupported?.code == .invalidArgument)
            try await root.warehouses["bi_wh"].drop()
            #expect(await capturedError { _ = try await root.warehouses["bi_wh"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await root.warehouses["bi_wh"].drop() }?.code == .notFound)
            try await root.warehouses["bi_wh"].drop(ifExists: true)
            try await root.warehouses.create(WarehouseModel(name: "bi_wh"))
        }
    }
}
