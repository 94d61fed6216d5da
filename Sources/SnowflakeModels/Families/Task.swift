import Foundation

// MARK: Model

/// A task: a SQL statement Snowflake runs on a schedule or after other tasks
/// (`Task` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// let task = TaskModel(name: "task1", definition: "select 1", schedule: .minutes(60))
/// try await root.databases["my_db"].schemas["public"].tasks.create(task)
/// ```
public struct TaskModel: Codable, Hashable, Sendable {
    /// The task's name.
    public var name: String
    /// The SQL the task runs.
    public var definition: String
    /// The warehouse it runs on; nil for a serverless task.
    public var warehouse: String?
    /// When a standalone or root task runs; child tasks have none.
    public var schedule: TaskSchedule?
    /// A comment.
    public var comment: String?
    /// The root task this task finalizes, for a finalizer task.
    public var finalize: String?
    /// Retries of a failed graph run (root tasks only, 0 to 30).
    public var taskAutoRetryAttempts: Int?
    /// The graph's configuration, readable by its tasks.
    public var config: [String: JSONValue]?
    /// Session parameters for the task's session.
    public var sessionParameters: [String: JSONValue]?
    /// Tasks that must finish before this one runs.
    public var predecessors: [String]?
    /// Initial warehouse size of a serverless task.
    public var userTaskManagedInitialWarehouseSize: String?
    /// The interval a serverless task aims to finish within.
    public var targetCompletionInterval: MinutesSchedule?
    /// Smallest statement size of a serverless task.
    public var serverlessTaskMinStatementSize: String?
    /// Largest statement size of a serverless task.
    public var serverlessTaskMaxStatementSize: String?
    /// How long a run may take, in milliseconds.
    public var userTaskTimeoutMs: Int?
    /// Consecutive failed runs after which the task is suspended.
    public var suspendTaskAfterNumFailures: Int?
    /// A boolean SQL expression (`WHEN`) that must hold for the task to run.
    public var condition: String?
    /// Legacy form of ``overlapPolicy``.
    public var allowOverlappingExecution: Bool?
    /// Notification integration told about errors.
    public var errorIntegration: String?
    /// Notification integration told about successes.
    public var successIntegration: String?
    /// Whether graph runs may overlap.
    public var overlapPolicy: OverlapPolicy?
    /// The user the task runs as.
    public var executeAsUser: String?

    /// The task's relations as JSON text (predecessors, finalizer).
    @ReadOnly public var taskRelations: String?
    /// When the task was created.
    @ReadOnly public var createdOn: Date?
    /// The task's id.
    @ReadOnly public var id: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// `started` or `suspended`.
    @ReadOnly public var state: TaskState?
    /// When the task's definition last changed.
    @ReadOnly public var lastCommittedOn: Date?
    /// When the task was last suspended.
    @ReadOnly public var lastSuspendedOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?

    /// A task definition.
    public init(
        name: String, definition: String, warehouse: String? = nil, schedule: TaskSchedule? = nil,
        comment: String? = nil, finalize: String? = nil, taskAutoRetryAttempts: Int? = nil,
        config: [String: JSONValue]? = nil, sessionParameters: [String: JSONValue]? = nil,
        predecessors: [String]? = nil, userTaskManagedInitialWarehouseSize: String? = nil,
        targetCompletionInterval: MinutesSchedule? = nil, serverlessTaskMinStatementSize: String? = nil,
        serverlessTaskMaxStatementSize: String? = nil, userTaskTimeoutMs: Int? = nil,
        suspendTaskAfterNumFailures: Int? = nil, condition: String? = nil, allowOverlappingExecution: Bool? = nil,
        errorIntegration: String? = nil, successIntegration: String? = nil, overlapPolicy: OverlapPolicy? = nil,
        executeAsUser: String? = nil
    ) {
        self.name = name
        self.definition = definition
        self.warehouse = warehouse
        self.schedule = schedule
        self.comment = comment
        self.finalize = finalize
        self.taskAutoRetryAttempts = taskAutoRetryAttempts
        self.config = config
        self.sessionParameters = sessionParameters
        self.predecessors = predecessors
        self.userTaskManagedInitialWarehouseSize = userTaskManagedInitialWarehouseSize
        self.targetCompletionInterval = targetCompletionInterval
        self.serverlessTaskMinStatementSize = serverlessTaskMinStatementSize
        self.serverlessTaskMaxStatementSize = serverlessTaskMaxStatementSize
        self.userTaskTimeoutMs = userTaskTimeoutMs
        self.suspendTaskAfterNumFailures = suspendTaskAfterNumFailures
        self.condition = condition
        self.allowOverlappingExecution = allowOverlappingExecution
        self.errorIntegration = errorIntegration
        self.successIntegration = successIntegration
        self.overlapPolicy = overlapPolicy
        self.executeAsUser = executeAsUser
    }

