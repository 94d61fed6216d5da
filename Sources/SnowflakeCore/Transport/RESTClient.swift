import Foundation
import SnowflakeModels

/// Sends REST API v2 calls: builds URLs, encodes bodies, runs the middleware chain, turns
/// error answers into ``SnowflakeError`` and decodes results.
package final class RESTClient: Sendable {
    /// The connection this client talks to.
    package let configuration: ConnectionConfiguration
    /// `scheme://host:port`.
    package let baseURL: String
    private let chain: MiddlewareChain
    private let userAgent: String
    private let authenticator: any Authenticator
    private let statementSession: Result<SessionAuthenticator, SnowflakeError>
    /// Sends requests to a stage's cloud storage: the transport with retries, no Snowflake credentials.
    package let storage: any SnowflakeTransport

    /// The version sent in `User-Agent`.
    package static let version = "0.1.0"

    package init(
        configuration: ConnectionConfiguration, transport: any SnowflakeTransport, now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.configuration = configuration
        self.baseURL = try configuration.baseURL()
        self.userAgent = (["snowapi-swift/\(Self.version)"] + configuration.userAgentComponents).joined(separator: " ")
        let authenticator = try configuration.credentials.makeAuthenticator(for: configuration, transport: transport, now: now)
        self.authenticator = authenticator
        if let session = authenticator as? SessionAuthenticator {
            statementSession = .success(session)
        } else {
            do {
                statementSession = .success(try configuration.credentials.connectorSession(for: configuration, transport: transport, now: now))
            } catch let error as SnowflakeError {
                statementSession = .failure(error)
            }
        }
        self.storage = MiddlewareChain(middleware: [RetryMiddleware(policy: configuration.retryPolicy)], transport: transport)
        self.chain = MiddlewareChain(
            middleware: [
                RequestIDMiddleware(),
                AsyncResultMiddleware(policy: configuration.retryPolicy, baseURL: baseURL),
                RetryMiddleware(policy: configuration.retryPolicy),
                AuthenticationMiddleware(authenticator: authenticator),
            ],
            transport: transport)
    }

    /// Ends what the credentials opened (logs a password session out).
    package func close() async {
        await authenticator.close()
        if case .success(let session) = statementSession, session !== authenticator as? SessionAuthenticator { await session.close() }
    }

    /// Runs a statement the REST API has no endpoint for (`PUT`, `GET`) in a connector session:
    /// the REST session itself with a password, else one opened with the same credentials at
    /// first use. Returns the answer's `data`.
    package func executeStatement(_ sql: String) async throws -> [String: JSONValue] {
        try await statementSession.get().execute(sql)
    }

    /// Sends a call and returns the successful answer; an error status throws.
    package func send(
        _ method: String, _ path: some RenderedPath, query: [URLQueryItem] = [], body: Data? = nil, idempotent: Bool? = nil,
        contentType: String = "application/json"
    ) async throws -> TransportResponse {
        var headers: [(name: String, value: String)] = [("Accept", "application/json"), ("User-Agent", userAgent)]
        if body != nil { headers.append(("Content-Type", contentType)) }
        if let role = configuration.role { headers.append(("X-Snowflake-Role", role)) }
        if let warehouse = configuration.warehouse { headers.append(("X-Snowflake-Warehouse", warehouse)) }
        let request = TransportRequest(
            method: method, url: baseURL + path.rendered + Self.encodeQuery(query), headers: headers, body: body,
            timeout: configuration.requestTimeout, isIdempotent: idempotent ?? (method != "POST"))
        let response: TransportResponse
        do {
            response = try await chain.send(request)
        } catch var error as SnowflakeError {
            if error.operation == nil { error.operation = request.operation }
            throw error
        }
        guard (200..<300).contains(response.status) else {
            throw SnowflakeError(
                code: .forStatus(response.status), status: response.status, reason: response.reason,
                headers: response.headers, body: String(decoding: response.body, as: UTF8.self),
                operation: request.operation, sentRequestID: request.header(RequestIDMiddleware.headerName))
        }
        return response
    }

    /// Sends a call and decodes its answer.
    package func send<Result: Decodable>(
        _ method: String, _ path: APIPath, query: [URLQueryItem] = [], body: Data? = nil, idempotent: Bool? = nil,
        as type: Result.Type
    ) async throws -> Result {
        let response = try await send(method, path, query: query, body: body, idempotent: idempotent)
        return try decode(Result.self, response, operation: "\(method) \(path.rendered)")
    }

    /// Sends a list call and decodes its array; when the answer is split into chunks (a
    /// `Link` header with `rel="next"`), fetches and appends the following chunks.
    package func sendFollowingLinks<Element: Decodable>(
        _ path: APIPath, query: [URLQueryItem], as type: Element.Type
    ) async throws -> [Element] {
        var response = try await send("GET", path, query: query)
        var elements = try decode([Element].self, response, operation: "GET \(path.rendered)")
        var visited: Set<String> = []
        while let next = Self.nextLink(response.header("Link")), visited.insert(next).inserted {
            guard next.hasPrefix("/") else {
                throw SnowflakeError(code: .invalidResponse, operation: "GET \(path.rendered)", detail: "unexpected Link target '\(next)'")
            }
            response = try await send("GET", RawPath(next))
            elements += try decode([Element].self, response, operation: "GET \(next)")
        }
        return elements
    }

    /// The target of the `rel="next"` element of a `Link` header.
    static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        for element in header.split(separator: ",") {
            let parts = element.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2, parts[0].hasPrefix("<"), parts[0].hasSuffix(">") else { continue }
            if parts.dropFirst().contains(where: { $0.replacingOccurrences(of: " ", with: "").lowercased() == "rel=\"next\"" }) {
                return String(parts[0].dropFirst().dropLast())
            }
        }
        return nil
    }

    private func decode<Result: Decodable>(_ type: Result.Type, _ response: TransportResponse, operation: String) throws -> Result {
        do {
            return try WireCoding.sharedDecoder.decode(Result.self, from: response.body)
        } catch {
            throw SnowflakeError(
                code: .invalidResponse, status: nil, headers: response.headers,
                body: String(decoding: response.body.prefix(2048), as: UTF8.self),
                operation: operation, detail: "the answer is not a valid \(Result.self): \(error)",
                underlyingError: error)
        }
    }

    /// Encodes a request body, leaving out read-only fields.
    package func encodeBody(_ value: some Encodable) throws -> Data {
        do {
            return try WireCoding.encodeRequestBody(value, with: WireCoding.sharedEncoder)
        } catch {
            throw SnowflakeError(code: .invalidArgument, detail: "the body could not be encoded: \(error)", underlyingError: error)
        }
    }

    /// `?a=b&c=d` with every reserved character percent-encoded, or "" when empty.
    static func encodeQuery(_ items: [URLQueryItem]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { APIPath.percentEncode($0.name) + "=" + APIPath.percentEncode($0.value ?? "") }
            .joined(separator: "&")
    }
}

