import Foundation

// MARK: Model

/// A dynamic table: a table Snowflake keeps up to date with the result of a query, within a
/// target lag (`DynamicTable` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// let table = DynamicTableModel(name: "daily_totals", targetLag: .seconds(3600), warehouse: "etl_wh",
///                               query: "select day, sum(amount) from orders group by day")
/// try await root.databases["my_db"].schemas["public"].dynamicTables.create(table)
/// ```
public struct DynamicTableModel: Codable, Hashable, Sendable {
    /// The dynamic table's name.
    public var name: String
    /// `PERMANENT` (default) or `TRANSIENT`.
    public var kind: String?
    /// The columns, in the order of the query's result.
    public var columns: [DynamicTableColumn]?
    /// How fresh the table is kept.
    public var targetLag: DynamicTableTargetLag
    /// `AUTO` (default), `FULL` or `INCREMENTAL`.
    public var refreshMode: String?
    /// `ON_CREATE` (default): first refresh at creation; `ON_SCHEDULE`: at the first scheduled one.
    public var initialize: String?
    /// The warehouse refreshes run on.
    public var warehouse: String
    /// Clustering key: column names or expressions.
    public var clusterBy: [String]?
    /// The query whose result the table holds.
    public var query: String
    /// Days changed or dropped data stay available to time travel.
    public var dataRetentionTimeInDays: Int?
    /// Days retention may be extended to keep streams readable.
    public var maxDataExtensionTimeInDays: Int?
    /// A comment.
    public var comment: String?
    /// The warehouse for the initial and full refreshes; ``warehouse`` when nil (snowflake.core only).
    public var initializationWarehouse: String?
    /// A condition on rows that refreshes leave unchanged (snowflake.core only).
    public var frozenWhere: String?
    /// The table whose data the first refresh starts from (snowflake.core only).
    public var backfillFrom: String?
    /// Default collation for the table's text columns (snowflake.core only).
    public var defaultDdlCollation: String?
    /// Log level of refreshes (snowflake.core only).
    public var logLevel: String?
    /// Whether rows carry a row timestamp (snowflake.core only).
    public var rowTimestamp: Bool?

    /// When the dynamic table was created.
    @ReadOnly public var createdOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?
    /// Rows in the table.
    @ReadOnly public var rows: Int64?
    /// Bytes a full scan reads.
    @ReadOnly public var bytes: Int64?
    /// Whether refreshes are scheduled: `RUNNING` or `SUSPENDED`.
    @ReadOnly public var schedulingState: DynamicTableSchedulingState?
    /// Whether automatic clustering is on.
    @ReadOnly public var automaticClustering: Bool?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// The budget that monitors it.
    @ReadOnly public var budget: String?
    /// `ENABLE` when Snowflake's scheduler refreshes it, `DISABLE` otherwise.
    @ReadOnly public var scheduler: String?

    /// A dynamic table definition.
    public init(
        name: String, targetLag: DynamicTableTargetLag, warehouse: String, query: String, kind: String? = nil,
        columns: [DynamicTableColumn]? = nil, refreshMode: String? = nil, initialize: String? = nil, clusterBy: [String]? = nil,
        dataRetentionTimeInDays: Int? = nil, maxDataExtensionTimeInDays: Int? = nil, comment: String? = nil,
        initializationWarehouse: String? = nil, frozenWhere: String? = nil, backfillFrom: String? = nil,
        defaultDdlCollation: String? = nil, logLevel: String? = nil, rowTimestamp: Bool? = nil
    ) {
        self.name = name
        self.targetLag = targetLag
        self.warehouse = warehouse
        self.query = query
        self.kind = kind
        self.columns = columns
        self.refreshMode = refreshMode
        self.initialize = initialize
        self.clusterBy = clusterBy
        self.dataRetentionTimeInDays = dataRetentionTimeInDays
        self.maxDataExtensionTimeInDays = maxDataExtensionTimeInDays
        self.comment = comment
        self.initializationWarehouse = initializationWarehouse
        self.frozenWhere = frozenWhere
        self.backfillFrom = backfillFrom
        self.defaultDdlCollation = defaultDdlCollation
        self.logLevel = logLevel
        self.rowTimestamp = rowTimestamp
    }