    private enum CodingKeys: String, CodingKey {
        case name, definition, warehouse, schedule, comment, finalize
        case taskAutoRetryAttempts = "task_auto_retry_attempts"
        case config
        case sessionParameters = "session_parameters"
        case predecessors
        case userTaskManagedInitialWarehouseSize = "user_task_managed_initial_warehouse_size"
        case targetCompletionInterval = "target_completion_interval"
        case serverlessTaskMinStatementSize = "serverless_task_min_statement_size"
        case serverlessTaskMaxStatementSize = "serverless_task_max_statement_size"
        case userTaskTimeoutMs = "user_task_timeout_ms"
        case suspendTaskAfterNumFailures = "suspend_task_after_num_failures"
        case condition
        case allowOverlappingExecution = "allow_overlapping_execution"
        case errorIntegration = "error_integration"
        case successIntegration = "success_integration"
        case overlapPolicy = "overlap_policy"
        case executeAsUser = "execute_as_user"
        case taskRelations = "task_relations"
        case createdOn = "created_on"
        case id, owner
        case ownerRoleType = "owner_role_type"
        case state
        case lastCommittedOn = "last_committed_on"
        case lastSuspendedOn = "last_suspended_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
    }
}

// MARK: Nested types

/// When a task runs: every few minutes, or by a cron expression in a time zone.
///
/// ```swift
/// .minutes(60)                                   // every hour
/// .every(.seconds(90))                           // every 1 min 30 s
/// .cron("0 9 * * MON-FRI", timeZone: "Europe/Paris")
/// ```
public enum TaskSchedule: Hashable, Sendable {
    /// Every `minutes` minutes (and `seconds` seconds).
    case interval(MinutesSchedule)
    /// A cron expression evaluated in a time zone.
    case cron(CronSchedule)

    /// Every `minutes` minutes.
    public static func minutes(_ minutes: Int) -> TaskSchedule {
        .interval(MinutesSchedule(minutes: minutes))
    }

    /// Every `duration`, in whole seconds.
    public static func every(_ duration: Duration) -> TaskSchedule {
        let seconds = Int(duration.components.seconds)
        return .interval(MinutesSchedule(minutes: seconds / 60, seconds: seconds % 60))
    }

    /// A cron expression (`0 * * * *`) in a time zone (`UTC`, `America/Los_Angeles`).
    public static func cron(_ expression: String, timeZone: String) -> TaskSchedule {
        .cron(CronSchedule(cronExpr: expression, timezone: timeZone))
    }
}

extension TaskSchedule: Codable {
    private enum CodingKeys: String, CodingKey {
        case scheduleType = "schedule_type"
    }

    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .scheduleType)
        switch type {
        case MinutesSchedule.scheduleType: self = .interval(try MinutesSchedule(from: decoder))
        case CronSchedule.scheduleType: self = .cron(try CronSchedule(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .scheduleType, in: try decoder.container(keyedBy: CodingKeys.self),
                debugDescription: "unknown schedule_type '\(type)' (expected MINUTES_TYPE or CRON_TYPE)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .interval(let schedule): try schedule.encode(to: encoder)
        case .cron(let schedule): try schedule.encode(to: encoder)
        }
    }
}

/// An interval schedule (`MINUTES_TYPE`).
public struct MinutesSchedule: Hashable, Sendable {
    /// The wire discriminator.
    public static let scheduleType = "MINUTES_TYPE"
    /// Whole minutes.
    public var minutes: Int
    /// Extra seconds, 0 to 59.
    public var seconds: Int?

    /// An interval of `minutes` minutes and `seconds` seconds.
    public init(minutes: Int, seconds: Int? = nil) {
        self.minutes = minutes
        self.seconds = seconds
    }

    /// The interval in seconds.
    public var totalSeconds: Int { minutes * 60 + (seconds ?? 0) }
}

extension MinutesSchedule: Codable {
    private enum CodingKeys: String, CodingKey {
        case minutes, seconds
        case scheduleType = "schedule_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        minutes = try container.decode(Int.self, forKey: .minutes)
        seconds = try container.decodeIfPresent(Int.self, forKey: .seconds)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(minutes, forKey: .minutes)
        try container.encodeIfPresent(seconds, forKey: .seconds)
        try container.encode(Self.scheduleType, forKey: .scheduleType)
    }
}

/// A cron schedule (`CRON_TYPE`).
public struct CronSchedule: Hashable, Sendable {
    /// The wire discriminator.
    public static let scheduleType = "CRON_TYPE"
    /// The cron expression, five fields.
    public var cronExpr: String
    /// The time zone the expression is read in.
    public var timezone: String

    /// A cron schedule.
    public init(cronExpr: String, timezone: String) {
        self.cronExpr = cronExpr
        self.timezone = timezone
    }
}

