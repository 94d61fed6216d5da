import Foundation
import SnowflakeCore

/// Runs `body` and returns the ``SnowflakeError`` it throws, or nil when it throws nothing (or
/// something else). Tests then check the error's code and message.
public func capturedError(_ body: () async throws -> Void) async -> SnowflakeError? {
    do {
        try await body()
        return nil
    } catch let error as SnowflakeError {
        return error
    } catch {
        return nil
    }
}

/// Plain HTTP against an emulator, for what the client never sends (bad bodies, raw paths).
public struct RawHTTP: Sendable {
    /// The emulator's base URL.
    public let baseURL: String
    /// The bearer token to send, if any.
    public let token: String?

    /// A raw client.
    public init(baseURL: String, token: String?) {
        self.baseURL = baseURL
        self.token = token
    }

    /// An answer: status, headers and the body as text.
    public struct Answer: Sendable {
        /// The HTTP status.
        public let status: Int
        /// The response headers.
        public let headers: [(name: String, value: String)]
        /// The body as text.
        public let text: String

        /// The body parsed as a JSON object, or nil.
        public var object: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        }

        /// The body parsed as a JSON array of objects, or nil.
        public var array: [[String: Any]]? {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]]
        }

        /// A header's value.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// Sends one request; `path` starts with `/`.
    public func send(_ method: String, _ path: String, body: String? = nil, headers: [(String, String)] = []) async throws -> Answer {
        var allHeaders = headers.map { (name: $0.0, value: $0.1) }
        if let token { allHeaders.append(("Authorization", "Bearer \(token)")) }
        if body != nil { allHeaders.append(("Content-Type", "application/json")) }
        let response = try await AsyncHTTPClientTransport().send(
            TransportRequest(method: method, url: baseURL + path, headers: allHeaders, body: body.map { Data($0.utf8) }, isIdempotent: false))
        return Answer(status: response.status, headers: response.headers, text: String(decoding: response.body, as: UTF8.self))
    }
}
