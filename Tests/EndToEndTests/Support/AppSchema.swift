import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

/// Runs `body` with a root whose database `app` holds, in `public`, the table `table` defines
/// (its JSON) and the stage `landing`. Both are made with plain requests, so the tests of the
/// families that use them depend only on the wire of tables and stages.
func withAppTableAndStage(
    clock: ManualClock, table: String, _ body: @Sendable (Root, RunningEmulator) async throws -> Void
) async throws {
    try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
        try await root.databases.create(DatabaseModel(name: "app"))
        let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
        let created = try await http.send("POST", "/api/v2/databases/app/schemas/public/tables", body: table)
        #expect(created.status == 200, "\(created.text)")
        let stage = try await http.send("POST", "/api/v2/databases/app/schemas/public/stages", body: #"{"name":"landing"}"#)
        #expect(stage.status == 200, "\(stage.text)")
        try await body(root, emulator)
    }
}
