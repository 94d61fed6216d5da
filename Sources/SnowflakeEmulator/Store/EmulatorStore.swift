import Foundation
import GRDB
import Synchronization

/// The emulator's one database facade: a SQLite file in WAL mode with `synchronous=FULL`, so
/// a write is on disk before it is acknowledged. Every mutation of a request happens whole or
/// not at all.
///
/// Writes are committed in groups: writes that arrive while a commit is being synced wait,
/// then run one after the other in one transaction, each in a savepoint of its own (a write
/// that throws rolls back only itself), and one sync makes them all durable. Each caller gets
/// its answer only after that commit, so an acknowledged write is on disk, and concurrent
/// writes share the cost of the sync instead of waiting for one each.
final class EmulatorStore: Sendable {
    let pool: DatabasePool
    private let pending = Mutex(PendingWrites())
    private let bodies = Mutex(BodyCache())

    /// Recently fetched object bodies. Any commit empties it, so an entry is never older than
    /// the last write; a body read while a commit happened is not kept.
    private struct BodyCache {
        static let capacity = 50_000
        var generation: UInt64 = 0
        var entries: [ObjectKey: String] = [:]
    }

    private struct PendingWrites {
        var jobs: [WriteJob] = []
        var draining = false
    }

    /// One write waiting for its group.
    private struct WriteJob: Sendable {
        /// Runs the write inside the group's transaction.
        let run: @Sendable (Database) -> Void
        /// Answers the caller once the group is committed (nil) or failed (the error).
        let finish: @Sendable ((any Error)?) -> Void
    }

