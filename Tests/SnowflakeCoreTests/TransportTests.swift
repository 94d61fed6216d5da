import Foundation
import SnowflakeCore
import SnowflakeTestSupport
import Testing

@Suite("Transport: retries, polling, errors")
struct TransportTests {
    /// A root over a scripted transport, with a manual clock and jitter pinned to its maximum.
    private func root(_ transport: ScriptedTransport, clock: ManualRetryClock, budget: Duration = .seconds(600)) throws -> Root {
        var configuration = ConnectionConfiguration(host: "example.test", port: 443, credentials: .programmaticAccessToken("secret-token"))
        configuration.retryPolicy = RetryPolicy(timeBudget: budget, clock: clock.clock, random: { 0.999_999 })
        return try Root(configuration, transport: transport)
    }

    private let databaseBody = #"{"name":"D1","kind":"PERMANENT"}"#

    @Test("reads are retried on 429, 503 and 504 with growing waits")
    func retriesReads() async throws {
        let transport = ScriptedTransport([.answer(429), .answer(503), .answer(504), .answer(200, body: databaseBody)])
        let clock = ManualRetryClock()
        let database = try await root(transport, clock: clock).databases["d1"].fetch()
        #expect(database.name == "D1")
        #expect(transport.requests.count == 4)
        #expect(clock.sleeps == [.milliseconds(500), .milliseconds(1000), .milliseconds(2000)])
        let ids = Set(transport.requests.compactMap { $0.header("X-Snowflake-Request-ID") })
        #expect(ids.count == 1, "retries keep the call's request id")
    }

    @Test("Retry-After is honoured")
    func retryAfter() async throws {
        let transport = ScriptedTransport([.answer(503, headers: [("Retry-After", "7")]), .answer(200, body: databaseBody)])
        let clock = ManualRetryClock()
        _ = try await root(transport, clock: clock).databases["d1"].fetch()
        #expect(clock.sleeps == [.seconds(7)])
    }

