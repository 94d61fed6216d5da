import Foundation

// MARK: Model

/// A table: its columns, constraints, clustering and storage settings
/// (`Table` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// let table = TableModel(name: "orders", columns: [
///     TableColumn(name: "id", datatype: "int", nullable: false),
///     TableColumn(name: "amount", datatype: "number(10,2)"),
/// ], constraints: [.primaryKey(["id"])])
/// try await root.databases["my_db"].schemas["public"].tables.create(table)
/// ```
public struct TableModel: Codable, Hashable, Sendable {
    /// The table's name.
    public var name: String
    /// `PERMANENT` (default), `TRANSIENT` or `TEMPORARY`.
    public var kind: String?
    /// The clustering key: columns or expressions.
    public var clusterBy: [String]?
    /// Whether loading files may add columns.
    public var enableSchemaEvolution: Bool?
    /// Whether changes are tracked (for streams).
    public var changeTracking: Bool?
    /// Days dropped or changed data stay available to time travel.
    public var dataRetentionTimeInDays: Int?
    /// Days retention may be extended to keep streams readable.
    public var maxDataExtensionTimeInDays: Int?
    /// Default collation for the table's text columns.
    public var defaultDdlCollation: String?
    /// The columns, in order.
    public var columns: [TableColumn]?
    /// Table-level constraints: primary, unique and foreign keys.
    public var constraints: [TableConstraint]?
    /// A comment.
    public var comment: String?

    /// When the table was created.
    @ReadOnly public var createdOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?
    /// Number of rows.
    @ReadOnly public var rows: Int64?
    /// Bytes a full scan reads.
    @ReadOnly public var bytes: Int64?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// When it was dropped (listings with history only).
    @ReadOnly public var droppedOn: Date?
    /// Whether automatic clustering is on (a clustering key, reclustering not suspended).
    @ReadOnly public var automaticClustering: Bool?
    /// Whether search optimization is on.
    @ReadOnly public var searchOptimization: Bool?
    /// Percentage of the table optimized for search.
    @ReadOnly public var searchOptimizationProgress: Int64?
    /// Bytes search optimization uses.
    @ReadOnly public var searchOptimizationBytes: Int64?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// The budget it is attached to.
    @ReadOnly public var budget: String?
    /// `NORMAL`, `DYNAMIC`, `EXTERNAL`, `EVENT`, `HYBRID`, `ICEBERG` or `IMMUTABLE`.
    @ReadOnly public var tableType: String?

    /// A table definition.
    public init(
        name: String, kind: String? = nil, clusterBy: [String]? = nil, enableSchemaEvolution: Bool? = nil,
        changeTracking: Bool? = nil, dataRetentionTimeInDays: Int? = nil, maxDataExtensionTimeInDays: Int? = nil,
        defaultDdlCollation: String? = nil, columns: [TableColumn]? = nil, constraints: [TableConstraint]? = nil,
        comment: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.clusterBy = clusterBy
        self.enableSchemaEvolution = enableSchemaEvolution
        self.changeTracking = changeTracking
        self.dataRetentionTimeInDays = dataRetentionTimeInDays
        self.maxDataExtensionTimeInDays = maxDataExtensionTimeInDays
        self.defaultDdlCollation = defaultDdlCollation
        self.columns = columns
        self.constraints = constraints
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, kind
        case clusterBy = "cluster_by"
        case enableSchemaEvolution = "enable_schema_evolution"
        case changeTracking = "change_tracking"
        case dataRetentionTimeInDays = "data_retention_time_in_days"
        case maxDataExtensionTimeInDays = "max_data_extension_time_in_days"
        case defaultDdlCollation = "default_ddl_collation"
        case columns, constraints, comment
        case createdOn = "created_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case rows, bytes, owner
        case droppedOn = "dropped_on"
        case automaticClustering = "automatic_clustering"
        case searchOptimization = "search_optimization"
        case searchOptimizationProgress = "search_optimization_progress"
        case searchOptimizationBytes = "search_optimization_bytes"
        case ownerRoleType = "owner_role_type"
        case budget
        case tableType = "table_type"
    }
}