    private enum CodingKeys: String, CodingKey {
        case name, kind, columns
        case targetLag = "target_lag"
        case refreshMode = "refresh_mode"
        case initialize, warehouse
        case clusterBy = "cluster_by"
        case query
        case dataRetentionTimeInDays = "data_retention_time_in_days"
        case maxDataExtensionTimeInDays = "max_data_extension_time_in_days"
        case comment
        case initializationWarehouse = "initialization_warehouse"
        case frozenWhere = "frozen_where"
        case backfillFrom = "backfill_from"
        case defaultDdlCollation = "default_ddl_collation"
        case logLevel = "log_level"
        case rowTimestamp = "row_timestamp"
        case createdOn = "created_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case rows, bytes
        case schedulingState = "scheduling_state"
        case automaticClustering = "automatic_clustering"
        case owner
        case ownerRoleType = "owner_role_type"
        case budget, scheduler
    }
}

// MARK: Nested types

/// How fresh a dynamic table is kept (`TargetLag`, discriminated by `type`).
///
/// ```swift
/// .seconds(3600)   // at most an hour behind its sources (USER_DEFINED)
/// .downstream      // as fresh as the dynamic tables that read it need (DOWNSTREAM)
/// ```
public enum DynamicTableTargetLag: Hashable, Sendable {
    /// At most this many seconds behind its sources (`UserDefinedLag`).
    case seconds(Int64)
    /// Refreshed when a dynamic table downstream of it needs it (`DownstreamLag`).
    case downstream

    /// The wire discriminator of ``seconds(_:)``.
    public static let userDefinedType = "USER_DEFINED"
    /// The wire discriminator of ``downstream``.
    public static let downstreamType = "DOWNSTREAM"
}

extension DynamicTableTargetLag: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, seconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case Self.userDefinedType: self = .seconds(try container.decode(Int64.self, forKey: .seconds))
        case Self.downstreamType: self = .downstream
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown target lag type '\(type)' (expected USER_DEFINED or DOWNSTREAM)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .seconds(let seconds):
            try container.encode(Self.userDefinedType, forKey: .type)
            try container.encode(seconds, forKey: .seconds)
        case .downstream:
            try container.encode(Self.downstreamType, forKey: .type)
        }
    }
}

/// Whether a dynamic table's refreshes are scheduled.
public enum DynamicTableSchedulingState: String, Codable, Hashable, Sendable {
    /// Refreshed on schedule.
    case running = "RUNNING"
    /// Not refreshed until resumed.
    case suspended = "SUSPENDED"
}

/// A column of a dynamic table (`DynamicTableColumn`).
public struct DynamicTableColumn: Codable, Hashable, Sendable {
    /// The column's name.
    public var name: String
    /// The column's data type.
    public var datatype: String?
    /// A comment on the column.
    public var comment: String?

    /// A column.
    public init(name: String, datatype: String? = nil, comment: String? = nil) {
        self.name = name
        self.datatype = datatype
        self.comment = comment
    }
}

/// The body of a clone (`DynamicTableClone`): the copy's name, optionally a new target lag and
/// warehouse, and the moment to copy from. The copy keeps the source's query and columns.
public struct DynamicTableCloneRequest: Codable, Hashable, Sendable {
    /// The copy's name.
    public var name: String
    /// The copy's target lag; the source's when nil.
    public var targetLag: DynamicTableTargetLag?
    /// The copy's warehouse; the source's when nil.
    public var warehouse: String?
    /// The moment to copy from; now when nil.
    public var pointOfTime: PointOfTime?

    /// A clone request.
    public init(name: String, targetLag: DynamicTableTargetLag? = nil, warehouse: String? = nil, pointOfTime: PointOfTime? = nil) {
        self.name = name
        self.targetLag = targetLag
        self.warehouse = warehouse
        self.pointOfTime = pointOfTime
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case targetLag = "target_lag"
        case warehouse
        case pointOfTime = "point_of_time"
    }
}

// MARK: Descriptor

extension DynamicTableModel: SchemaObject, Undroppable, Cloneable, Resumable, Taggable, ReportsOwnerRoleType, ReportsSchemaName {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "dynamic-table", objectKind: "Dynamic table", collectionPath: "dynamic-tables", listFilters: [.show, .deep], nameSpace: "table",
        columns: ["name", "target_lag", "warehouse", "scheduling_state", "refresh_mode", "owner", "created_on"])
}