    @Test("a create that is not safe to repeat is not retried after a 504 or a broken connection")
    func noRetryForUnsafeCreate() async throws {
        for step in [ScriptedTransport.Step.answer(504), .connectionFailure] {
            let transport = ScriptedTransport([step, .answer(200)])
            let error = await capturedError {
                try await self.root(transport, clock: ManualRetryClock()).databases.create(DatabaseModel(name: "d1"))
            }
            #expect(error != nil)
            #expect(transport.requests.count == 1)
        }
        let transport = ScriptedTransport([.answer(504), .answer(200, body: #"{"status":"ok"}"#)])
        try await root(transport, clock: ManualRetryClock()).databases.create(DatabaseModel(name: "d1"), mode: .orReplace)
        #expect(transport.requests.count == 2, "a create or replace is safe to repeat")
    }

    @Test("connection failures of reads are retried")
    func connectionFailures() async throws {
        let transport = ScriptedTransport([.connectionFailure, .answer(200, body: databaseBody)])
        _ = try await root(transport, clock: ManualRetryClock()).databases["d1"].fetch()
        #expect(transport.requests.count == 2)
    }

    @Test("retries stop when the time budget is spent")
    func retryBudget() async throws {
        let transport = ScriptedTransport(Array(repeating: .answer(503), count: 10))
        let clock = ManualRetryClock()
        let error = await capturedError { _ = try await self.root(transport, clock: clock, budget: .seconds(2)).databases["d1"].fetch() }
        #expect(error?.code == .retryTimeout)
        #expect(error?.description.contains("503 Service Unavailable") == true)
    }

    @Test("a 202 is polled at its Location until the result is ready")
    func polling() async throws {
        let transport = ScriptedTransport([
            .answer(202, headers: [("Location", "/api/v2/results/h1")], body: #"{"code":"392604","resultHandler":"h1"}"#),
            .answer(202, headers: [("Location", "/api/v2/results/h2")]),
            .answer(200, body: databaseBody),
        ])
        let clock = ManualRetryClock()
        let database = try await root(transport, clock: clock).databases["d1"].fetch()
        #expect(database.name == "D1")
        #expect(transport.requests.map(\.url) == [
            "https://example.test:443/api/v2/databases/d1",
            "https://example.test:443/api/v2/results/h1",
            "https://example.test:443/api/v2/results/h2",
        ])
        #expect(transport.requests.dropFirst().allSatisfy { $0.method == "GET" })
        #expect(clock.sleeps == [.milliseconds(200), .milliseconds(300)])
    }

    @Test("a 202 without a usable Location is an invalid response")
    func badLocation() async throws {
        for headers in [[], [("Location", "https://elsewhere.test/x")]] {
            let transport = ScriptedTransport([.answer(202, headers: headers)])
            let error = await capturedError { _ = try await self.root(transport, clock: ManualRetryClock()).databases["d1"].fetch() }
            #expect(error?.code == .invalidResponse)
        }
    }

    @Test("error statuses map to typed errors", arguments: [
        (400, SnowflakeError.Code.badRequest), (401, .unauthorized), (403, .forbidden), (404, .notFound),
        (405, .methodNotAllowed), (409, .conflict), (500, .serverError), (502, .serverError), (418, .httpError),
    ])
    func errorMapping(status: Int, code: SnowflakeError.Code) async throws {
        let transport = ScriptedTransport([.answer(status, body: #"{"message":"  nope  ","code":"000001","request_id":"r-1"}"#)])
        let error = await capturedError { _ = try await self.root(transport, clock: ManualRetryClock()).databases["d1"].fetch() }
        #expect(error?.code == code)
        #expect(error?.status == status)
        #expect(error?.message == "nope")
        #expect(error?.requestID == "r-1")
    }

    @Test("an error's description shows status, reason, headers, body and Snowflake's fields, never the token")
    func errorDescription() async throws {
        let body = #"{"message":"Database 'NF' does not exist or not authorized.","code":"390404","error_code":"002003","request_id":"rid-1"}"#
        let transport = ScriptedTransport([.answer(404, headers: [("Content-Type", "application/json")], body: body)])
        let error = try #require(await capturedError { _ = try await self.root(transport, clock: ManualRetryClock()).databases["nf"].fetch() })
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines[0] == "NotFoundError: (404)")
        #expect(lines[1] == "Reason: Not Found")
        #expect(lines[2] == "HTTP response headers: Content-Type: application/json")
        #expect(lines[3] == "HTTP response body: \(body)")
        #expect(lines.contains("Error Message: Database 'NF' does not exist or not authorized."))
        #expect(lines.contains("Request ID: rid-1"))
        #expect(lines.contains("Error Code: 002003"))
        #expect(lines.contains("Operation: GET /api/v2/databases/nf"))
        #expect(!error.description.contains("secret-token"))
    }

    @Test("requests carry credentials, a user agent, a request id and fully encoded names")
    func requestShape() async throws {
        let transport = ScriptedTransport([.answer(200, body: "{}")])
        let tasks = try root(transport, clock: ManualRetryClock()).databases["\"My DB\""].schemas["public"].tasks
        try await tasks["MYDAG$T1"].resume()
        let request = try #require(transport.requests.first)
        #expect(request.url == "https://example.test:443/api/v2/databases/%22My%20DB%22/schemas/public/tasks/MYDAG%24T1:resume")
        #expect(request.header("Authorization") == "Bearer secret-token")
        #expect(request.header("X-Snowflake-Authorization-Token-Type") == "PROGRAMMATIC_ACCESS_TOKEN")
        #expect(request.header("User-Agent")?.hasPrefix("snowapi-swift/") == true)
        #expect(request.header("X-Snowflake-Request-ID") != nil)
    }

    @Test("query values are encoded, % and + included")
    func queryEncoding() async throws {
        let transport = ScriptedTransport([.answer(200, body: "[]")])
        _ = try await root(transport, clock: ManualRetryClock()).databases.list(like: "a b%+", startsWith: "A&B=").collect()
        #expect(transport.requests.first?.url == "https://example.test:443/api/v2/databases?like=a%20b%25%2B&startsWith=A%26B%3D&showLimit=1000")
    }

    @Test("a listing answered in chunks follows its Link header to the last chunk")
    func linkChunks() async throws {
        let link = #"</api/v2/results/r1?page=1>; rel="next", </api/v2/results/r1?page=2>; rel="last""#
        let transport = ScriptedTransport([
            .answer(200, headers: [("Link", link)], body: #"[{"name":"A"}]"#),
            .answer(200, headers: [("Link", #"</api/v2/results/r1?page=2>; rel="next""#)], body: #"[{"name":"B"}]"#),
            .answer(200, body: #"[{"name":"C"}]"#),
        ])
        let names = try await root(transport, clock: ManualRetryClock()).collection(DatabaseModel.self).list().collect().map(\.name)
        #expect(names == ["A", "B", "C"])
        #expect(transport.requests.map(\.url).dropFirst() == [
            "https://example.test:443/api/v2/results/r1?page=1", "https://example.test:443/api/v2/results/r1?page=2",
        ])
    }

    @Test("'.' and '..' are refused as names before any request")
    func dotNames() async throws {
        let transport = ScriptedTransport([])
        let error = await capturedError { _ = try await self.root(transport, clock: ManualRetryClock()).databases[".."].fetch() }
        #expect(error?.code == .invalidArgument)
        #expect(transport.requests.isEmpty)
    }

    @Test("the configuration's description hides the token")
    func configurationDescription() throws {
        let configuration = ConnectionConfiguration(account: "my_org-acct", user: "ME", credentials: .programmaticAccessToken("secret-token"))
        #expect(!configuration.description.contains("secret-token"))
        #expect(configuration.resolvedHost == "my-org-acct.snowflakecomputing.com")
        #expect(try configuration.baseURL() == "https://my-org-acct.snowflakecomputing.com:443")
    }
}

@Suite("Retry policy")
struct RetryPolicyTests {
    @Test("waits grow exponentially up to the maximum, with full jitter")
    func exponentialBackoff() {
        let top = RetryPolicy(initialDelay: .seconds(1), multiplier: 2, maximumDelay: .seconds(5), random: { 0.999_999 })
        #expect((1...5).map { top.delay(beforeRetry: $0, retryAfter: nil) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
        let half = RetryPolicy(initialDelay: .seconds(1), multiplier: 2, maximumDelay: .seconds(5), random: { 0.5 })
        #expect(half.delay(beforeRetry: 3, retryAfter: nil) == .seconds(2))
        #expect(half.delay(beforeRetry: 1, retryAfter: .seconds(3)) == .seconds(3))
    }

    @Test("Retry-After takes seconds or an HTTP date")
    func retryAfterParsing() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(RetryPolicy.parseRetryAfter("12") == .seconds(12))
        #expect(RetryPolicy.parseRetryAfter("Mon, 12 Jan 1970 13:46:50 GMT", now: now) == .seconds(10))
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
    }

    @Test("only 429, 503 and 504 are retried, and 504 only when the call is safe to repeat")
    func retryableStatuses() {
        let policy = RetryPolicy()
        let post = TransportRequest(method: "POST", url: "https://x/", isIdempotent: false)
        let get = TransportRequest(method: "GET", url: "https://x/", isIdempotent: true)
        #expect(policy.shouldRetry(status: 429, request: post))
        #expect(policy.shouldRetry(status: 503, request: post))
        #expect(!policy.shouldRetry(status: 504, request: post))
        #expect(policy.shouldRetry(status: 504, request: get))
        #expect(!policy.shouldRetry(status: 500, request: get))
        #expect(!policy.shouldRetry(status: 502, request: get))
    }
}
