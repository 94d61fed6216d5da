import Foundation
import SnowflakeModels

/// Password authentication through the login endpoint the Snowflake connectors use: one login,
/// then the session token on every request; renewed with the master token when the server
/// answers 390112; closed with a logout.
actor SessionAuthenticator: Authenticator {
    private let configuration: ConnectionConfiguration
    private let account: String
    private let user: String
    private let password: String
    private let transport: any SnowflakeTransport
    private let baseURL: String
    private var session: (token: String, master: String)?

    init(
        configuration: ConnectionConfiguration, account: String, user: String, password: String,
        transport: any SnowflakeTransport, baseURL: String
    ) {
        self.configuration = configuration
        self.account = account
        self.user = user
        self.password = password
        self.transport = transport
        self.baseURL = baseURL
    }

    func authorizationHeaders() async throws -> [(name: String, value: String)] {
        let token = try await currentToken()
        return [("Authorization", "Snowflake Token=\"\(token)\"")]
    }

    func renew(after headers: [(name: String, value: String)]) async throws -> Bool {
        guard let session else { return false }
        guard headers.contains(where: { $0.name == "Authorization" && $0.value.contains(session.token) }) else {
            return true  // another request renewed it already
        }
        let reply = try await call(
            "/session/token-request", query: [URLQueryItem(name: "requestId", value: UUID().uuidString.lowercased())],
            authorization: session.master, body: ["oldSessionToken": .string(session.token), "requestType": "RENEW"])
        if reply.success, case .string(let token)? = reply.data["sessionToken"] {
            if case .string(let master)? = reply.data["masterToken"] { self.session = (token, master) } else { self.session = (token, session.master) }
        } else {
            self.session = nil
            _ = try await currentToken()
        }
        return true
    }

    func close() async {
        guard let session else { return }
        self.session = nil
        _ = try? await call(
            "/session", query: [URLQueryItem(name: "delete", value: "true"), URLQueryItem(name: "requestId", value: UUID().uuidString.lowercased())],
            authorization: session.token, body: [:])
    }

    private func currentToken() async throws -> String {
        if let session { return session.token }
        var query: [URLQueryItem] = []
        for (name, value) in [
            ("databaseName", configuration.database), ("schemaName", configuration.schema), ("warehouse", configuration.warehouse),
            ("roleName", configuration.role),
        ] { query.append(URLQueryItem(name: name, value: value ?? "")) }
        let body: [String: JSONValue] = [
            "data": .object([
                "CLIENT_APP_ID": "SnowAPISwift", "CLIENT_APP_VERSION": .string(RESTClient.version),
                "ACCOUNT_NAME": .string(account), "LOGIN_NAME": .string(user), "PASSWORD": .string(password),
                "SESSION_PARAMETERS": [:], "CLIENT_ENVIRONMENT": ["APPLICATION": "SnowAPISwift"],
            ]),
        ]
        let reply = try await call("/session/v1/login-request", query: query, authorization: "None", body: body)
        guard reply.success, case .string(let token)? = reply.data["token"], case .string(let master)? = reply.data["masterToken"] else {
            throw SnowflakeError(
                code: .unauthorized, operation: "POST /session/v1/login-request",
                detail: "login failed: \(reply.message ?? "no reason given") (code \(reply.code ?? "none"))")
        }
        session = (token, master)
        return token
    }

    private struct Reply {
        var success: Bool
        var data: [String: JSONValue]
        var code: String?
        var message: String?
    }

    /// One call of the connector protocol: HTTP 200 with `{"data", "code", "message", "success"}`.
    private func call(_ path: String, query: [URLQueryItem], authorization: String, body: [String: JSONValue]) async throws -> Reply {
        let request = TransportRequest(
            method: "POST", url: baseURL + path + RESTClient.encodeQuery(query),
            headers: [
                ("Accept", "application/snowflake"), ("Content-Type", "application/json"),
                ("Authorization", "Snowflake Token=\"\(authorization)\""), ("User-Agent", "snowapi-swift/\(RESTClient.version)"),
            ],
            body: try JSONEncoder().encode(body), timeout: configuration.requestTimeout, isIdempotent: false)
        let response = try await transport.send(request)
        guard response.status == 200,
            let object = try? JSONDecoder().decode([String: JSONValue].self, from: response.body)
        else {
            throw SnowflakeError(
                code: response.status == 200 ? .invalidResponse : .forStatus(response.status), status: response.status,
                reason: response.reason, headers: response.headers, body: String(decoding: response.body.prefix(2048), as: UTF8.self),
                operation: "POST \(path)")
        }
        var data: [String: JSONValue] = [:]
        if case .object(let fields)? = object["data"] { data = fields }
        var code: String?
        if case .string(let text)? = object["code"] { code = text }
        var message: String?
        if case .string(let text)? = object["message"] { message = text }
        return Reply(success: object["success"] == .bool(true), data: data, code: code, message: message)
    }
}
