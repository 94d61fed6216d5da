import Foundation
import GRDB
import SnowflakeModels
import Synchronization

/// What a session has chosen with `USE ...` (over REST: `PUT /api/v2/session/default-*`): its
/// role, database, schema, warehouse and secondary roles. A password login's session keeps them
/// for its lifetime; a bearer token (programmatic access token, OAuth token or key-pair JWT)
/// keeps them per token. Stored in `session_settings` and cached in memory, so that a request
/// costs no read to learn its session's role.
final class SessionSettings: Sendable {
    /// One session's choices; nil fields fall back to the login's or the user's defaults.
    struct Values: Sendable, Hashable {
        var role: String?
        var database: String?
        var schema: String?
        var warehouse: String?
        /// `ALL` or `NONE`.
        var secondaryRoles: String?
    }

    private let store: EmulatorStore
    private let cache = Mutex<[String: Values]>([:])

    init(store: EmulatorStore) {
        self.store = store
    }

    /// The key of a bearer token's session: a hash, never the token.
    static func key(bearer token: String) -> String { "bearer:" + AccessTokens.hash(token) }

    /// The key of a login session.
    static func key(session id: Int64) -> String { "session:\(id)" }

    /// The choices of a session (empty when it made none).
    func values(for key: String) async throws -> Values {
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let values = try await store.read { db in try Self.load(key, in: db) }
        cache.withLock { $0[key] = values }
        return values
    }

    /// Stores a session's choices in the request's transaction; the cache follows when it commits.
    func save(_ values: Values, for key: String, user: String, now: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO session_settings (session_key, user_name, role, database_name, schema_name, warehouse, secondary_roles, updated_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (session_key) DO UPDATE SET role = excluded.role, database_name = excluded.database_name,
                    schema_name = excluded.schema_name, warehouse = excluded.warehouse, secondary_roles = excluded.secondary_roles,
                    updated_on = excluded.updated_on
                """,
            arguments: [key, user, values.role, values.database, values.schema, values.warehouse, values.secondaryRoles, now.timeIntervalSince1970])
        db.afterNextTransaction { [self] _ in self.cache.withLock { $0[key] = values } }
    }

    static func load(_ key: String, in db: Database) throws -> Values {
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM session_settings WHERE session_key = ?", arguments: [key]) {
            return Values(
                role: row["role"], database: row["database_name"], schema: row["schema_name"], warehouse: row["warehouse"],
                secondaryRoles: row["secondary_roles"])
        }
        if key.hasPrefix("session:"), let id = Int64(key.dropFirst("session:".count)),
            let row = try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE session_id = ?", arguments: [id])
        {
            return Values(role: nil, database: row["database_name"], schema: row["schema_name"], warehouse: row["warehouse"], secondaryRoles: nil)
        }
        return Values()
    }
}
