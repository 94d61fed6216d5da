import Crypto
import Foundation
import GRDB
import SnowflakeModels
import Synchronization

/// Programmatic access tokens. A token is stored only as its SHA-256 hash; checking one is a
/// memory lookup once it has been seen (tokens minted by another process, such as
/// `snowapi emulator token`, are found in the database on first use).
final class AccessTokens: Sendable {
    private struct Entry: Sendable {
        var user: String
        var expiresOn: Date
    }

    private let store: EmulatorStore
    private let clock: any EmulatorClock
    private let cache = Mutex<[String: Entry]>([:])

    init(store: EmulatorStore, clock: any EmulatorClock) {
        self.store = store
        self.clock = clock
    }

    /// The user a token belongs to, or an error saying why it is refused.
    func user(for token: some StringProtocol) async throws -> String {
        let hash = Self.hash(token)
        var entry = cache.withLock { $0[hash] }
        if entry == nil {
            entry = try await store.read { db in
                try Row.fetchOne(db, sql: "SELECT user_name, expires_on FROM access_tokens WHERE token_hash = ?", arguments: [hash])
                    .map { Entry(user: $0["user_name"], expiresOn: Date(timeIntervalSince1970: $0["expires_on"])) }
            }
            if let entry { cache.withLock { $0[hash] = entry } }
        }
        guard let entry else { throw EmulatorError.unauthorized("Invalid access token.") }
        guard entry.expiresOn > clock.now() else { throw EmulatorError.unauthorized("Access token expired.") }
        return entry.user
    }

    /// Issues a new token for a user, replacing any of the same name, and returns its secret
    /// (shown once, stored only as a hash).
    static func issue(in db: Database, user: String, name: String, lifetime: TimeInterval, now: Date) throws -> String {
        guard try db.liveObject(ObjectKey(family: UserModel.descriptor.family, name: user)) != nil else {
            throw EmulatorError.doesNotExist("User", Identifier.spelling(forCanonical: user))
        }
        let secret = newSecret()
        try db.execute(sql: "DELETE FROM access_tokens WHERE user_name = ? AND token_name = ?", arguments: [user, name])
        try db.execute(
            sql: "INSERT INTO access_tokens (token_hash, user_name, token_name, created_on, expires_on) VALUES (?, ?, ?, ?, ?)",
            arguments: [hash(secret), user, name, now.timeIntervalSince1970, now.addingTimeInterval(lifetime).timeIntervalSince1970])
        return secret
    }

    /// Forgets cached tokens (after tokens were replaced or their user dropped).
    func forgetAll() {
        cache.withLock { $0.removeAll() }
    }

    static func hash(_ token: some StringProtocol) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    static func newSecret(prefix: String = "snowapi-pat-") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + encoded
    }
}
