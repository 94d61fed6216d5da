import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

/// Password logins through the connectors' login protocol, by the Swift client and by hand.
@Suite("Password sessions")
struct SessionLoginTests {
    private func configuration(clock: ManualClock = ManualClock(), validity: TimeInterval = 3600) -> EmulatorConfiguration {
        var configuration = TestEmulator.configuration(clock: clock)
        configuration.adminPassword = "admin-pw"
        configuration.sessionValidity = validity
        return configuration
    }

    private func passwordRoot(_ emulator: RunningEmulator, password: String = "admin-pw") throws -> Root {
        var connection = try ConnectionConfiguration.emulator(url: emulator.baseURL, token: "")
        connection.account = "emulator"
        connection.user = "admin"
        connection.credentials = .password(password)
        return try Root(connection)
    }

    @Test("the Swift client logs in with a password, works, and logs out on close")
    func passwordLogin() async throws {
        try await Emulator.withRunning(configuration()) { emulator in
            let root = try passwordRoot(emulator)
            try await root.databases.create(DatabaseModel(name: "by_password"))
            #expect(try await root.databases["by_password"].fetch().owner == "ACCOUNTADMIN")
            await root.close()
            try await root.databases["by_password"].drop()
            let wrong = await capturedError { _ = try await self.passwordRoot(emulator, password: "nope").databases.list().collect() }
            #expect(wrong?.code == .unauthorized)
            #expect(wrong?.message?.contains("Incorrect username or password") == true)
        }
    }

    @Test("an expired session is renewed with the master token and the call goes through")
    func renewal() async throws {
        let clock = ManualClock()
        try await Emulator.withRunning(configuration(clock: clock, validity: 60)) { emulator in
            let root = try passwordRoot(emulator)
            _ = try await root.databases.list().collect()
            clock.advance(by: 120)
            try await root.databases.create(DatabaseModel(name: "after_renewal"))
            #expect(try await root.databases.list().collect().map(\.name) == ["AFTER_RENEWAL"])
            // PUT runs in the same session, renewed the same way.
            let stage = try await root.databases["after_renewal"].schemas["public"].stages.create(StageModel(name: "files"))
            let local = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("renewed-\(UUID().uuidString).csv")
            try Data("1,2\n".utf8).write(to: local)
            defer { try? FileManager.default.removeItem(at: local) }
            clock.advance(by: 120)
            #expect(try await stage.put(local.path, "/").first?.target == local.lastPathComponent + ".gz")
        }
    }

