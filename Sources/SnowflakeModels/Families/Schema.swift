import Foundation

// MARK: Model

/// A schema inside a database (`Schema` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// try await root.databases["my_db"].schemas.create(SchemaModel(name: "staging", managedAccess: true))
/// ```
public struct SchemaModel: Codable, Hashable, Sendable {
    /// The schema's name.
    public var name: String
    /// `PERMANENT` (default) or `TRANSIENT`.
    public var kind: String?
    /// A comment.
    public var comment: String?
    /// Whether only the schema owner manages grants on objects inside (default false).
    public var managedAccess: Bool?
    /// Days dropped or changed data stay available to time travel.
    public var dataRetentionTimeInDays: Int?
    /// Default collation for new columns.
    public var defaultDdlCollation: String?
    /// Log level for objects inside.
    public var logLevel: String?
    /// Whether pipes inside are paused.
    public var pipeExecutionPaused: Bool?
    /// Days a table's retention may be extended to keep streams readable.
    public var maxDataExtensionTimeInDays: Int?
    /// Failures after which a task in this schema is suspended.
    public var suspendTaskAfterNumFailures: Int?
    /// Trace level for objects inside.
    public var traceLevel: String?
    /// Initial warehouse size of serverless tasks inside.
    public var userTaskManagedInitialWarehouseSize: String?
    /// Timeout of tasks inside, in milliseconds.
    public var userTaskTimeoutMs: Int?
    /// Smallest statement size of serverless tasks inside.
    public var serverlessTaskMinStatementSize: String?
    /// Largest statement size of serverless tasks inside.
    public var serverlessTaskMaxStatementSize: String?

    /// When the schema was created.
    @ReadOnly public var createdOn: Date?
    /// Whether it is the user's default schema.
    @ReadOnly public var isDefault: Bool?
    /// Whether it is the session's current schema.
    @ReadOnly public var isCurrent: Bool?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// Options, such as `TRANSIENT` or `MANAGED ACCESS`.
    @ReadOnly public var options: String?
    /// Effective retention in days.
    @ReadOnly public var retentionTime: Int?
    /// When it was dropped (listings with history only).
    @ReadOnly public var droppedOn: Date?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// The budget it is attached to.
    @ReadOnly public var budget: String?

    /// A schema definition.
    public init(
        name: String, kind: String? = nil, comment: String? = nil, managedAccess: Bool? = nil,
        dataRetentionTimeInDays: Int? = nil, defaultDdlCollation: String? = nil, logLevel: String? = nil,
        pipeExecutionPaused: Bool? = nil, maxDataExtensionTimeInDays: Int? = nil,
        suspendTaskAfterNumFailures: Int? = nil, traceLevel: String? = nil,
        userTaskManagedInitialWarehouseSize: String? = nil, userTaskTimeoutMs: Int? = nil,
        serverlessTaskMinStatementSize: String? = nil, serverlessTaskMaxStatementSize: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.comment = comment
        self.managedAccess = managedAccess
        self.dataRetentionTimeInDays = dataRetentionTimeInDays
        self.defaultDdlCollation = defaultDdlCollation
        self.logLevel = logLevel
        self.pipeExecutionPaused = pipeExecutionPaused
        self.maxDataExtensionTimeInDays = maxDataExtensionTimeInDays
        self.suspendTaskAfterNumFailures = suspendTaskAfterNumFailures
        self.traceLevel = traceLevel
        self.userTaskManagedInitialWarehouseSize = userTaskManagedInitialWarehouseSize
        self.userTaskTimeoutMs = userTaskTimeoutMs
        self.serverlessTaskMinStatementSize = serverlessTaskMinStatementSize
        self.serverlessTaskMaxStatementSize = serverlessTaskMaxStatementSize
    }

    private enum CodingKeys: String, CodingKey {
        case name, kind, comment
        case managedAccess = "managed_access"
        case dataRetentionTimeInDays = "data_retention_time_in_days"
        case defaultDdlCollation = "default_ddl_collation"
        case logLevel = "log_level"
        case pipeExecutionPaused = "pipe_execution_paused"
        case maxDataExtensionTimeInDays = "max_data_extension_time_in_days"
        case suspendTaskAfterNumFailures = "suspend_task_after_num_failures"
        case traceLevel = "trace_level"
        case userTaskManagedInitialWarehouseSize = "user_task_managed_initial_warehouse_size"
        case userTaskTimeoutMs = "user_task_timeout_ms"
        case serverlessTaskMinStatementSize = "serverless_task_min_statement_size"
        case serverlessTaskMaxStatementSize = "serverless_task_max_statement_size"
        case createdOn = "created_on"
        case isDefault = "is_default"
        case isCurrent = "is_current"
        case databaseName = "database_name"
        case owner, options
        case retentionTime = "retention_time"
        case droppedOn = "dropped_on"
        case ownerRoleType = "owner_role_type"
        case budget
    }
}

// MARK: Descriptor

extension SchemaModel: DatabaseObject, SupportsCreateOrAlter, Undroppable, Cloneable, Taggable, ReportsOwnerRoleType, ReportsDatabaseName,
    ReportsDroppedOn
{
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "schema", objectKind: "Schema", collectionPath: "schemas", listFilters: [.show, .history], childScope: .schema,
        columns: ["name", "database_name", "kind", "comment", "owner", "created_on"])
}
