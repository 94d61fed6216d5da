import Crypto
import Foundation
import GRDB
import SnowflakeModels
import Synchronization

/// Checks bearer tokens. Tokens are stored as SHA-256 hashes only; the set of valid hashes is
/// cached in memory so checking a request costs no database read.
final class AccessTokens: Sendable {
    private struct Entry: Sendable {
        var user: String
        var defaultRole: String
        var expiresOn: Date
    }

    private let store: EmulatorStore
    private let clock: any EmulatorClock
    private let cache = Mutex<[String: Entry]>([:])

    init(store: EmulatorStore, clock: any EmulatorClock) async throws {
        self.store = store
        self.clock = clock
        let entries = try await store.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.token_hash, t.user_name, t.expires_on, u.default_role
                    FROM access_tokens t JOIN users u ON u.name = t.user_name
                    """
            ).map { row -> (String, Entry) in
                (row["token_hash"], Entry(
                    user: row["user_name"], defaultRole: row["default_role"],
                    expiresOn: Date(timeIntervalSince1970: row["expires_on"])))
            }
        }
        cache.withLock { cache in
            for (hash, entry) in entries { cache[hash] = entry }
        }
    }

    /// The principal of a request, from its `Authorization` header and optional
    /// `X-Snowflake-Role` header.
    func authenticate(authorization: String?, role: String?) throws(EmulatorError) -> Principal {
        guard let authorization, !authorization.isEmpty else {
            throw .unauthorized("Authentication required: send 'Authorization: Bearer <token>'.")
        }
        guard authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
            throw .unauthorized("Unsupported authorization scheme: use 'Authorization: Bearer <token>'.")
        }
        let token = authorization.dropFirst(7).trimmingCharacters(in: .whitespaces)
        let hash = Self.hash(token)
        guard let entry = cache.withLock({ $0[hash] }) else {
            throw .unauthorized("Invalid access token.")
        }
        guard entry.expiresOn > clock.now() else {
            throw .unauthorized("Access token expired.")
        }
        var acting = entry.defaultRole
        if let role, !role.isEmpty {
            let requested = (try? Identifier.resolve(role)) ?? role
            guard requested == entry.defaultRole || requested == "PUBLIC" else {
                throw EmulatorError.sql(403, "003001", "Role '\(requested)' is not granted to this user.")
            }
            acting = requested
        }
        return Principal(user: entry.user, role: acting)
    }

    /// Issues a new programmatic access token for `user`, replacing any of the same name, and
    /// returns its secret (shown once, stored only as a hash).
    func issue(user: String, name: String, lifetime: TimeInterval) async throws -> String {
        let secret = Self.newSecret()
        let hash = Self.hash(secret)
        let now = clock.now()
        let expires = now.addingTimeInterval(lifetime)
        let defaultRole = try await store.write { db -> String in
            guard let role = try String.fetchOne(db, sql: "SELECT default_role FROM users WHERE name = ?", arguments: [user])
            else { throw EmulatorError.doesNotExist("User", user) }
            let replaced = try String.fetchAll(
                db, sql: "SELECT token_hash FROM access_tokens WHERE user_name = ? AND token_name = ?", arguments: [user, name])
            try db.execute(
                sql: "DELETE FROM access_tokens WHERE user_name = ? AND token_name = ?", arguments: [user, name])
            try db.execute(
                sql: """
                    INSERT INTO access_tokens (token_hash, user_name, token_name, created_on, expires_on)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [hash, user, name, now.timeIntervalSince1970, expires.timeIntervalSince1970])
            self.cache.withLock { cache in for old in replaced { cache[old] = nil } }
            return role
        }
        cache.withLock { $0[hash] = Entry(user: user, defaultRole: defaultRole, expiresOn: expires) }
        return secret
    }

    static func hash(_ token: some StringProtocol) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "snowapi-pat-" + encoded
    }
}

/// Creates the administrator on a fresh data directory.
enum Bootstrap {
    /// The role the administrator owns objects with.
    static let adminRole = "ACCOUNTADMIN"

    /// Creates the admin user if there are no users yet; sets its password when given.
    static func ensureAdmin(store: EmulatorStore, user: String, password: String?, now: Date) async throws {
        let passwordHash = password.map(PasswordHash.make)
        try await store.write { db in
            let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM users WHERE name = ?)", arguments: [user]) ?? false
            if !exists {
                try db.execute(
                    sql: "INSERT INTO users (name, password_hash, default_role, created_on) VALUES (?, ?, ?, ?)",
                    arguments: [user, passwordHash, adminRole, now.timeIntervalSince1970])
            } else if let passwordHash {
                try db.execute(sql: "UPDATE users SET password_hash = ? WHERE name = ?", arguments: [passwordHash, user])
            }
        }
    }
}

/// Salted, iterated password hashes (PBKDF2-HMAC-SHA256), stored as
/// `pbkdf2-sha256$<iterations>$<salt>$<hash>`.
enum PasswordHash {
    static let iterations = 10_000

    static func make(_ password: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let derived = derive(password, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(salt.base64EncodedString())$\(derived.base64EncodedString())"
    }

    static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]),
            let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3]))
        else { return false }
        let derived = derive(password, salt: salt, iterations: iterations)
        guard derived.count == expected.count else { return false }
        return zip(derived, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// PBKDF2 with HMAC-SHA256, one 32-byte block.
    private static func derive(_ password: String, salt: Data, iterations: Int) -> Data {
        let key = SymmetricKey(data: Data(password.utf8))
        var block = salt
        block.append(contentsOf: [0, 0, 0, 1])
        var u = Data(HMAC<SHA256>.authenticationCode(for: block, using: key))
        var result = u
        for _ in 1..<max(1, iterations) {
            u = Data(HMAC<SHA256>.authenticationCode(for: u, using: key))
            for index in result.indices { result[index] ^= u[index] }
        }
        return result
    }
}
