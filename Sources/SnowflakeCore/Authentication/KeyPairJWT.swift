import Crypto
import Foundation
import _CryptoExtras

/// The JWT of key-pair authentication: RS256, `iss = ACCOUNT.USER.SHA256:<fingerprint>`,
/// `sub = ACCOUNT.USER`, `iat` and `exp`.
enum KeyPairJWT {
    /// The account part of the claims: the text before the first `.` (before the first `-`
    /// for a `.global` account), upper-cased.
    static func accountClaim(_ account: String) -> String {
        let base = account.contains(".global")
            ? String(account.split(separator: "-", maxSplits: 1).first ?? "")
            : String(account.split(separator: ".", maxSplits: 1).first ?? "")
        return base.uppercased()
    }

    /// `SHA256:` and the standard base64 of the SHA-256 of the DER SubjectPublicKeyInfo.
    static func fingerprint(ofPublicKeyDER der: Data) -> String {
        "SHA256:" + Data(SHA256.hash(data: der)).base64EncodedString()
    }

    /// A signed token.
    static func make(account: String, user: String, keyPair: RSAKeyPair, issuedAt: Date, lifetime: TimeInterval) throws -> String {
        let subject = accountClaim(account) + "." + user.uppercased()
        let header = #"{"alg":"RS256","typ":"JWT"}"#
        let iat = Int(issuedAt.timeIntervalSince1970)
        let claims = #"{"iss":"\#(subject).\#(keyPair.fingerprint)","sub":"\#(subject)","iat":\#(iat),"exp":\#(iat + Int(lifetime))}"#
        let signingInput = base64URL(Data(header.utf8)) + "." + base64URL(Data(claims.utf8))
        let signature = try keyPair.privateKey.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + base64URL(signature.rawRepresentation)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Gives each request its authentication headers.
protocol Authenticator: Sendable {
    func authorizationHeaders() async throws -> [(name: String, value: String)]
    /// Called when the server said the credentials in `headers` expired (code 390112); true
    /// when they were renewed and the request may be sent again.
    func renew(after headers: [(name: String, value: String)]) async throws -> Bool
    /// Ends what the credentials opened (a session).
    func close() async
}

extension Authenticator {
    func renew(after headers: [(name: String, value: String)]) async throws -> Bool { false }
    func close() async {}
}

/// A fixed bearer token.
struct BearerAuthenticator: Authenticator {
    let token: String
    let type: String

    func authorizationHeaders() async throws -> [(name: String, value: String)] {
        [("Authorization", "Bearer \(token)"), ("X-Snowflake-Authorization-Token-Type", type)]
    }
}

/// Key-pair JWTs: one token is reused until shortly before it expires, then renewed; never one
/// per request.
actor KeyPairAuthenticator: Authenticator {
    private let account: String
    private let user: String
    private let keyPair: RSAKeyPair
    private let lifetime: TimeInterval
    private let now: @Sendable () -> Date
    private var current: (token: String, expires: Date)?

    /// Snowflake caps a key-pair JWT at one hour; tokens are renewed five minutes before expiry.
    static let lifetime: TimeInterval = 3600
    static let renewalMargin: TimeInterval = 300

    init(account: String, user: String, keyPair: RSAKeyPair, lifetime: TimeInterval = KeyPairAuthenticator.lifetime, now: @escaping @Sendable () -> Date) {
        self.account = account
        self.user = user
        self.keyPair = keyPair
        self.lifetime = lifetime
        self.now = now
    }

    func authorizationHeaders() async throws -> [(name: String, value: String)] {
        let time = now()
        if current == nil || current!.expires.timeIntervalSince(time) < Self.renewalMargin {
            let token = try KeyPairJWT.make(account: account, user: user, keyPair: keyPair, issuedAt: time, lifetime: lifetime)
            current = (token, time.addingTimeInterval(lifetime))
        }
        return [("Authorization", "Bearer \(current!.token)"), ("X-Snowflake-Authorization-Token-Type", "KEYPAIR_JWT")]
    }
}

extension Credentials {
    /// The authenticator for a connection; `transport` carries its own login calls.
    func makeAuthenticator(
        for configuration: ConnectionConfiguration, transport: any SnowflakeTransport, now: @escaping @Sendable () -> Date
    ) throws -> any Authenticator {
        switch storage {
        case .bearer(let token, let type):
            return BearerAuthenticator(token: token, type: type)
        case .keyPair(let keyPair):
            guard let account = configuration.account, !account.isEmpty else {
                throw SnowflakeError(code: .invalidConfiguration, detail: "key-pair authentication needs the account (it is part of the JWT)")
            }
            guard let user = configuration.user, !user.isEmpty else {
                throw SnowflakeError(code: .invalidConfiguration, detail: "key-pair authentication needs the user")
            }
            return KeyPairAuthenticator(account: account, user: user, keyPair: keyPair, now: now)
        case .password(let password):
            return try connectorSession(
                for: configuration, secret: .password(password), purpose: "password authentication", transport: transport, now: now)
        }
    }

    /// A connector-protocol session with these credentials, for the statements the REST API
    /// has no endpoint for; it logs in at first use.
    func connectorSession(
        for configuration: ConnectionConfiguration, transport: any SnowflakeTransport, now: @escaping @Sendable () -> Date
    ) throws -> SessionAuthenticator {
        let secret: SessionAuthenticator.LoginSecret
        switch storage {
        case .bearer(let token, let type): secret = .token(token, authenticator: type)
        case .keyPair(let keyPair): secret = .keyPair(keyPair)
        case .password(let password): secret = .password(password)
        }
        return try connectorSession(
            for: configuration, secret: secret, purpose: "PUT and GET (a connector session)", transport: transport, now: now)
    }

    private func connectorSession(
        for configuration: ConnectionConfiguration, secret: SessionAuthenticator.LoginSecret, purpose: String,
        transport: any SnowflakeTransport, now: @escaping @Sendable () -> Date
    ) throws -> SessionAuthenticator {
        guard let account = configuration.account, !account.isEmpty else {
            throw SnowflakeError(code: .invalidConfiguration, detail: "\(purpose) needs the account (it is sent at login)")
        }
        guard let user = configuration.user, !user.isEmpty else {
            throw SnowflakeError(code: .invalidConfiguration, detail: "\(purpose) needs the user")
        }
        return SessionAuthenticator(
            configuration: configuration, account: account, user: user, secret: secret, transport: transport,
            baseURL: try configuration.baseURL(), now: now)
    }
}
