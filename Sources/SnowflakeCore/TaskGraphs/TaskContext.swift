import Foundation
import SnowflakeModels

/// What a task runs: a SQL statement or a stored-procedure call.
///
/// A string literal is SQL: `try graph.task("load", "call load_rows()")`.
public enum TaskDefinition: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// A SQL statement.
    case sql(String)
    /// A call of a stored procedure.
    case call(StoredProcedureCall)

    public init(stringLiteral value: String) { self = .sql(value) }

    /// The SQL text sent as the task's `definition`.
    public var sql: String {
        switch self {
        case .sql(let text): return text
        case .call(let call): return call.sql
        }
    }

    public var description: String { sql }
}

/// A call of a stored procedure with literal arguments: `CALL db.sc.load_rows(10, 'full')`.
public struct StoredProcedureCall: Sendable, Hashable {
    /// The procedure's name, possibly qualified.
    public var procedure: String
    /// Its arguments, written as SQL literals (objects and arrays through `PARSE_JSON`).
    public var arguments: [JSONValue]

    /// A call of `procedure` with `arguments`.
    public init(_ procedure: String, arguments: [JSONValue] = []) {
        self.procedure = procedure
        self.arguments = arguments
    }

    /// `CALL procedure(arguments...)`.
    public var sql: String { "CALL \(procedure)(\(arguments.map(Self.literal).joined(separator: ", ")))" }

    static func literal(_ value: JSONValue) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        case .integer(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return "'\(TaskGraph.literal(text))'"
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let json = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
            return "PARSE_JSON('\(TaskGraph.literal(json))')"
        }
    }
}

/// A SQL expression a task evaluates while it runs, built by ``TaskContext``.
public struct TaskExpression: Sendable, Hashable, CustomStringConvertible {
    /// The SQL text.
    public let sql: String

    /// An expression from SQL text.
    public init(sql: String) { self.sql = sql }

    /// A string literal.
    public static func literal(_ text: String) -> TaskExpression { TaskExpression(sql: "'\(TaskGraph.literal(text))'") }

    /// `self || other`: string concatenation.
    public static func + (lhs: TaskExpression, rhs: TaskExpression) -> TaskExpression {
        TaskExpression(sql: "\(lhs.sql) || \(rhs.sql)")
    }

    /// A condition: this expression equals a string.
    public func equals(_ text: String) -> String { "\(sql) = '\(TaskGraph.literal(text))'" }

    public var description: String { sql }
}

/// The task context: the values a task reads and passes while its graph runs, written as the
/// Snowflake system functions that carry them, as `snowflake.core`'s `TaskContext` calls them.
/// A task's own code runs in Snowflake, not in your process, so these build the SQL of a
/// definition or a condition:
///
/// ```swift
/// let extract = try graph.task("extract", TaskContext.setReturnValue(.literal("42")))
/// let report = try graph.task("report", TaskContext.setReturnValue(
///     TaskContext.predecessorReturnValue(extract) + .literal(" rows, env ") + TaskContext.graphConfig("env")))
/// try extract >> report
/// ```
///
/// The emulator evaluates all of them; its task history shows each task's return value.
public enum TaskContext {
    /// The statement that sets the current task's return value (`SYSTEM$SET_RETURN_VALUE`),
    /// which its successors read.
    public static func setReturnValue(_ value: TaskExpression) -> TaskDefinition {
        .sql("CALL SYSTEM$SET_RETURN_VALUE(\(value.sql))")
    }

    /// The statement that sets the current task's return value to a string.
    public static func setReturnValue(_ text: String) -> TaskDefinition { setReturnValue(.literal(text)) }

    /// The return value of a predecessor (`SYSTEM$GET_PREDECESSOR_RETURN_VALUE`); nil names
    /// the only predecessor.
    public static func predecessorReturnValue(_ task: GraphTask? = nil) -> TaskExpression {
        guard let task else { return TaskExpression(sql: "SYSTEM$GET_PREDECESSOR_RETURN_VALUE()") }
        return predecessorReturnValue(named: task.fullName)
    }

    /// The return value of the predecessor with this Snowflake task name.
    public static func predecessorReturnValue(named name: String) -> TaskExpression {
        TaskExpression(sql: "SYSTEM$GET_PREDECESSOR_RETURN_VALUE('\(TaskGraph.literal(TaskGraph.normalized(name)))')")
    }

    /// The graph's whole `config`, as JSON text (`SYSTEM$GET_TASK_GRAPH_CONFIG`).
    public static var graphConfig: TaskExpression { TaskExpression(sql: "SYSTEM$GET_TASK_GRAPH_CONFIG()") }

    /// One property of the graph's `config`.
    public static func graphConfig(_ key: String) -> TaskExpression {
        TaskExpression(sql: "SYSTEM$GET_TASK_GRAPH_CONFIG('\(TaskGraph.literal(key))')")
    }

    /// The current task's fully qualified name (`SYSTEM$CURRENT_USER_TASK_NAME`).
    public static var currentTaskName: TaskExpression { TaskExpression(sql: "SYSTEM$CURRENT_USER_TASK_NAME()") }

    /// A property of the running graph (`SYSTEM$TASK_RUNTIME_INFO`).
    public static func runtimeInfo(_ property: RuntimeProperty) -> TaskExpression {
        TaskExpression(sql: "TO_CHAR(SYSTEM$TASK_RUNTIME_INFO('\(property.rawValue)'))")
    }

    /// The properties of ``runtimeInfo(_:)``.
    public enum RuntimeProperty: String, Sendable, CaseIterable {
        /// The root task's fully qualified name.
        case currentRootTaskName = "CURRENT_ROOT_TASK_NAME"
        /// The root task's id.
        case currentRootTaskUUID = "CURRENT_ROOT_TASK_UUID"
        /// When the current graph run was first scheduled.
        case currentTaskGraphOriginalScheduledTimestamp = "CURRENT_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP"
        /// The id shared by a graph run and its retries.
        case currentTaskGraphRunGroupID = "CURRENT_TASK_GRAPH_RUN_GROUP_ID"
        /// When the last successful graph run was first scheduled.
        case lastSuccessfulTaskGraphOriginalScheduledTimestamp = "LAST_SUCCESSFUL_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP"
        /// The run group id of the last successful graph run.
        case lastSuccessfulTaskGraphRunGroupID = "LAST_SUCCESSFUL_TASK_GRAPH_RUN_GROUP_ID"
    }
}
