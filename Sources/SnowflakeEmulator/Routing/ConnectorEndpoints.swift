import Foundation
import SnowflakeModels

/// The part of the Snowflake connectors' private protocol that official clients need: log in
/// (password, key-pair JWT, programmatic access token), run the statements they send on
/// connect, renew the session, heartbeat, log out and telemetry. Every answer is HTTP 200 with
/// the connector envelope `{"data", "code", "message", "success"}`; codes are strings.
struct ConnectorEndpoints: Sendable {
    let services: EmulatorServices

    /// The paths this serves.
    static let paths: Set<String> = [
        "/session/v1/login-request", "/queries/v1/query-request", "/session/token-request", "/session/heartbeat", "/session",
        "/telemetry/send",
    ]

    /// Answers one call; `body` is already decompressed.
    /// `host` is the request's `Host`, where a `PUT` or `GET` answer points the client's storage requests.
    func handle(path: String, query: [String: String], authorization: String?, host: String?, body: Data) async -> Data {
        do {
            switch path {
            case "/session/v1/login-request": return try await login(query: query, body: body)
            case "/queries/v1/query-request": return try await runQuery(authorization: authorization, host: host, body: body)
            case "/session/token-request": return try await renew(authorization: authorization)
            case "/session/heartbeat":
                _ = try await services.sessions.entry(for: try sessionToken(authorization))
                return Self.envelope(data: nil)
            case "/session":
                if query["delete"]?.lowercased() == "true" {
                    try await services.sessions.close(token: try sessionToken(authorization))
                }
                return Self.envelope(data: nil)
            default:
                return Self.envelope(data: .string("Log Received"))
            }
        } catch let error as EmulatorError {
            return Self.failure(code: error.code, message: error.message)
        } catch {
            return Self.failure(code: "390500", message: "Internal error while serving the request.")
        }
    }

    // MARK: Login

    private func login(query: [String: String], body: Data) async throws -> Data {
        guard let request = try? JSONDecoder().decode(LoginRequest.self, from: body) else {
            return Self.failure(code: "390400", message: "The login request is not valid JSON with a 'data' object.")
        }
        let data = request.data
        let account = (data.accountName ?? "").split(separator: ".").first.map { String($0).uppercased() } ?? ""
        guard account == services.configuration.accountName.uppercased() else {
            return Self.failure(code: "390100", message: "Incorrect username or password was specified.", loginName: data.loginName)
        }
        let loginName = (data.loginName ?? "").uppercased()
        let authenticator = (data.authenticator ?? "SNOWFLAKE").uppercased()
        let user: UserDirectory.Entry
        switch authenticator {
        case "SNOWFLAKE":
            guard let found = try await services.users.user(byLoginName: loginName), let hash = found.passwordHash,
                let password = data.password, PasswordHash.verify(password, against: hash)
            else { return Self.failure(code: "390100", message: "Incorrect username or password was specified.", loginName: data.loginName) }
            user = found
        case "SNOWFLAKE_JWT":
            let name: String
            do { name = try await services.authenticator.verifyJWT(data.token ?? "") } catch {
                return Self.failure(code: "390144", message: "JWT token is invalid.", loginName: data.loginName)
            }
            guard let found = try await services.users.user(name), found.loginName == loginName || found.name == loginName else {
                return Self.failure(code: "390144", message: "JWT token is invalid.", loginName: data.loginName)
            }
            user = found
        case "PROGRAMMATIC_ACCESS_TOKEN", "OAUTH":
            let name: String
            do { name = try await services.tokens.user(for: data.token ?? "") } catch {
                return Self.failure(code: "390100", message: "Incorrect username or password was specified.", loginName: data.loginName)
            }
            guard let found = try await services.users.user(name), found.loginName == loginName || found.name == loginName else {
                return Self.failure(code: "390100", message: "Incorrect username or password was specified.", loginName: data.loginName)
            }
            user = found
        default:
            return Self.failure(code: "390100", message: "Authenticator \(authenticator) is not supported by the emulator.", loginName: data.loginName)
        }
        guard !user.disabled else {
            return Self.failure(code: "390101", message: "User access disabled. Contact your local system administrator.", loginName: data.loginName)
        }
        var role = user.defaultRole
        if let requested = query["roleName"], !requested.isEmpty {
            let canonical = (try? Identifier.resolve(requested)) ?? requested
            guard canonical == user.defaultRole || canonical == "PUBLIC" else {
                return Self.failure(code: "390189", message: "Role '\(canonical)' specified in the connect string is not granted to this user.")
            }
            role = canonical
        }
        func context(_ name: String) -> String? { query[name].flatMap { $0.isEmpty ? nil : $0 } }
        let session = try await services.sessions.open(
            user: user.name, role: role, database: context("databaseName"), schema: context("schemaName"), warehouse: context("warehouse"))
        let reply: [String: JSONValue] = [
            "token": .string(session.token), "masterToken": .string(session.masterToken),
            "validityInSeconds": .integer(Int64(session.validity)), "masterValidityInSeconds": .integer(Int64(session.masterValidity)),
            "sessionId": .integer(session.sessionID), "serverVersion": "snowapi-emulator", "displayUserName": .string(user.name),
            "firstLogin": false, "healthCheckInterval": 45,
            "parameters": [
                ["name": "TIMEZONE", "value": "UTC"], ["name": "AUTOCOMMIT", "value": true],
                ["name": "CLIENT_TELEMETRY_ENABLED", "value": false],
            ],
            "sessionInfo": .object([
                "databaseName": context("databaseName").map(JSONValue.string) ?? .null,
                "schemaName": context("schemaName").map(JSONValue.string) ?? .null,
                "warehouseName": context("warehouse").map(JSONValue.string) ?? .null,
                "roleName": .string(role),
            ]),
        ]
        return Self.envelope(data: .object(reply))
    }