extension CronSchedule: Codable {
    private enum CodingKeys: String, CodingKey {
        case cronExpr = "cron_expr"
        case timezone
        case scheduleType = "schedule_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cronExpr = try container.decode(String.self, forKey: .cronExpr)
        timezone = try container.decode(String.self, forKey: .timezone)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cronExpr, forKey: .cronExpr)
        try container.encode(timezone, forKey: .timezone)
        try container.encode(Self.scheduleType, forKey: .scheduleType)
    }
}

/// Whether a task runs on its schedule (`started`) or not (`suspended`).
public enum TaskState: String, Codable, Hashable, Sendable {
    /// Runs on its schedule.
    case started
    /// Does not run on its schedule (it can still be executed).
    case suspended
}

/// Whether runs of a task graph may overlap.
public enum OverlapPolicy: String, Codable, Hashable, Sendable {
    /// A new run waits for the previous one to finish.
    case noOverlap = "NO_OVERLAP"
    /// Child tasks of consecutive runs may overlap.
    case allowChildOverlap = "ALLOW_CHILD_OVERLAP"
    /// Whole runs may overlap.
    case allowAllOverlap = "ALLOW_ALL_OVERLAP"
}

/// One run of a task graph, as the current-graphs and complete-graphs endpoints report it
/// (`TaskRun`).
public struct TaskRun: Codable, Hashable, Sendable {
    /// The state of a graph run.
    public enum State: String, Codable, Hashable, Sendable {
        /// Waiting to start.
        case scheduled = "SCHEDULED"
        /// Running.
        case executing = "EXECUTING"
        /// Every task succeeded (or was skipped).
        case succeeded = "SUCCEEDED"
        /// A task failed.
        case failed = "FAILED"
        /// The run was cancelled.
        case cancelled = "CANCELLED"
        /// The run did not start (its condition was false or a previous run was still going).
        case skipped = "SKIPPED"
    }

    /// The graph's root task.
    public var rootTaskName: String
    /// The database of the graph.
    public var databaseName: String
    /// The schema of the graph.
    public var schemaName: String
    /// The run's state.
    public var state: State
    /// The first task that failed.
    public var firstErrorTaskName: String?
    /// The first failure's error code.
    public var firstErrorCode: Int?
    /// The first failure's message.
    public var firstErrorMessage: String?
    /// When the run was scheduled to start.
    public var scheduledTime: Date
    /// When its first query started.
    public var queryStartTime: Date?
    /// When the next run is scheduled.
    public var nextScheduledTime: Date
    /// When the run finished.
    public var completedTime: Date?
    /// The root task's id.
    public var rootTaskId: String
    /// The graph's version when the run started.
    public var graphVersion: Int
    /// The run's id (epoch milliseconds of its original schedule).
    public var runId: Int64

    /// A run record.
    public init(
        rootTaskName: String, databaseName: String, schemaName: String, state: State,
        firstErrorTaskName: String? = nil, firstErrorCode: Int? = nil, firstErrorMessage: String? = nil,
        scheduledTime: Date, queryStartTime: Date? = nil, nextScheduledTime: Date, completedTime: Date? = nil,
        rootTaskId: String, graphVersion: Int, runId: Int64
    ) {
        self.rootTaskName = rootTaskName
        self.databaseName = databaseName
        self.schemaName = schemaName
        self.state = state
        self.firstErrorTaskName = firstErrorTaskName
        self.firstErrorCode = firstErrorCode
        self.firstErrorMessage = firstErrorMessage
        self.scheduledTime = scheduledTime
        self.queryStartTime = queryStartTime
        self.nextScheduledTime = nextScheduledTime
        self.completedTime = completedTime
        self.rootTaskId = rootTaskId
        self.graphVersion = graphVersion
        self.runId = runId
    }

    private enum CodingKeys: String, CodingKey {
        case rootTaskName = "root_task_name"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case state
        case firstErrorTaskName = "first_error_task_name"
        case firstErrorCode = "first_error_code"
        case firstErrorMessage = "first_error_message"
        case scheduledTime = "scheduled_time"
        case queryStartTime = "query_start_time"
        case nextScheduledTime = "next_scheduled_time"
        case completedTime = "completed_time"
        case rootTaskId = "root_task_id"
        case graphVersion = "graph_version"
        case runId = "run_id"
    }
}

extension TaskModel {
    /// The fully qualified name of the root's finalizer (`DB.SC.MYDAG$FIN`), read from
    /// ``taskRelations``; nil when the task is not a root with a finalizer.
    public var finalizerTask: String? {
        guard let text = taskRelations,
            let relations = try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8)),
            case .string(let name)? = relations["FinalizerTask"]
        else { return nil }
        return name
    }
}

// MARK: Descriptor

extension TaskModel: SchemaObject, SupportsCreateOrAlter, Resumable, Executable, Taggable, ReportsOwnerRoleType, ReportsSchemaName {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "task", objectKind: "Task", collectionPath: "tasks", listFilters: [.show, .rootOnly],
        columns: ["name", "state", "schedule", "definition", "predecessors", "owner"])
}