/// Something that renders as a URL path (with its own query, if any).
package protocol RenderedPath: Sendable {
    /// The path, percent-encoded.
    var rendered: String { get }
}

/// A path given by the server (a `Link` target), used as is.
package struct RawPath: RenderedPath {
    package let rendered: String
    package init(_ rendered: String) { self.rendered = rendered }
}

/// A path under `/api/v2`: segments (each percent-encoded on its own) and an optional action
/// verb glued to the last one (`tasks/T1:resume`).
package struct APIPath: RenderedPath, Hashable {
    /// The raw segments.
    package var segments: [String]
    /// The action verb, if any.
    package var action: String?

    package init(_ segments: [String], action: String? = nil) {
        self.segments = segments
        self.action = action
    }

    /// This path with more segments.
    package func appending(_ more: String...) -> APIPath { APIPath(segments + more) }

    /// This path with an action verb.
    package func action(_ verb: String) -> APIPath { APIPath(segments, action: verb) }

    /// `/api/v2/...`, percent-encoded.
    package var rendered: String {
        "/api/v2/" + segments.map(Self.percentEncode).joined(separator: "/") + (action.map { ":" + $0 } ?? "")
    }

    private static let unreserved: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// Percent-encodes every byte but ASCII letters, digits and `-._~`.
    package static func percentEncode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }
}