    // MARK: Session

    private func sessionToken(_ authorization: String?) throws -> String {
        guard let authorization, let token = RequestAuthenticator.sessionToken(authorization) else {
            throw EmulatorError(status: 401, code: "390104", message: "Invalid session token.")
        }
        return token
    }

    private func renew(authorization: String?) async throws -> Data {
        let renewed = try await services.sessions.renew(masterToken: try sessionToken(authorization))
        return Self.envelope(data: .object([
            "sessionToken": .string(renewed.token), "validityInSecondsST": .integer(Int64(renewed.validity)),
            "masterToken": .string(renewed.masterToken), "validityInSecondsMT": .integer(Int64(renewed.masterValidity)),
            "sessionId": .integer(renewed.sessionID),
        ]))
    }

    // MARK: Statements

    /// Runs the statements official clients send on connect, and answers `PUT` and `GET` with
    /// where to move the files (``TransferStatements``). The emulator does not run other SQL
    /// yet: anything else is refused with a clear error.
    private func runQuery(authorization: String?, host: String?, body: Data) async throws -> Data {
        let session = try await services.sessions.entry(for: try sessionToken(authorization))
        let sql = ((try? JSONDecoder().decode(QueryRequest.self, from: body))?.sqlText ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
        let queryID = UUID().uuidString.lowercased()
        if TransferStatement.isTransfer(sql) {
            let answer = try await TransferStatements(services: services).answer(sql, session: session, host: host, queryID: queryID)
            guard case .object(var data) = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(answer)) else {
                throw EmulatorError(status: 500, code: "390500", message: "Internal error while serving the request.")
            }
            data["rowtype"] = []
            data["rowset"] = []
            data["statementTypeId"] = 0
            data["operation"] = .string(answer.command)
            return Self.envelope(data: .object(data))
        }
        if sql.uppercased() == "SELECT SYSTEM$CLIENT_VERSION_INFO()" {
            let column: JSONValue = [
                "name": "SYSTEM$CLIENT_VERSION_INFO()", "database": "", "schema": "", "table": "", "nullable": true, "type": "text",
                "length": 16_777_216, "byteLength": 16_777_216, "precision": nil, "scale": nil, "collation": nil,
            ]
            return Self.envelope(data: .object([
                "rowtype": [column], "rowset": [["[]"]], "total": 1, "returned": 1, "queryId": .string(queryID),
                "queryResultFormat": "json", "statementTypeId": 4096, "parameters": [],
            ]))
        }
        let message = "SQL execution is not emulated yet; the emulator answers only the statements clients send on connect, and PUT and GET. Statement: \(sql.prefix(200))"
        return Self.encode([
            "data": .object([
                "internalError": false, "errorCode": "002140", "age": 0, "sqlState": "0A000", "queryId": .string(queryID),
                "line": -1, "pos": -1, "type": "COMPILATION",
            ]),
            "code": "002140", "message": .string(message), "success": false, "headers": nil,
        ])
    }

    // MARK: Envelopes

    static func envelope(data: JSONValue?) -> Data {
        encode(["data": data ?? .null, "code": nil, "message": nil, "success": true])
    }

    static func failure(code: String, message: String, loginName: String? = nil) -> Data {
        var data: [String: JSONValue] = ["errorCode": .string(code), "requestId": .string(UUID().uuidString.lowercased())]
        if let loginName { data["loginName"] = .string(loginName) }
        return encode(["data": .object(data), "code": .string(code), "message": .string(message), "success": false, "headers": nil])
    }

    static func encode(_ object: [String: JSONValue]) -> Data {
        (try? JSONEncoder().encode(object)) ?? Data(#"{"success":false}"#.utf8)
    }

    private struct LoginRequest: Decodable {
        struct Fields: Decodable {
            var accountName: String?
            var loginName: String?
            var password: String?
            var authenticator: String?
            var token: String?

            private enum CodingKeys: String, CodingKey {
                case accountName = "ACCOUNT_NAME"
                case loginName = "LOGIN_NAME"
                case password = "PASSWORD"
                case authenticator = "AUTHENTICATOR"
                case token = "TOKEN"
            }
        }

        var data: Fields
    }

    private struct QueryRequest: Decodable {
        var sqlText: String?
    }
}