// MARK: Nested types

/// A column of a table (`TableColumn`).
public struct TableColumn: Codable, Hashable, Sendable {
    /// The column's name.
    public var name: String
    /// Its data type (`int`, `varchar(100)`, `number(10,2)`, ...); the server answers with
    /// Snowflake's spelling (`NUMBER(38,0)`, `VARCHAR(100)`).
    public var datatype: String
    /// Whether NULL is allowed (true by default).
    public var nullable: Bool?
    /// The collation of a text column.
    public var collate: String?
    /// The default value, as a SQL expression.
    public var `default`: String?
    /// Whether values are generated by an increasing sequence.
    public var autoincrement: Bool?
    /// The first generated value.
    public var autoincrementStart: Int?
    /// The step between generated values.
    public var autoincrementIncrement: Int?
    /// Constraints declared on this column.
    public var constraints: [TableConstraint]?
    /// A comment.
    public var comment: String?

    /// A column definition.
    public init(
        name: String, datatype: String, nullable: Bool? = nil, collate: String? = nil, default: String? = nil,
        autoincrement: Bool? = nil, autoincrementStart: Int? = nil, autoincrementIncrement: Int? = nil,
        constraints: [TableConstraint]? = nil, comment: String? = nil
    ) {
        self.name = name
        self.datatype = datatype
        self.nullable = nullable
        self.collate = collate
        self.default = `default`
        self.autoincrement = autoincrement
        self.autoincrementStart = autoincrementStart
        self.autoincrementIncrement = autoincrementIncrement
        self.constraints = constraints
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, datatype, nullable, collate, `default`, autoincrement
        case autoincrementStart = "autoincrement_start"
        case autoincrementIncrement = "autoincrement_increment"
        case constraints, comment
    }
}

/// A table constraint (`Constraint`), one of its variants by `constraint_type`.
///
/// ```swift
/// .primaryKey(["id"])
/// .foreignKey(["customer_id"], references: "customers", columns: ["id"], name: "fk_customer")
/// ```
public enum TableConstraint: Hashable, Sendable {
    /// `PRIMARY KEY`: the columns that identify a row.
    case primaryKey(TablePrimaryKey)
    /// `UNIQUE`: columns whose values are unique (NULLs allowed).
    case unique(TableUniqueKey)
    /// `FOREIGN KEY`: columns that refer to a key of another table.
    case foreignKey(TableForeignKey)

    /// A primary key on `columns`.
    public static func primaryKey(_ columns: [String], name: String? = nil) -> TableConstraint {
        .primaryKey(TablePrimaryKey(name: name, columnNames: columns))
    }

    /// A unique key on `columns`.
    public static func unique(_ columns: [String], name: String? = nil) -> TableConstraint {
        .unique(TableUniqueKey(name: name, columnNames: columns))
    }

    /// A foreign key from `columns` to `referencedColumns` of `table`.
    public static func foreignKey(_ columns: [String], references table: String, columns referencedColumns: [String], name: String? = nil) -> TableConstraint {
        .foreignKey(TableForeignKey(name: name, columnNames: columns, referencedTableName: table, referencedColumnNames: referencedColumns))
    }

    /// The constraint's name.
    public var name: String? {
        get {
            switch self {
            case .primaryKey(let key): key.name
            case .unique(let key): key.name
            case .foreignKey(let key): key.name
            }
        }
        set {
            switch self {
            case .primaryKey(var key): key.name = newValue; self = .primaryKey(key)
            case .unique(var key): key.name = newValue; self = .unique(key)
            case .foreignKey(var key): key.name = newValue; self = .foreignKey(key)
            }
        }
    }

    /// The constrained columns.
    public var columnNames: [String]? {
        get {
            switch self {
            case .primaryKey(let key): key.columnNames
            case .unique(let key): key.columnNames
            case .foreignKey(let key): key.columnNames
            }
        }
        set {
            switch self {
            case .primaryKey(var key): key.columnNames = newValue; self = .primaryKey(key)
            case .unique(var key): key.columnNames = newValue; self = .unique(key)
            case .foreignKey(var key): key.columnNames = newValue; self = .foreignKey(key)
            }
        }
    }

