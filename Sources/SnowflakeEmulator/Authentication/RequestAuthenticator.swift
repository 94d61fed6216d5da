import Foundation
import GRDB
import SnowflakeModels
import _CryptoExtras

/// Decides who a request is: `Authorization: Bearer <token>` (a programmatic access token, an
/// OAuth token from the same store, or a key-pair JWT, told apart by
/// `X-Snowflake-Authorization-Token-Type` or by the token's shape) or
/// `Authorization: Snowflake Token="<session token>"` after a login.
struct RequestAuthenticator: Sendable {
    let services: EmulatorServices

    /// Key-pair JWTs may live at most an hour, as in Snowflake; clocks may differ by a minute.
    static let maximumJWTLifetime: TimeInterval = 3600
    static let clockSkew: TimeInterval = 60

    func authenticate(authorization: String?, tokenType: String?, role: String?) async throws -> Principal {
        guard let authorization, !authorization.isEmpty else {
            throw EmulatorError.unauthorized("Authentication required: send 'Authorization: Bearer <token>'.")
        }
        let user: String
        let sessionKey: String
        if authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " {
            let token = String(Self.trimmingBlanks(authorization.dropFirst(7)))
            sessionKey = SessionSettings.key(bearer: token)
            let type = tokenType?.uppercased()
            if type == "KEYPAIR_JWT" || (type == nil && Self.looksLikeJWT(token)) {
                user = try await verifyJWT(token)
            } else if type == nil || type == "PROGRAMMATIC_ACCESS_TOKEN" || type == "OAUTH" {
                user = try await services.tokens.user(for: token)
            } else {
                throw EmulatorError.unauthorized("Unknown token type '\(tokenType ?? "")'.")
            }
        } else if let token = Self.sessionToken(authorization) {
            let session = try await services.sessions.entry(for: token)
            let key = SessionSettings.key(session: session.id)
            let chosen = try await services.sessionSettings.values(for: key).role
            var principal = try await principal(user: session.user, role: role, sessionRole: chosen ?? session.role)
            principal.sessionKey = key
            return principal
        } else {
            throw EmulatorError.unauthorized("Unsupported authorization scheme: use 'Bearer <token>' or 'Snowflake Token=\"<session token>\"'.")
        }
        let chosen = try await services.sessionSettings.values(for: sessionKey).role
        var principal = try await principal(user: user, role: role, sessionRole: chosen)
        principal.sessionKey = sessionKey
        return principal
    }

    /// The principal of a known user acting as `role`: by default the session's role, else the
    /// user's default role. A user may act as its default role, the session's, PUBLIC, and any
    /// role granted to it (directly or through the role hierarchy).
    func principal(user name: String, role: String?, sessionRole: String? = nil) async throws -> Principal {
        guard let user = try await services.users.user(name) else {
            throw EmulatorError.unauthorized("User '\(name)' does not exist.")
        }
        guard !user.disabled else {
            throw EmulatorError(status: 403, code: "390101", message: "User access disabled. Contact your local system administrator.")
        }
        var acting = sessionRole ?? user.defaultRole
        if let role, !role.isEmpty {
            let requested = (try? Identifier.resolve(role)) ?? role
            var usable = requested == user.defaultRole || requested == sessionRole || requested == "PUBLIC"
            if !usable { usable = try await services.store.read { db in try RoleHierarchy(db: db).roles(ofUser: name).contains(requested) } }
            guard usable else {
                throw EmulatorError.sql(403, "003001", "Role '\(requested)' is not granted to this user.")
            }
            acting = requested
        }
        return Principal(user: name, role: acting)
    }

    /// The text without leading and trailing spaces and tabs.
    static func trimmingBlanks(_ text: Substring) -> Substring {
        var start = text.startIndex
        var end = text.endIndex
        while start < end, text[start] == " " || text[start] == "\t" { start = text.index(after: start) }
        while end > start, text[text.index(before: end)] == " " || text[text.index(before: end)] == "\t" { end = text.index(before: end) }
        return text[start..<end]
    }

    static func looksLikeJWT(_ token: String) -> Bool {
        token.hasPrefix("eyJ") && token.split(separator: ".", omittingEmptySubsequences: false).count == 3
    }

    /// The token of `Snowflake Token="..."`.
    static func sessionToken(_ authorization: String) -> String? {
        let prefix = "snowflake token="
        guard authorization.lowercased().hasPrefix(prefix) else { return nil }
        let value = authorization.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        return value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
    }

    // MARK: Key-pair JWTs

    /// Verifies a key-pair JWT: RS256 signature by one of the user's registered keys, the
    /// issuer's fingerprint and account, the expiry and the one-hour lifetime cap. Returns the
    /// user's canonical name.
    func verifyJWT(_ token: String) async throws -> String {
        let invalid = EmulatorError.unauthorized("JWT token is invalid.")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.base64URL(parts[0]), let claimsData = Self.base64URL(parts[1]),
            let signature = Self.base64URL(parts[2]),
            let header = try? JSONDecoder().decode([String: JSONValue].self, from: headerData),
            let claims = try? JSONDecoder().decode([String: JSONValue].self, from: claimsData)
        else { throw invalid }
        guard header["alg"] == "RS256" else { throw EmulatorError.unauthorized("JWT token is invalid: the algorithm must be RS256.") }
        guard case .string(let issuer)? = claims["iss"], case .string(let subject)? = claims["sub"],
            case .integer(let issuedAt)? = claims["iat"], case .integer(let expires)? = claims["exp"]
        else { throw EmulatorError.unauthorized("JWT token is invalid: it needs the claims iss, sub, iat and exp.") }

        let subjectParts = subject.split(separator: ".", maxSplits: 1)
        guard subjectParts.count == 2 else { throw EmulatorError.unauthorized("JWT token is invalid: sub must be ACCOUNT.USER.") }
        let account = String(subjectParts[0])
        guard account == services.configuration.accountName.uppercased() else {
            throw EmulatorError.unauthorized(
                "JWT token is invalid: it is for account '\(account)', and this is account '\(services.configuration.accountName.uppercased())'.")
        }
        let userName = String(subjectParts[1])
        guard issuer.hasPrefix(subject + ".SHA256:") else {
            throw EmulatorError.unauthorized("JWT token is invalid: iss must be sub followed by the public key fingerprint.")
        }
        let fingerprint = String(issuer.dropFirst(subject.count + 1))
        guard let user = try await services.users.user(userName) else {
            throw EmulatorError.unauthorized("JWT token is invalid: user '\(userName)' does not exist.")
        }
        guard let key = user.keys[fingerprint] else {
            throw EmulatorError.unauthorized("JWT token is invalid: the fingerprint \(fingerprint) is not one of the user's public keys.")
        }
        let signingInput = Data((parts[0] + "." + parts[1]).utf8)
        guard key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: signingInput, padding: .insecurePKCS1v1_5)
        else { throw EmulatorError.unauthorized("JWT token is invalid: the signature does not match the user's public key.") }
        let now = services.configuration.clock.now().timeIntervalSince1970
        guard Double(expires) > now - Self.clockSkew else { throw EmulatorError.unauthorized("JWT token is invalid: it has expired.") }
        guard Double(issuedAt) <= now + Self.clockSkew else { throw EmulatorError.unauthorized("JWT token is invalid: it is issued in the future.") }
        guard Double(expires - issuedAt) <= Self.maximumJWTLifetime + Self.clockSkew else {
            throw EmulatorError.unauthorized("JWT token is invalid: its lifetime exceeds one hour.")
        }
        return userName
    }

    static func base64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
