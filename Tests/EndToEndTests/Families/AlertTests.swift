import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Alerts end to end")
struct AlertTests {
    /// Runs `body` with the alerts of `app.public` and a warehouse `ops_wh`.
    private func withAlerts(
        clock: ManualClock = ManualClock(), _ body: @Sendable (AlertCollection, Root, RunningEmulator) async throws -> Void
    ) async throws {
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            try await root.databases.create(DatabaseModel(name: "app"))
            try await root.warehouses.create(WarehouseModel(name: "ops_wh"))
            try await body(root.databases["app"].schemas["public"].alerts, root, emulator)
        }
    }

    private func alert(_ name: String, schedule: AlertSchedule = .minutes(5), warehouse: String? = "ops_wh", comment: String? = nil) -> AlertModel {
        AlertModel(
            name: name, schedule: schedule, warehouse: warehouse, condition: "select 1 from stock where qty < 10",
            action: "call notify('low')", comment: comment)
    }

    @Test("create and fetch: suspended, the warehouse as SHOW prints it, both schedule kinds, the server fields")
    func createAndFetch() async throws {
        try await withAlerts { alerts, _, _ in
            let reference = try await alerts.create(alert("low_stock", comment: "stock"))
            let fetched = try await reference.fetch()
            #expect(fetched.name == "LOW_STOCK")
            #expect(fetched.state == "suspended")
            #expect(fetched.warehouse == "OPS_WH")
            #expect(fetched.schedule == .minutes(5))
            #expect(fetched.condition == "select 1 from stock where qty < 10")
            #expect(fetched.action == "call notify('low')")
            #expect(fetched.comment == "stock")
            #expect((fetched.databaseName, fetched.schemaName, fetched.owner, fetched.ownerRoleType) == ("APP", "PUBLIC", "ACCOUNTADMIN", "ROLE"))
            #expect(fetched.createdOn != nil)

            try await alerts.create(alert("nightly", schedule: .cron("0 3 * * *", timeZone: "Europe/Paris"), warehouse: nil))
            let nightly = try await alerts["nightly"].fetch()
            #expect(nightly.schedule == .cron("0 3 * * *", timeZone: "Europe/Paris"))
            #expect(nightly.warehouse == nil)
        }
    }

    @Test("the interval schedule goes out as SCHEDULE_TYPE; MINUTES_TYPE (the tasks' spelling) is read too")
    func scheduleWire() async throws {
        let encoded = try JSONSerialization.jsonObject(with: WireCoding.encoder().encode(AlertSchedule.minutes(5))) as? [String: Any]
        #expect(encoded?["schedule_type"] as? String == "SCHEDULE_TYPE")
        #expect(encoded?["minutes"] as? Int == 5)
        #expect(encoded?["seconds"] == nil)
        try await withAlerts { alerts, _, emulator in
            let answer = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send(
                "POST", "/api/v2/databases/app/schemas/public/alerts",
                body: #"{"name":"a","schedule":{"minutes":10,"schedule_type":"MINUTES_TYPE"},"condition":"select 1","action":"select 2"}"#)
            #expect(answer.status == 200, "\(answer.text)")
            #expect(try await alerts["a"].fetch().schedule == .minutes(10))
        }
    }

    @Test(
        "definitions Snowflake refuses are 4xx and store nothing",
        arguments: [
            (AlertSchedule.minutes(0), "ops_wh", "select 1", SnowflakeError.Code.badRequest),
            (.minutes(11_521), "ops_wh", "select 1", .badRequest),
            (.cron("61 * * * *", timeZone: "UTC"), "ops_wh", "select 1", .badRequest),
            (.cron("0 * * * *", timeZone: "Mars/Olympus"), "ops_wh", "select 1", .badRequest),
            (.minutes(5), "ops_wh", "  ", .badRequest),
            (.minutes(5), "absent_wh", "select 1", .notFound),
        ])
    func refused(_ schedule: AlertSchedule, _ warehouse: String, _ condition: String, _ code: SnowflakeError.Code) async throws {
        try await withAlerts { alerts, _, _ in
            let error = await capturedError {
                try await alerts.create(AlertModel(name: "bad", schedule: schedule, warehouse: warehouse, condition: condition, action: "select 2"))
            }
            #expect(error?.code == code)
            #expect(await capturedError { _ = try await alerts["bad"].fetch() }?.code == .notFound)
        }
    }

    @Test("the limits themselves are accepted: 1 and 11,520 minutes")
    func limits() async throws {
        try await withAlerts { alerts, _, _ in
            try await alerts.create(alert("fast", schedule: .minutes(1)))
            try await alerts.create(alert("slow", schedule: .minutes(11_520)))
            #expect(try await alerts["slow"].fetch().schedule == .minutes(11_520))
        }
    }

    @Test("execute records a run at the emulator's time; the condition is not evaluated")
    func execute() async throws {
        let clock = ManualClock()
        try await withAlerts(clock: clock) { alerts, _, emulator in
            try await alerts.create(alert("low_stock"))
            #expect(try await emulator.alertRuns(database: "app", schema: "public", alert: "low_stock").isEmpty)
            let first = clock.now()
            try await alerts["low_stock"].execute()
            clock.advance(by: 90)
            try await alerts["low_stock"].execute()
            let runs = try await emulator.alertRuns(database: "app", schema: "public", alert: "low_stock")
            #expect(runs.map(\.scheduledTime) == [first, first.addingTimeInterval(90)])
            #expect(runs.allSatisfy { $0.state == "SCHEDULED" })
            #expect(try await alerts["low_stock"].fetch().state == "suspended")
            #expect(await capturedError { try await alerts["absent"].execute() }?.code == .notFound)
        }
    }

    @Test("clone copies the definition, suspended, here or in another schema, as of a point in time within its life")
    func clone() async throws {
        let clock = ManualClock()
        try await withAlerts(clock: clock) { alerts, root, _ in
            try await alerts.create(alert("src", schedule: .cron("*/15 * * * *", timeZone: "UTC"), comment: "source"))
            clock.advance(by: 600)
            let copy = try await alerts["src"].clone(as: "copy")
            let cloned = try await copy.fetch()
            #expect(cloned.name == "COPY")
            #expect(cloned.state == "suspended")
            #expect(cloned.schedule == .cron("*/15 * * * *", timeZone: "UTC"))
            #expect((cloned.warehouse, cloned.condition, cloned.comment) == ("OPS_WH", "select 1 from stock where qty < 10", "source"))

            try await root.databases["app"].schemas.create(SchemaModel(name: "eu"))
            let moved = try await alerts["src"].clone(as: "eu_copy", at: .offset(seconds: -60), targetSchema: "eu")
            #expect(try await moved.fetch().schemaName == "EU")
            let early = await capturedError { try await alerts["src"].clone(as: "early", at: .offset(seconds: -3600)) }
            #expect(early?.code == .badRequest)
            #expect(early?.snowflakeCode == "000707")

            #expect(await capturedError { try await alerts["src"].clone(as: "copy") }?.code == .conflict)
            try await alerts["src"].clone(as: "copy", mode: .ifNotExists)
            try await alerts["src"].clone(as: "copy", mode: .orReplace)
            #expect(await capturedError { try await alerts["absent"].clone(as: "x") }?.code == .notFound)
        }
    }

    @Test("create modes, listing with the four SHOW filters, drop")
    func modesListingDrop() async throws {
        try await withAlerts { alerts, _, _ in
            try await alerts.create(alert("a1", comment: "first"))
            #expect(await capturedError { try await alerts.create(alert("A1")) }?.code == .conflict)
            try await alerts.create(alert("a1", comment: "second"), mode: .ifNotExists)
            #expect(try await alerts["a1"].fetch().comment == "first")
            try await alerts.create(alert("a1", comment: "third"), mode: .orReplace)
            #expect(try await alerts["a1"].fetch().comment == "third")
            for name in ["a2", "b1", "b2"] { try await alerts.create(alert(name)) }
            #expect(try await alerts.list(like: "a%").collect().map(\.name) == ["A1", "A2"])
            #expect(try await alerts.list(startsWith: "B").collect().map(\.name) == ["B1", "B2"])
            #expect(try await alerts.list(showLimit: 3).collect().count == 3)
            #expect(try await alerts.list(fromName: "A2").collect().map(\.name) == ["B1", "B2"])
            try await alerts["b2"].drop()
            #expect(await capturedError { try await alerts["b2"].drop() }?.code == .notFound)
            try await alerts["b2"].drop(ifExists: true)
        }
    }
}
