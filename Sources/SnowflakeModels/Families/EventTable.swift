import Foundation

// MARK: Model

/// An event table: the table Snowflake writes logs, traces and metrics to, with columns fixed
/// by Snowflake (`EventTable` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// try await root.databases["my_db"].schemas["public"].eventTables.create(
///     EventTableModel(name: "events", changeTracking: true))
/// ```
public struct EventTableModel: Codable, Hashable, Sendable {
    /// The event table's name.
    public var name: String
    /// Clustering key: column names or expressions.
    public var clusterBy: [String]?
    /// Days changed or dropped data stay available to time travel.
    public var dataRetentionTimeInDays: Int?
    /// Days retention may be extended to keep streams readable.
    public var maxDataExtensionTimeInDays: Int?
    /// Whether change tracking is on (for streams and `CHANGES`).
    public var changeTracking: Bool?
    /// Default collation for new columns.
    public var defaultDdlCollation: String?
    /// A comment.
    public var comment: String?

    /// When the event table was created.
    @ReadOnly public var createdOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// Rows in the table.
    @ReadOnly public var rows: Int64?
    /// Bytes a full scan reads.
    @ReadOnly public var bytes: Int64?
    /// Whether automatic clustering is on.
    @ReadOnly public var automaticClustering: Bool?
    /// Whether search optimization is on.
    @ReadOnly public var searchOptimization: Bool?
    /// Percentage of the table optimized for search.
    @ReadOnly public var searchOptimizationProgress: Int64?
    /// Bytes the search optimization service uses.
    @ReadOnly public var searchOptimizationBytes: Int64?
    /// The columns, as Snowflake defines them for every event table.
    @ReadOnly public var columns: [EventTableColumn]?

    /// An event table definition.
    public init(
        name: String, clusterBy: [String]? = nil, dataRetentionTimeInDays: Int? = nil, maxDataExtensionTimeInDays: Int? = nil,
        changeTracking: Bool? = nil, defaultDdlCollation: String? = nil, comment: String? = nil
    ) {
        self.name = name
        self.clusterBy = clusterBy
        self.dataRetentionTimeInDays = dataRetentionTimeInDays
        self.maxDataExtensionTimeInDays = maxDataExtensionTimeInDays
        self.changeTracking = changeTracking
        self.defaultDdlCollation = defaultDdlCollation
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case clusterBy = "cluster_by"
        case dataRetentionTimeInDays = "data_retention_time_in_days"
        case maxDataExtensionTimeInDays = "max_data_extension_time_in_days"
        case changeTracking = "change_tracking"
        case defaultDdlCollation = "default_ddl_collation"
        case comment
        case createdOn = "created_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case owner
        case ownerRoleType = "owner_role_type"
        case rows, bytes
        case automaticClustering = "automatic_clustering"
        case searchOptimization = "search_optimization"
        case searchOptimizationProgress = "search_optimization_progress"
        case searchOptimizationBytes = "search_optimization_bytes"
        case columns
    }
}

// MARK: Nested types

/// A column of an event table (`EventTableColumn`).
public struct EventTableColumn: Codable, Hashable, Sendable {
    /// The column's name.
    public var name: String?
    /// The column's data type.
    public var datatype: String?
    /// Whether the column allows NULL.
    public var nullable: Bool?
    /// The column's default value.
    public var `default`: String?
    /// Whether the column is (part of) the primary key.
    public var primaryKey: Bool?
    /// Whether the column is (part of) a unique key.
    public var uniqueKey: Bool?
    /// A check constraint.
    public var check: String?
    /// The expression of a computed column.
    public var expression: String?
    /// A comment on the column.
    public var comment: String?

    /// A column description.
    public init(
        name: String? = nil, datatype: String? = nil, nullable: Bool? = nil, default: String? = nil, primaryKey: Bool? = nil,
        uniqueKey: Bool? = nil, check: String? = nil, expression: String? = nil, comment: String? = nil
    ) {
        self.name = name
        self.datatype = datatype
        self.nullable = nullable
        self.default = `default`
        self.primaryKey = primaryKey
        self.uniqueKey = uniqueKey
        self.check = check
        self.expression = expression
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, datatype, nullable, `default`
        case primaryKey = "primary_key"
        case uniqueKey = "unique_key"
        case check, expression, comment
    }
}

// MARK: Descriptor

extension EventTableModel: SchemaObject, Taggable, ReportsOwnerRoleType, ReportsSchemaName {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "event-table", objectKind: "Event table", collectionPath: "event-tables", listFilters: .show, nameSpace: "table",
        columns: ["name", "cluster_by", "change_tracking", "rows", "comment", "owner", "created_on"])
}
