import Crypto
import Foundation
import GRDB
import SnowflakeModels
import Synchronization
import _CryptoExtras

/// What authentication needs to know about users, cached in memory and refreshed when a user
/// changes (the user behaviour invalidates an entry when its transaction commits).
final class UserDirectory: Sendable {
    /// A user as authentication sees it.
    struct Entry: Sendable {
        var name: String
        var loginName: String
        var defaultRole: String
        var disabled: Bool
        var passwordHash: String?
        /// Public keys by fingerprint (`SHA256:...`).
        var keys: [String: _RSA.Signing.PublicKey]
    }

    private let store: EmulatorStore
    private let cache = Mutex<[String: Entry?]>([:])

    init(store: EmulatorStore) {
        self.store = store
    }

    /// The user with a canonical name, or nil.
    func user(_ name: String) async throws -> Entry? {
        if let cached = cache.withLock({ $0[name] }) { return cached }
        let entry = try await store.read { db in try Self.load(name, in: db) }
        cache.withLock { $0[name] = .some(entry) }
        return entry
    }

    /// The user whose login name is `loginName` (upper-cased), or nil.
    func user(byLoginName loginName: String) async throws -> Entry? {
        let name = try await store.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT name FROM objects WHERE family = ? AND dropped_on IS NULL
                    AND upper(coalesce(json_extract(body, '$.login_name'), name)) = ? LIMIT 1
                    """, arguments: [UserModel.descriptor.family, loginName])
        }
        guard let name else { return nil }
        return try await user(name)
    }

    /// The canonical default role of a user, read in an open transaction when not cached.
    func defaultRole(of name: String, in db: Database) throws -> String? {
        if let cached = cache.withLock({ $0[name] }) { return cached?.defaultRole }
        return try Self.load(name, in: db)?.defaultRole
    }

    /// Forgets a user, so its next use reads the database.
    func invalidate(_ name: String) {
        cache.withLock { $0[name] = nil }
    }

    static func load(_ name: String, in db: Database) throws -> Entry? {
        guard let record = try db.liveObject(ObjectKey(family: UserModel.descriptor.family, name: name)) else { return nil }
        let user = try StoredObject<UserModel>(record: record)
        var keys: [String: _RSA.Signing.PublicKey] = [:]
        for pem in [user.model.rsaPublicKey, user.model.rsaPublicKey2].compactMap({ $0 }) {
            if let key = try? RSAPublicKeys.parse(pem) { keys[RSAPublicKeys.fingerprint(key)] = key }
        }
        var passwordHash: String?
        if case .string(let hash) = user.serverState["password_hash"] { passwordHash = hash }
        return Entry(
            name: name, loginName: (user.model.loginName ?? name).uppercased(), defaultRole: user.model.defaultRole.flatMap { try? Identifier.resolve($0) } ?? "PUBLIC",
            disabled: user.model.disabled ?? false, passwordHash: passwordHash, keys: keys)
    }
}

/// RSA public keys as users register them: PEM, with or without the header lines.
enum RSAPublicKeys {
    static func parse(_ text: String) throws -> _RSA.Signing.PublicKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("-----BEGIN") { return try _RSA.Signing.PublicKey(pemRepresentation: trimmed) }
        let body = trimmed.filter { !$0.isWhitespace }
        guard let der = Data(base64Encoded: body) else { throw EmulatorError.badRequest("The RSA public key is not base64.") }
        return try _RSA.Signing.PublicKey(derRepresentation: der)
    }

    /// `SHA256:` and the base64 SHA-256 of the DER SubjectPublicKeyInfo, as Snowflake shows it.
    static func fingerprint(_ key: _RSA.Signing.PublicKey) -> String {
        "SHA256:" + Data(SHA256.hash(data: key.derRepresentation)).base64EncodedString()
    }
}

