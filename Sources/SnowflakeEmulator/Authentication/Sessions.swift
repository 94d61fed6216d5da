import Foundation
import GRDB
import SnowflakeModels
import Synchronization

/// Sessions opened by the connector's login endpoint. A session has a session token (sent as
/// `Authorization: Snowflake Token="..."`) and a master token that renews it; both are stored
/// as hashes.
final class Sessions: Sendable {
    /// An open session.
    struct Entry: Sendable {
        var id: Int64
        var user: String
        var role: String
        var expiresOn: Date
    }

    /// The tokens of a newly opened or renewed session (the only time they are known).
    struct Issued: Sendable {
        var sessionID: Int64
        var token: String
        var masterToken: String
        var validity: TimeInterval
        var masterValidity: TimeInterval
    }

    private let store: EmulatorStore
    private let clock: any EmulatorClock
    private let cache = Mutex<[String: Entry]>([:])
    /// How long a session token lasts; its master token lasts four times as long.
    let validity: TimeInterval

    init(store: EmulatorStore, clock: any EmulatorClock, validity: TimeInterval) {
        self.store = store
        self.clock = clock
        self.validity = validity
    }

    /// The session of a session token; an expired one answers 390112 so that clients renew it.
    func entry(for token: String) async throws -> Entry {
        let hash = AccessTokens.hash(token)
        var entry = cache.withLock { $0[hash] }
        if entry == nil {
            entry = try await store.read { db in
                try Row.fetchOne(db, sql: "SELECT session_id, user_name, role, expires_on FROM sessions WHERE token_hash = ?", arguments: [hash])
                    .map { Entry(id: $0["session_id"], user: $0["user_name"], role: $0["role"], expiresOn: Date(timeIntervalSince1970: $0["expires_on"])) }
            }
            if let entry { cache.withLock { $0[hash] = entry } }
        }
        guard let entry else { throw EmulatorError.unauthorized("Invalid session token.") }
        guard entry.expiresOn > clock.now() else {
            throw EmulatorError(status: 401, code: "390112", message: "Your session has expired. Please login again.")
        }
        return entry
    }

    /// Opens a session.
    func open(user: String, role: String, database: String?, schema: String?, warehouse: String?) async throws -> Issued {
        let now = clock.now()
        let token = AccessTokens.newSecret(prefix: "ST-")
        let master = AccessTokens.newSecret(prefix: "MT-")
        let validity = self.validity
        let id = try await store.write { db -> Int64 in
            try db.execute(
                sql: """
                    INSERT INTO sessions (token_hash, master_token_hash, user_name, role, database_name, schema_name, warehouse,
                        created_on, expires_on, master_expires_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    AccessTokens.hash(token), AccessTokens.hash(master), user, role, database, schema, warehouse,
                    now.timeIntervalSince1970, now.addingTimeInterval(validity).timeIntervalSince1970,
                    now.addingTimeInterval(validity * 4).timeIntervalSince1970,
                ])
            return db.lastInsertedRowID
        }
        return Issued(sessionID: id, token: token, masterToken: master, validity: validity, masterValidity: validity * 4)
    }

    /// Renews a session with its master token: a new session token, the old one no longer valid.
    func renew(masterToken: String) async throws -> Issued {
        let now = clock.now()
        let token = AccessTokens.newSecret(prefix: "ST-")
        let validity = self.validity
        let masterHash = AccessTokens.hash(masterToken)
        let (id, oldHash, masterExpires) = try await store.write { db -> (Int64, String, Double) in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT session_id, token_hash, master_expires_on FROM sessions WHERE master_token_hash = ?", arguments: [masterHash])
            else { throw EmulatorError(status: 401, code: "390114", message: "Authentication token has expired. The user must authenticate again.") }
            let masterExpires: Double = row["master_expires_on"]
            guard masterExpires > now.timeIntervalSince1970 else {
                throw EmulatorError(status: 401, code: "390114", message: "Authentication token has expired. The user must authenticate again.")
            }
            let id: Int64 = row["session_id"]
            try db.execute(
                sql: "UPDATE sessions SET token_hash = ?, expires_on = ? WHERE session_id = ?",
                arguments: [AccessTokens.hash(token), now.addingTimeInterval(validity).timeIntervalSince1970, id])
            return (id, row["token_hash"], masterExpires)
        }
        cache.withLock { $0[oldHash] = nil }
        return Issued(
            sessionID: id, token: token, masterToken: masterToken, validity: validity,
            masterValidity: max(0, masterExpires - now.timeIntervalSince1970))
    }

    /// Closes the session of a session token; later use of its tokens is refused.
    func close(token: String) async throws {
        let hash = AccessTokens.hash(token)
        try await store.write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [hash]) }
        cache.withLock { $0[hash] = nil }
    }

    /// Closes every session of a user (dropped or disabled).
    func closeAll(user: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM sessions WHERE user_name = ?", arguments: [user])
        db.afterNextTransaction { _ in self.forgetAll() }
    }

    /// Forgets every cached session (they are read again from the database).
    func forgetAll() {
        cache.withLock { $0.removeAll() }
    }
}