    /// The outcome of one write of a group, kept until the group commits. Written on the
    /// writer's queue, read after the commit by the group's drainer.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error> = .failure(CancellationError())
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "snowflake.emulator"
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try Self.migrator.migrate(pool)
    }

    /// Runs `body` atomically and durably: its changes are committed, with those of the writes
    /// grouped with it, before this returns; if it throws, none of its changes remain.
    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = WriteJob(
                run: { db in
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try body(db)
                            return .commit
                        }
                        outcome.result = .success(value!)
                    } catch {
                        outcome.result = .failure(error)
                    }
                },
                finish: { commitError in
                    if let commitError {
                        continuation.resume(throwing: commitError)
                    } else {
                        continuation.resume(with: outcome.result)
                    }
                })
            let startDrainer = pending.withLock { state -> Bool in
                state.jobs.append(job)
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrainer { pool.asyncWriteWithoutTransaction { db in self.drain(db) } }
        }
    }

    /// Commits the waiting writes, group after group, until none is left. Runs on the writer's
    /// queue, so the next group starts as soon as the previous one is synced.
    private func drain(_ db: Database) {
        while true {
            let jobs = pending.withLock { state -> [WriteJob] in
                let jobs = state.jobs
                state.jobs = []
                if jobs.isEmpty { state.draining = false }
                return jobs
            }
            if jobs.isEmpty { return }
            do {
                try db.inTransaction {
                    for job in jobs { job.run(db) }
                    return .commit
                }
                forgetBodies()
                for job in jobs { job.finish(nil) }
            } catch {
                forgetBodies()
                for job in jobs { job.finish(error) }
            }
        }
    }

    /// Runs a short `body` on the calling thread, outside a transaction: for reads of a row or
    /// two, where the hop to a reader queue and the transaction cost more than the read. Each
    /// statement sees a committed state; two statements may see two (a read that could as well
    /// have happened a moment earlier or later).
    func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.unsafeRead(body)
    }

    /// The body of a live object, from memory when it was read since the last commit, else
    /// from `load` (which reads the database).
    func body(_ key: ObjectKey, load: () throws -> String?) throws -> String? {
        let (generation, cached) = bodies.withLock { ($0.generation, $0.entries[key]) }
        if let cached { return cached }
        guard let body = try load() else { return nil }
        bodies.withLock { cache in
            guard cache.generation == generation else { return }
            if cache.entries.count >= BodyCache.capacity { cache.entries.removeAll(keepingCapacity: true) }
            cache.entries[key] = body
        }
        return body
    }

    private func forgetBodies() {
        bodies.withLock { cache in
            cache.generation &+= 1
            cache.entries.removeAll(keepingCapacity: true)
        }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    /// The schema, as migrations that never change once landed.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: objects, users, tokens, task runs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE objects (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        family TEXT NOT NULL,
                        database_name TEXT NOT NULL DEFAULT '',
                        schema_name TEXT NOT NULL DEFAULT '',
                        name TEXT NOT NULL,
                        body TEXT NOT NULL,
                        internal TEXT NOT NULL DEFAULT '{}',
                        created_on REAL NOT NULL,
                        dropped_on REAL,
                        dropped_with INTEGER,
                        purge_after REAL
                    );
                    CREATE UNIQUE INDEX objects_live ON objects(family, database_name, schema_name, name)
                        WHERE dropped_on IS NULL;
                    CREATE INDEX objects_by_name ON objects(family, database_name, schema_name, name, dropped_on);
                    CREATE INDEX objects_by_container ON objects(database_name, schema_name);
                    CREATE INDEX objects_dropped_with ON objects(dropped_with) WHERE dropped_with IS NOT NULL;

                    CREATE TABLE access_tokens (
                        token_hash TEXT PRIMARY KEY,
                        user_name TEXT NOT NULL,
                        token_name TEXT NOT NULL,
                        role_restriction TEXT,
                        created_on REAL NOT NULL,
                        expires_on REAL NOT NULL
                    );
                    CREATE UNIQUE INDEX access_tokens_name ON access_tokens(user_name, token_name);
                    CREATE TABLE sessions (
                        session_id INTEGER PRIMARY KEY,
                        token_hash TEXT NOT NULL UNIQUE,
                        master_token_hash TEXT NOT NULL UNIQUE,
                        user_name TEXT NOT NULL,
                        role TEXT NOT NULL,
                        database_name TEXT,
                        schema_name TEXT,
                        warehouse TEXT,
                        created_on REAL NOT NULL,
                        expires_on REAL NOT NULL,
                        master_expires_on REAL NOT NULL
                    );
                    CREATE INDEX sessions_by_user ON sessions(user_name);

                    CREATE TABLE task_graph_runs (
                        id INTEGER PRIMARY KEY,
                        root_id INTEGER NOT NULL,
                        database_name TEXT NOT NULL,
                        schema_name TEXT NOT NULL,
                        root_task_name TEXT NOT NULL,
                        root_task_id TEXT NOT NULL,
                        run_id INTEGER NOT NULL,
                        graph_version INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        scheduled_from TEXT NOT NULL,
                        scheduled_time REAL NOT NULL,
                        next_scheduled_time REAL NOT NULL,
                        query_start_time REAL,
                        completed_time REAL,
                        first_error_task_name TEXT,
                        first_error_code INTEGER,
                        first_error_message TEXT
                    );
                    CREATE INDEX task_graph_runs_by_root ON task_graph_runs(root_id, scheduled_time);
                    CREATE TABLE task_runs (
                        id INTEGER PRIMARY KEY,
                        graph_run INTEGER NOT NULL REFERENCES task_graph_runs(id) ON DELETE CASCADE,
                        task_id INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        query_text TEXT NOT NULL,
                        condition_text TEXT,
                        state TEXT NOT NULL,
                        scheduled_time REAL NOT NULL,
                        query_start_time REAL,
                        completed_time REAL,
                        error_code INTEGER,
                        error_message TEXT,
                        return_value TEXT,
                        attempt_number INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE INDEX task_runs_by_graph_run ON task_runs(graph_run);
                    """)
        }
        migrator.registerMigration("v2: task runtime") { db in
            try db.execute(
                sql: """
                    ALTER TABLE task_graph_runs ADD COLUMN attempt_number INTEGER NOT NULL DEFAULT 1;
                    ALTER TABLE task_graph_runs ADD COLUMN graph TEXT;
                    ALTER TABLE task_graph_runs ADD COLUMN carried TEXT;
                    ALTER TABLE task_runs ADD COLUMN completes_at REAL;
                    ALTER TABLE task_runs ADD COLUMN outcome TEXT;
                    DELETE FROM task_runs WHERE state = 'SCHEDULED';
                    CREATE UNIQUE INDEX task_graph_runs_schedule ON task_graph_runs(root_id, run_id)
                        WHERE scheduled_from = 'SCHEDULE';
                    CREATE INDEX task_graph_runs_by_state ON task_graph_runs(state, scheduled_time);
                    CREATE INDEX task_runs_executing ON task_runs(completes_at) WHERE state = 'EXECUTING';
                    """)
        }
        // Grants name their grantees and objects (a dropped object's grants are deleted with it).
        // Tag assignments join the tagged object and the tag by id, not by name: they follow
        // renames, stay hidden with a dropped object or tag until its undrop, go when either is
        // purged (ON DELETE CASCADE), and never pass to a new object that reuses a name.
        migrator.registerMigration("v3: grants, future grants, tag assignments, session settings") { db in
            try db.execute(
                sql: """
                    CREATE TABLE grants (
                        id INTEGER PRIMARY KEY,
                        grantee_type TEXT NOT NULL,
                        grantee_database TEXT NOT NULL DEFAULT '',
                        grantee_name TEXT NOT NULL,
                        securable_type TEXT NOT NULL,
                        securable_database TEXT NOT NULL DEFAULT '',
                        securable_schema TEXT NOT NULL DEFAULT '',
                        securable_name TEXT NOT NULL,
                        privilege TEXT NOT NULL,
                        grant_option INTEGER NOT NULL DEFAULT 0,
                        granted_by TEXT NOT NULL,
                        created_on REAL NOT NULL
                    );
                    CREATE UNIQUE INDEX grants_identity ON grants(
                        grantee_type, grantee_database, grantee_name, securable_type, securable_database, securable_schema,
                        securable_name, privilege);
                    CREATE INDEX grants_on_securable ON grants(securable_type, securable_database, securable_schema, securable_name);
                    CREATE INDEX grants_by_container ON grants(securable_database, securable_schema);

                    CREATE TABLE future_grants (
                        id INTEGER PRIMARY KEY,
                        grantee_type TEXT NOT NULL,
                        grantee_database TEXT NOT NULL DEFAULT '',
                        grantee_name TEXT NOT NULL,
                        object_type TEXT NOT NULL,
                        scope_database TEXT NOT NULL,
                        scope_schema TEXT NOT NULL DEFAULT '',
                        privilege TEXT NOT NULL,
                        grant_option INTEGER NOT NULL DEFAULT 0,
                        granted_by TEXT NOT NULL,
                        created_on REAL NOT NULL
                    );
                    CREATE UNIQUE INDEX future_grants_identity
                        ON future_grants(grantee_type, grantee_database, grantee_name, object_type, scope_database, scope_schema, privilege);
                    CREATE INDEX future_grants_by_scope ON future_grants(scope_database, scope_schema, object_type);

                    CREATE TABLE tag_assignments (
                        id INTEGER PRIMARY KEY,
                        object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
                        tag_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
                        tag_value TEXT NOT NULL,
                        created_on REAL NOT NULL
                    );
                    CREATE UNIQUE INDEX tag_assignments_identity ON tag_assignments(object_id, tag_id);
                    CREATE INDEX tag_assignments_by_tag ON tag_assignments(tag_id);

                    CREATE TABLE session_settings (
                        session_key TEXT PRIMARY KEY,
                        user_name TEXT NOT NULL,
                        role TEXT,
                        database_name TEXT,
                        schema_name TEXT,
                        warehouse TEXT,
                        secondary_roles TEXT,
                        updated_on REAL NOT NULL
                    );
                    """)
        }
        return migrator
    }
}
