import Foundation
import SnowflakeModels

/// A session of the connector protocol the Snowflake connectors use: one login at the login
/// endpoint (with a password, a key-pair JWT or a token), then the session token on every
/// request; renewed with the master token when the server answers 390112; closed with a
/// logout. It authenticates REST calls for password credentials, and runs the statements the
/// REST API has no endpoint for (`PUT`, `GET`) for every kind of credentials.
actor SessionAuthenticator: Authenticator {
    /// What the login proves identity with.
    enum LoginSecret: Sendable {
        case password(String)
        case keyPair(RSAKeyPair)
        /// A programmatic access token or an OAuth access token, with its authenticator name.
        case token(String, authenticator: String)
    }

    private let configuration: ConnectionConfiguration
    private let account: String
    private let user: String
    private let secret: LoginSecret
    private let transport: any SnowflakeTransport
    private let baseURL: String
    private let now: @Sendable () -> Date
    private var session: (token: String, master: String)?
    private var sequence = 0

    init(
        configuration: ConnectionConfiguration, account: String, user: String, secret: LoginSecret,
        transport: any SnowflakeTransport, baseURL: String, now: @escaping @Sendable () -> Date
    ) {
        self.configuration = configuration
        self.account = account
        self.user = user
        self.secret = secret
        self.transport = transport
        self.baseURL = baseURL
        self.now = now
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
        var fields: [String: JSONValue] = [
            "CLIENT_APP_ID": "SnowAPISwift", "CLIENT_APP_VERSION": .string(RESTClient.version),
            "ACCOUNT_NAME": .string(account), "LOGIN_NAME": .string(user),
            "SESSION_PARAMETERS": [:], "CLIENT_ENVIRONMENT": ["APPLICATION": "SnowAPISwift"],
            "CLIENT_CAPABILITIES": ["SMK_ID_AS_STRING": true],
        ]
        switch secret {
        case .password(let password):
            fields["PASSWORD"] = .string(password)
        case .keyPair(let keyPair):
            fields["AUTHENTICATOR"] = "SNOWFLAKE_JWT"
            fields["TOKEN"] = .string(
                try KeyPairJWT.make(account: account, user: user, keyPair: keyPair, issuedAt: now(), lifetime: KeyPairAuthenticator.lifetime))
        case .token(let token, let authenticator):
            fields["AUTHENTICATOR"] = .string(authenticator)
            fields["TOKEN"] = .string(token)
        }
        let body: [String: JSONValue] = ["data": .object(fields)]
        let reply = try await call("/session/v1/login-request", query: query, authorization: "None", body: body)
        guard reply.success, case .string(let token)? = reply.data["token"], case .string(let master)? = reply.data["masterToken"] else {
            throw SnowflakeError(
                code: .unauthorized, operation: "POST /session/v1/login-request",
                detail: "login failed: \(reply.message ?? "no reason given") (code \(reply.code ?? "none"))")
        }
        session = (token, master)
        return token
    }

    /// Runs one statement through the query endpoint and returns the answer's `data`; an
    /// expired session is renewed once. A refused statement throws a ``SnowflakeError`` with
    /// Snowflake's message and code (`notFound` for 002003, `badRequest` otherwise).
    func execute(_ sql: String) async throws -> [String: JSONValue] {
        for attempt in 0..<2 {
            let token = try await currentToken()
            sequence += 1
            let body: [String: JSONValue] = [
                "sqlText": .string(sql), "asyncExec": false, "sequenceId": .integer(Int64(sequence)),
                "querySubmissionTime": .integer(Int64(now().timeIntervalSince1970 * 1000)), "isInternal": false, "queryContextDTO": [:],
            ]
            let id = UUID().uuidString.lowercased()
            let reply = try await call(
                "/queries/v1/query-request",
                query: [URLQueryItem(name: "requestId", value: id), URLQueryItem(name: "request_guid", value: UUID().uuidString.lowercased())],
                authorization: token, body: body)
            if reply.success { return reply.data }
            if reply.code == "390112", attempt == 0, try await renew(after: [("Authorization", "Snowflake Token=\"\(token)\"")]) { continue }
            let code = reply.code ?? ""
            let message = reply.message ?? "the statement was refused"
            let errorBody = (try? JSONEncoder().encode(["message": message, "code": code, "error_code": code, "request_id": id]))
                .map { String(decoding: $0, as: UTF8.self) }
            throw SnowflakeError(
                code: code == "002003" ? .notFound : code.hasPrefix("390") ? .unauthorized : .badRequest, body: errorBody,
                operation: "POST /queries/v1/query-request (\(sql.split(separator: " ").first ?? ""))", detail: message, sentRequestID: id)
        }
        throw SnowflakeError(code: .unauthorized, operation: "POST /queries/v1/query-request", detail: "the session could not be renewed")
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
