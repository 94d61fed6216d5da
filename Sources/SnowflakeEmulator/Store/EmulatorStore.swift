import Foundation
import GRDB

/// The emulator's one database facade: a SQLite file in WAL mode with `synchronous=FULL`, so
/// a write is on disk before it is acknowledged. Every mutation of a request runs in one
/// transaction: it happens whole or not at all.
final class EmulatorStore: Sendable {
    let pool: DatabasePool

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

    /// Runs `body` in one write transaction.
    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await pool.write(body)
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
        return migrator
    }
}
