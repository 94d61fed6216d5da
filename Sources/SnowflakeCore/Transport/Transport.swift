import Foundation

/// One HTTP request as the client's transport sees it.
public struct TransportRequest: Sendable {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Request headers, in order.
    public var headers: [(name: String, value: String)]
    /// The body, if any.
    public var body: Data?
    /// The longest the exchange may take.
    public var timeout: Duration
    /// True when sending the request twice has the effect of sending it once, so it may be
    /// repeated after a connection failure.
    public var isIdempotent: Bool

    /// A request.
    public init(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: Data? = nil,
        timeout: Duration = .seconds(60), isIdempotent: Bool
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.isIdempotent = isIdempotent
    }

    /// The value of the first header with this name (any case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `METHOD /path?query`, for error messages.
    public var operation: String {
        let path = URLComponents(string: url).map { $0.percentEncodedPath + ($0.percentEncodedQuery.map { "?" + $0 } ?? "") }
        return "\(method) \(path ?? url)"
    }
}

/// One HTTP answer.
public struct TransportResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The reason phrase.
    public var reason: String
    /// Response headers, in order.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: Data

    /// An answer.
    public init(status: Int, reason: String, headers: [(name: String, value: String)], body: Data) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The value of the first header with this name (any case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// The one seam between the client and the wire: sends a request, returns the answer.
/// Connection failures throw ``SnowflakeError`` with code `connectionFailed` or `timedOut`.
public protocol SnowflakeTransport: Sendable {
    /// Sends one request.
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// A step around every request: authentication, retries, result polling, request ids.
public protocol TransportMiddleware: Sendable {
    /// Handles `request`, calling `next` to pass it on.
    func intercept(
        _ request: TransportRequest,
        next: @Sendable (TransportRequest) async throws -> TransportResponse
    ) async throws -> TransportResponse
}

/// A transport with middleware in front of it; the first middleware sees the request first.
struct MiddlewareChain: SnowflakeTransport {
    let middleware: [any TransportMiddleware]
    let transport: any SnowflakeTransport

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await send(request, from: 0)
    }

    private func send(_ request: TransportRequest, from index: Int) async throws -> TransportResponse {
        guard index < middleware.count else { return try await transport.send(request) }
        return try await middleware[index].intercept(request) { next in
            try await self.send(next, from: index + 1)
        }
    }
}
