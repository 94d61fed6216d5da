import Foundation
import SnowflakeCore

/// A transport that answers from a script, for unit tests of the middleware; it records the
/// requests it saw. (End-to-end behaviour is tested against the real emulator.)
final class ScriptedTransport: SnowflakeTransport, @unchecked Sendable {
    enum Step {
        case answer(Int, headers: [(String, String)] = [], body: String = "{}")
        case connectionFailure
    }

    private let lock = NSLock()
    private var steps: [Step]
    private var seen: [TransportRequest] = []

    init(_ steps: [Step]) { self.steps = steps }

    var requests: [TransportRequest] { lock.withLock { seen } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let step: Step = lock.withLock {
            seen.append(request)
            return steps.isEmpty ? .answer(500, body: #"{"message":"script ran out"}"#) : steps.removeFirst()
        }
        switch step {
        case .answer(let status, let headers, let body):
            return TransportResponse(
                status: status, reason: HTTPReason.phrase(status), headers: headers.map { (name: $0.0, value: $0.1) },
                body: Data(body.utf8))
        case .connectionFailure:
            throw SnowflakeError(code: .connectionFailed, detail: "connection refused")
        }
    }
}

enum HTTPReason {
    static func phrase(_ status: Int) -> String {
        [200: "OK", 202: "Accepted", 400: "Bad Request", 404: "Not Found", 409: "Conflict", 429: "Too Many Requests",
         500: "Internal Server Error", 503: "Service Unavailable", 504: "Gateway Timeout"][status] ?? "Status"
    }
}
