import Foundation
import GRDB
import SnowflakeModels

/// One attempt of one task in one graph run, as Snowflake's `TASK_HISTORY` shows it. The REST
/// API has no endpoint for it; ``RunningEmulator/taskHistory(database:schema:rootTask:)``
/// reads it from a running emulator.
public struct TaskHistoryEntry: Sendable, Hashable, Codable {
    /// The task's name (`MYDAG$T1`).
    public var name: String
    /// Its database.
    public var databaseName: String
    /// Its schema.
    public var schemaName: String
    /// The statement it ran.
    public var queryText: String
    /// Its `WHEN` condition.
    public var conditionText: String?
    /// `EXECUTING`, `SUCCEEDED`, `FAILED`, `SKIPPED` or `CANCELLED`.
    public var state: String
    /// The error's code, when it failed.
    public var errorCode: Int?
    /// The error's message, when it failed.
    public var errorMessage: String?
    /// When its graph run was scheduled.
    public var scheduledTime: Date
    /// When its statement started.
    public var queryStartTime: Date?
    /// When it finished.
    public var completedTime: Date?
    /// The value it set with `SYSTEM$SET_RETURN_VALUE`.
    public var returnValue: String?
    /// 1 for the first attempt, then one more for each retry of the graph run.
    public var attemptNumber: Int
    /// The root task of its graph.
    public var rootTaskName: String
    /// The graph run's id (epoch milliseconds of its original schedule).
    public var runId: Int64
    /// The graph's version when the run started.
    public var graphVersion: Int
    /// `SCHEDULE`, `EXECUTE_TASK` or `RETRY`.
    public var scheduledFrom: String

    static func fetch(_ db: Database, database: String, schema: String, rootTask: String?) throws -> [TaskHistoryEntry] {
        var sql = """
            SELECT t.*, g.root_task_name, g.run_id, g.graph_version, g.scheduled_from, g.database_name, g.schema_name
            FROM task_runs t JOIN task_graph_runs g ON g.id = t.graph_run
            WHERE g.database_name = ? AND g.schema_name = ?
            """
        var arguments: StatementArguments = [database, schema]
        if let rootTask {
            sql += " AND g.root_task_name = ?"
            arguments += [rootTask]
        }
        sql += " ORDER BY g.id, t.id"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let run = TaskRunRow(row: row)
            return TaskHistoryEntry(
                name: TaskRuntime.lastPart(run.name), databaseName: Identifier.displayName(forCanonical: row["database_name"]),
                schemaName: Identifier.displayName(forCanonical: row["schema_name"]), queryText: run.queryText,
                conditionText: run.conditionText, state: run.state, errorCode: run.errorCode, errorMessage: run.errorMessage,
                scheduledTime: run.scheduledTime, queryStartTime: run.queryStartTime, completedTime: run.completedTime,
                returnValue: run.returnValue, attemptNumber: run.attempt,
                rootTaskName: Identifier.displayName(forCanonical: row["root_task_name"]), runId: row["run_id"],
                graphVersion: row["graph_version"], scheduledFrom: row["scheduled_from"])
        }
    }
}