    /// The wire discriminator (`PRIMARY KEY`, `UNIQUE`, `FOREIGN KEY`).
    public var constraintType: String {
        switch self {
        case .primaryKey: TablePrimaryKey.constraintType
        case .unique: TableUniqueKey.constraintType
        case .foreignKey: TableForeignKey.constraintType
        }
    }
}

extension TableConstraint: Codable {
    private enum CodingKeys: String, CodingKey {
        case constraintType = "constraint_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .constraintType)
        switch type {
        case TablePrimaryKey.constraintType: self = .primaryKey(try TablePrimaryKey(from: decoder))
        case TableUniqueKey.constraintType: self = .unique(try TableUniqueKey(from: decoder))
        case TableForeignKey.constraintType: self = .foreignKey(try TableForeignKey(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .constraintType, in: container,
                debugDescription: "unknown constraint_type '\(type)' (expected PRIMARY KEY, UNIQUE or FOREIGN KEY)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .primaryKey(let key): try key.encode(to: encoder)
        case .unique(let key): try key.encode(to: encoder)
        case .foreignKey(let key): try key.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(constraintType, forKey: .constraintType)
    }
}

/// A primary key (`PrimaryKey`, `constraint_type` `PRIMARY KEY`).
public struct TablePrimaryKey: Codable, Hashable, Sendable {
    /// The wire discriminator.
    public static let constraintType = "PRIMARY KEY"
    /// The constraint's name; the server names an unnamed one.
    public var name: String?
    /// The key's columns.
    public var columnNames: [String]?

    /// A primary key.
    public init(name: String? = nil, columnNames: [String]? = nil) {
        self.name = name
        self.columnNames = columnNames
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case columnNames = "column_names"
    }
}

/// A unique key (`UniqueKey`, `constraint_type` `UNIQUE`).
public struct TableUniqueKey: Codable, Hashable, Sendable {
    /// The wire discriminator.
    public static let constraintType = "UNIQUE"
    /// The constraint's name; the server names an unnamed one.
    public var name: String?
    /// The key's columns.
    public var columnNames: [String]?

    /// A unique key.
    public init(name: String? = nil, columnNames: [String]? = nil) {
        self.name = name
        self.columnNames = columnNames
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case columnNames = "column_names"
    }
}

/// A foreign key (`ForeignKey`, `constraint_type` `FOREIGN KEY`).
public struct TableForeignKey: Codable, Hashable, Sendable {
    /// The wire discriminator.
    public static let constraintType = "FOREIGN KEY"
    /// The constraint's name; the server names an unnamed one.
    public var name: String?
    /// The referring columns.
    public var columnNames: [String]?
    /// The referenced table (`t`, `schema.t` or `db.schema.t`).
    public var referencedTableName: String
    /// The referenced columns: a primary or unique key of that table.
    public var referencedColumnNames: [String]

    /// A foreign key.
    public init(name: String? = nil, columnNames: [String]? = nil, referencedTableName: String, referencedColumnNames: [String]) {
        self.name = name
        self.columnNames = columnNames
        self.referencedTableName = referencedTableName
        self.referencedColumnNames = referencedColumnNames
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case columnNames = "column_names"
        case referencedTableName = "referenced_table_name"
        case referencedColumnNames = "referenced_column_names"
    }
}

// MARK: Descriptor

extension TableModel: SchemaObject, SupportsCreateOrAlter, Undroppable, Cloneable, Taggable, ReportsOwnerRoleType, ReportsSchemaName,
    ReportsDroppedOn
{
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "table", objectKind: "Table", collectionPath: "tables", listFilters: [.show, .history, .deep], nameSpace: "table",
        columns: ["name", "kind", "rows", "bytes", "owner", "comment", "created_on"])
}
