import Foundation
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

/// The emulator's HTTP surface as any client sees it: authentication, error bodies, routing and
/// bad input. Plain HTTP on loopback, so requests the Swift client would never send are tried too.
@Suite("Emulator protocol")
struct ProtocolTests {
    private func withEmulator(
        _ configuration: EmulatorConfiguration = TestEmulator.configuration(), _ body: @Sendable (RawHTTP, RunningEmulator) async throws -> Void
    ) async throws {
        try await Emulator.withRunning(configuration) { emulator in
            try await body(RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken), emulator)
        }
    }

    @Test("every endpoint but health needs a valid bearer token")
    func authentication() async throws {
        try await withEmulator { http, emulator in
            #expect(try await RawHTTP(baseURL: emulator.baseURL, token: nil).send("GET", "/health").status == 200)
            for token in [nil, "wrong", ""] {
                let answer = try await RawHTTP(baseURL: emulator.baseURL, token: token).send("GET", "/api/v2/databases")
                #expect(answer.status == 401)
                #expect(answer.object?["code"] as? String == "390104")
                #expect(answer.object?["request_id"] as? String == answer.header("X-Snowflake-Request-ID"))
            }
            let basic = try await RawHTTP(baseURL: emulator.baseURL, token: nil)
                .send("GET", "/api/v2/databases", headers: [("Authorization", "Basic YWRtaW46YWRtaW4=")])
            #expect(basic.status == 401)
            #expect(try await http.send("GET", "/api/v2/databases").status == 200)
        }
    }

    @Test("a token works across restarts of the same data directory until it is rotated")
    func durableTokens() async throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("snowapi-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = TestEmulator.configuration()
        configuration.dataDirectory = directory
        let first = try await Emulator.withRunning(configuration) { emulator in
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let created = try await http.send("POST", "/api/v2/databases", body: #"{"name":"kept"}"#)
            #expect(created.status == 200)
            return emulator.adminToken
        }
        try await Emulator.withRunning(configuration) { emulator in
            #expect(emulator.adminToken != first, "each start issues a new administrator token")
            #expect(try await RawHTTP(baseURL: emulator.baseURL, token: first).send("GET", "/api/v2/databases").status == 401)
            let answer = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("GET", "/api/v2/databases/kept")
            #expect(answer.status == 200, "data survives a restart")
            #expect(answer.object?["name"] as? String == "KEPT")
        }
    }

    @Test("bad bodies get a 400 ErrorResponse and store nothing", arguments: [
        ("{not json", "not valid JSON"),
        (#"{"comment":"no name"}"#, "missing required field 'name'"),
        (#"{"name":42}"#, "'name' must be a string"),
        (#"{"name":"my db"}"#, "invalid identifier"),
        (#"{"name":"x","data_retention_time_in_days":"one"}"#, "'data_retention_time_in_days' must be an integer"),
        (#"{"name":"x","kind":"TEMPORARY"}"#, "PERMANENT or TRANSIENT"),
        (#"{"name":"x","data_retention_time_in_days":91}"#, "between 0 and 90"),
        ("", "needs a JSON body"),
    ])
    func badDatabaseBodies(body: String, expected: String) async throws {
        try await withEmulator { http, _ in
            let answer = try await http.send("POST", "/api/v2/databases", body: body)
            #expect(answer.status == 400)
            let message = answer.object?["message"] as? String ?? ""
            #expect(message.lowercased().contains(expected.lowercased()), "\(message)")
            #expect(try await http.send("GET", "/api/v2/databases").array?.isEmpty == true)
        }
    }

    @Test("bad task bodies: unknown enum values and schedule types are 400s")
    func badTaskBodies() async throws {
        try await withEmulator { http, _ in
            #expect(try await http.send("POST", "/api/v2/databases", body: #"{"name":"db"}"#).status == 200)
            for body in [
                #"{"name":"t","definition":"select 1","schedule":{"schedule_type":"HOURLY_TYPE"}}"#,
                #"{"name":"t","definition":"select 1","overlap_policy":"SOMETIMES"}"#,
                #"{"name":"t"}"#,
                #"{"name":"t","definition":"select 1","config":{"nested":{"a":1}}}"#,
            ] {
                let answer = try await http.send("POST", "/api/v2/databases/db/schemas/public/tasks", body: body)
                #expect(answer.status == 400, "\(body)")
            }
            #expect(try await http.send("GET", "/api/v2/databases/db/schemas/public/tasks").array?.isEmpty == true)
        }
    }

    @Test("oversized bodies are refused with a 400")
    func oversized() async throws {
        var configuration = TestEmulator.configuration()
        configuration.maximumBodySize = 1024
        try await withEmulator(configuration) { http, _ in
            let comment = String(repeating: "x", count: 4096)
            let answer = try await http.send("POST", "/api/v2/databases", body: #"{"name":"big","comment":"\#(comment)"}"#)
            #expect(answer.status == 400)
            #expect(try await http.send("GET", "/api/v2/databases/big").status == 404)
        }
    }

    @Test("query parameters are checked")
    func badQueries() async throws {
        try await withEmulator { http, _ in
            let statuses = [
                try await http.send("POST", "/api/v2/databases?createMode=sometimes", body: #"{"name":"x"}"#).status,
                try await http.send("GET", "/api/v2/databases?showLimit=0").status,
                try await http.send("GET", "/api/v2/databases?showLimit=10001").status,
                try await http.send("DELETE", "/api/v2/databases/x?ifExists=maybe").status,
                try await http.send("DELETE", "/api/v2/databases/x?ifExists=True").status,
            ]
            #expect(statuses == [400, 400, 400, 400, 200], "Python sends True, which is accepted")
        }
    }

    @Test("routing: unknown paths are 404, wrong methods 405, trailing slashes name the collection")
    func routing() async throws {
        try await withEmulator { http, _ in
            #expect(try await http.send("GET", "/api/v2/nothing").status == 404)
            #expect(try await http.send("GET", "/elsewhere").status == 404)
            #expect(try await http.send("PATCH", "/api/v2/databases/x").status == 405)
            #expect(try await http.send("POST", "/api/v2/databases/", body: #"{"name":"slash"}"#).status == 200)
            let listed = try await http.send("GET", "/api/v2/databases/")
            #expect(listed.status == 200)
            #expect(listed.array?.first?["name"] as? String == "SLASH")
            #expect(try await http.send("POST", "/api/v2/databases/slash:fly").status == 404)
            #expect(try await http.send("GET", "/api/v2/databases/slash/schemas/public/tasks/none/dependents").status == 404)
        }
    }

    @Test("names are percent-decoded and actions split at the last colon outside quotes")
    func encodedNames() async throws {
        try await withEmulator { http, _ in
            #expect(try await http.send("POST", "/api/v2/databases", body: #"{"name":"\"a:b/c\""}"#).status == 200)
            let fetched = try await http.send("GET", "/api/v2/databases/%22a%3Ab%2Fc%22")
            #expect(fetched.object?["name"] as? String == "\"a:b/c\"")
            #expect(try await http.send("DELETE", "/api/v2/databases/%22a%3Ab%2Fc%22").status == 200)
            #expect(try await http.send("POST", "/api/v2/databases/%22a%3Ab%2Fc%22:undrop").status == 200)
        }
    }

    @Test("the request id is echoed when the client sends one")
    func requestIDs() async throws {
        try await withEmulator { http, _ in
            let answer = try await http.send("GET", "/api/v2/databases/none", headers: [("X-Snowflake-Request-ID", "client-id-1")])
            #expect(answer.header("X-Snowflake-Request-ID") == "client-id-1")
            #expect(answer.object?["request_id"] as? String == "client-id-1")
            #expect(answer.object?["error_code"] as? String == "002003")
        }
    }

    @Test("asyncExec answers 202 with a result handle; the result is served once")
    func asyncExecution() async throws {
        try await withEmulator { http, _ in
            _ = try await http.send("POST", "/api/v2/databases", body: #"{"name":"db"}"#)
            _ = try await http.send("POST", "/api/v2/databases/db/schemas/public/tasks", body: #"{"name":"t","definition":"select 1"}"#)
            let accepted = try await http.send("POST", "/api/v2/databases/db/schemas/public/tasks/t:execute?asyncExec=true")
            #expect(accepted.status == 202)
            #expect(accepted.object?["code"] as? String == "392604")
            let location = try #require(accepted.header("Location"))
            #expect(location == "/api/v2/results/\(accepted.object?["resultHandler"] as? String ?? "")")
            let result = try await http.send("GET", location)
            #expect(result.status == 200)
            #expect(result.object?["status"] != nil)
            #expect(try await http.send("GET", location).status == 404)
        }
    }

    @Test("a write is durable: it is in the SQLite file once acknowledged")
    func durability() async throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("snowapi-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = TestEmulator.configuration()
        configuration.dataDirectory = directory
        try await Emulator.withRunning(configuration) { emulator in
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            #expect(try await http.send("POST", "/api/v2/databases", body: #"{"name":"durable"}"#).status == 200)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", """
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                print(db.execute("select count(*) from objects where family='database' and name='DURABLE'").fetchone()[0])
                """, (directory as NSString).appendingPathComponent("emulator.sqlite")]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            process.waitUntilExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        }
    }
}
