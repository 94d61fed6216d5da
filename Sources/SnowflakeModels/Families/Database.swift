import Foundation

// MARK: Model

/// A database (`Database` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// try await root.databases.create(DatabaseModel(name: "my_db", comment: "scratch"))
/// ```
public struct DatabaseModel: Codable, Hashable, Sendable {
    /// The database's name.
    public var name: String
    /// `PERMANENT` (default) or `TRANSIENT`.
    public var kind: String?
    /// A comment.
    public var comment: String?
    /// Days dropped or changed data stay available to time travel.
    public var dataRetentionTimeInDays: Int?
    /// Default collation for new columns.
    public var defaultDdlCollation: String?
    /// Log level for objects inside.
    public var logLevel: String?
    /// Days a table's retention may be extended to keep streams readable.
    public var maxDataExtensionTimeInDays: Int?
    /// Failures after which a task in this database is suspended.
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

    /// When the database was created.
    @ReadOnly public var createdOn: Date?
    /// Whether it is the user's default database.
    @ReadOnly public var isDefault: Bool?
    /// Whether it is the session's current database.
    @ReadOnly public var isCurrent: Bool?
    /// The share it was created from, if any.
    @ReadOnly public var origin: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// Options, such as `TRANSIENT`.
    @ReadOnly public var options: String?
    /// Effective retention in days.
    @ReadOnly public var retentionTime: Int?
    /// When it was dropped (listings with history only).
    @ReadOnly public var droppedOn: Date?
    /// The budget it is attached to.
    @ReadOnly public var budget: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?

    /// A database definition.
    public init(
        name: String, kind: String? = nil, comment: String? = nil, dataRetentionTimeInDays: Int? = nil,
        defaultDdlCollation: String? = nil, logLevel: String? = nil, maxDataExtensionTimeInDays: Int? = nil,
        suspendTaskAfterNumFailures: Int? = nil, traceLevel: String? = nil,
        userTaskManagedInitialWarehouseSize: String? = nil, userTaskTimeoutMs: Int? = nil,
        serverlessTaskMinStatementSize: String? = nil, serverlessTaskMaxStatementSize: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.comment = comment
        self.dataRetentionTimeInDays = dataRetentionTimeInDays
        self.defaultDdlCollation = defaultDdlCollation
        self.logLevel = logLevel
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
        case dataRetentionTimeInDays = "data_retention_time_in_days"
        case defaultDdlCollation = "default_ddl_collation"
        case logLevel = "log_level"
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
        case origin, owner, options
        case retentionTime = "retention_time"
        case droppedOn = "dropped_on"
        case budget
        case ownerRoleType = "owner_role_type"
    }
}

// MARK: Descriptor

extension DatabaseModel: AccountObject, SupportsCreateOrAlter, Undroppable, Cloneable, Taggable, ReportsOwnerRoleType, ReportsDroppedOn {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "database", objectKind: "Database", collectionPath: "databases", listFilters: [.show, .history], childScope: .database,
        columns: ["name", "kind", "comment", "owner", "retention_time", "created_on"])
}