    private func login(_ http: RawHTTP, user: String = "admin", password: String = "admin-pw", query: String = "") async throws -> [String: Any] {
        let body = #"{"data":{"ACCOUNT_NAME":"emulator","LOGIN_NAME":"\#(user)","PASSWORD":"\#(password)","CLIENT_APP_ID":"test"}}"#
        let answer = try await http.send("POST", "/session/v1/login-request\(query)", body: body, headers: [("Authorization", #"Snowflake Token="None""#)])
        #expect(answer.status == 200)
        return try #require(answer.object)
    }

    @Test("the login protocol: replies, failures with string codes, renewal, heartbeat and logout")
    func protocolShapes() async throws {
        try await Emulator.withRunning(configuration()) { emulator in
            let http = RawHTTP(baseURL: emulator.baseURL, token: nil)
            let ok = try await login(http, query: "?databaseName=DB&schemaName=&warehouse=WH&roleName=")
            #expect(ok["success"] as? Bool == true)
            let data = try #require(ok["data"] as? [String: Any])
            let token = try #require(data["token"] as? String)
            let master = try #require(data["masterToken"] as? String)
            #expect(data["sessionId"] is Int)
            let info = try #require(data["sessionInfo"] as? [String: Any])
            #expect(info["roleName"] as? String == "ACCOUNTADMIN")
            #expect(info["databaseName"] as? String == "DB")

            let session = [("Authorization", "Snowflake Token=\"\(token)\"")]
            #expect(try await http.send("GET", "/api/v2/databases", headers: session).status == 200)
            let version = try await http.send(
                "POST", "/queries/v1/query-request?requestId=1", body: #"{"sqlText":"SELECT SYSTEM$CLIENT_VERSION_INFO()"}"#, headers: session)
            let versionData = try #require(version.object?["data"] as? [String: Any])
            #expect(versionData["rowset"] as? [[String]] == [["[]"]])
            #expect(versionData["queryResultFormat"] as? String == "json")
            let other = try await http.send("POST", "/queries/v1/query-request", body: #"{"sqlText":"select * from t"}"#, headers: session)
            #expect(other.object?["success"] as? Bool == false)
            #expect(other.object?["code"] as? String == "002140")

            let renewed = try await http.send(
                "POST", "/session/token-request", body: "{\"oldSessionToken\":\"\(token)\",\"requestType\":\"RENEW\"}",
                headers: [("Authorization", "Snowflake Token=\"\(master)\"")])
            let newToken = try #require((renewed.object?["data"] as? [String: Any])?["sessionToken"] as? String)
            #expect(try await http.send("GET", "/api/v2/databases", headers: session).status == 401, "the old token is gone")
            let newSession = [("Authorization", "Snowflake Token=\"\(newToken)\"")]
            #expect(try await http.send("POST", "/session/heartbeat", headers: newSession).object?["success"] as? Bool == true)
            #expect(try await http.send("POST", "/session?delete=true", body: "{}", headers: newSession).object?["success"] as? Bool == true)
            let loggedOut = try await http.send("GET", "/api/v2/databases", headers: newSession)
            #expect(loggedOut.status == 401, "a logged-out session is refused")
            #expect(try await http.send("POST", "/session/heartbeat", headers: newSession).object?["success"] as? Bool == false)
            #expect(try await http.send("POST", "/telemetry/send", body: "{}", headers: newSession).status == 200)
        }
    }

    @Test("login failures: wrong password 390100, unknown user 390100, disabled user 390101, role not granted 390189")
    func loginFailures() async throws {
        try await Emulator.withRunning(configuration()) { emulator in
            let admin = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            _ = try await admin.send("POST", "/api/v2/users", body: #"{"name":"off","password":"pw","disabled":true}"#)
            let http = RawHTTP(baseURL: emulator.baseURL, token: nil)
            for (user, password, query, code) in [
                ("admin", "wrong", "", "390100"), ("ghost", "pw", "", "390100"), ("off", "pw", "", "390101"),
                ("admin", "admin-pw", "?roleName=ORGADMIN", "390189"),
            ] {
                let reply = try await login(http, user: user, password: password, query: query)
                #expect(reply["success"] as? Bool == false, "\(user)")
                #expect(reply["code"] as? String == code, "\(user)")
            }
        }
    }

    @Test("gzip-compressed request bodies are accepted")
    func gzipBodies() async throws {
        try await Emulator.withRunning(configuration()) { emulator in
            let body = Data(#"{"data":{"ACCOUNT_NAME":"emulator","LOGIN_NAME":"admin","PASSWORD":"admin-pw"}}"#.utf8)
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            gzip.arguments = ["gzip", "-c"]
            let input = Pipe()
            let output = Pipe()
            gzip.standardInput = input
            gzip.standardOutput = output
            try gzip.run()
            input.fileHandleForWriting.write(body)
            try input.fileHandleForWriting.close()
            let compressed = output.fileHandleForReading.readDataToEndOfFile()
            gzip.waitUntilExit()
            let response = try await AsyncHTTPClientTransport().send(TransportRequest(
                method: "POST", url: emulator.baseURL + "/session/v1/login-request",
                headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], body: compressed, isIdempotent: false))
            let reply = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
            #expect(reply?["success"] as? Bool == true)
        }
    }
}
