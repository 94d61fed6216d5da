import Foundation

// MARK: Model

/// An Apache Iceberg table: a table whose data and metadata files live in an external volume,
/// with Snowflake or an external catalog (a catalog integration) as its Iceberg catalog
/// (`IcebergTable` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// let table = IcebergTableModel(
///     name: "events", columns: [IcebergTableColumn(name: "id", datatype: "long"), IcebergTableColumn(name: "at", datatype: "timestamp_ntz(6)")],
///     externalVolume: "lake", catalog: "SNOWFLAKE", baseLocation: "events/")
/// try await root.databases["my_db"].schemas["public"].icebergTables.create(table)
/// ```
public struct IcebergTableModel: Codable, Hashable, Sendable {
    /// The table's name.
    public var name: String
    /// A comment.
    public var comment: String?
    /// Whether change tracking is on (streams and `CHANGES` can read the table).
    public var changeTracking: Bool?
    /// Days beyond the retention period that data is kept so a stream does not go stale.
    public var maxDataExtensionTimeInDays: Int?
    /// The external volume holding the table's data and metadata files.
    public var externalVolume: String?
    /// Days old versions of changed or deleted data are kept (time travel and undrop).
    public var dataRetentionTimeInDays: Int?
    /// The catalog integration (Snowflake Open Catalog) the table is synced to.
    public var catalogSync: String?
    /// The table's Iceberg catalog: `SNOWFLAKE`, or the name of a catalog integration.
    public var catalog: String?
    /// How a Snowflake-managed table's files are encoded and compressed.
    public var storageSerializationPolicy: IcebergTableStorageSerializationPolicy?
    /// The table's name in the external catalog.
    public var catalogTableName: String?
    /// The table's namespace in the external catalog (the integration's default when not given).
    public var catalogNamespace: String?
    /// Clustering keys: columns or column expressions.
    public var clusterBy: [String]?
    /// The columns (Snowflake-managed tables: as declared; unknown for a table read from an
    /// external catalog the emulator does not reach).
    public var columns: [IcebergTableColumn]?
    /// The directory, relative to the external volume, where the table's files are written.
    public var baseLocation: String?
    /// Whether invalid characters in column names are replaced.
    public var replaceInvalidCharacters: Bool?
    /// The relative path of the Iceberg metadata file the table's definition comes from.
    public var metadataFilePath: String?
    /// Primary, unique and foreign keys.
    public var constraints: [IcebergTableConstraint]?

    /// When the table was created.
    @ReadOnly public var createdOn: Date?
    /// The containing database.
    @ReadOnly public var databaseName: String?
    /// The containing schema.
    @ReadOnly public var schemaName: String?
    /// The role that owns it.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?
    /// `MANAGED` when Snowflake is the catalog, `UNMANAGED` for an external catalog.
    @ReadOnly public var icebergTableType: String?
    /// Whether Snowflake writes the table's metadata (`Y` or `N`).
    @ReadOnly public var canWriteMetadata: String?
    /// Whether the metadata is refreshed from the external catalog automatically.
    @ReadOnly public var autoRefresh: Bool?

    /// An Iceberg table definition.
    public init(
        name: String, columns: [IcebergTableColumn]? = nil, externalVolume: String? = nil, catalog: String? = nil,
        baseLocation: String? = nil, comment: String? = nil, changeTracking: Bool? = nil,
        maxDataExtensionTimeInDays: Int? = nil, dataRetentionTimeInDays: Int? = nil, catalogSync: String? = nil,
        storageSerializationPolicy: IcebergTableStorageSerializationPolicy? = nil, catalogTableName: String? = nil,
        catalogNamespace: String? = nil, clusterBy: [String]? = nil, replaceInvalidCharacters: Bool? = nil,
        metadataFilePath: String? = nil, constraints: [IcebergTableConstraint]? = nil
    ) {
        self.name = name
        self.columns = columns
        self.externalVolume = externalVolume
        self.catalog = catalog
        self.baseLocation = baseLocation
        self.comment = comment
        self.changeTracking = changeTracking
        self.maxDataExtensionTimeInDays = maxDataExtensionTimeInDays
        self.dataRetentionTimeInDays = dataRetentionTimeInDays
        self.catalogSync = catalogSync
        self.storageSerializationPolicy = storageSerializationPolicy
        self.catalogTableName = catalogTableName
        self.catalogNamespace = catalogNamespace
        self.clusterBy = clusterBy
        self.replaceInvalidCharacters = replaceInvalidCharacters
        self.metadataFilePath = metadataFilePath
        self.constraints = constraints
    }

    private enum CodingKeys: String, CodingKey {
        case name, comment
        case changeTracking = "change_tracking"
        case maxDataExtensionTimeInDays = "max_data_extension_time_in_days"
        case externalVolume = "external_volume"
        case dataRetentionTimeInDays = "data_retention_time_in_days"
        case catalogSync = "catalog_sync"
        case catalog
        case storageSerializationPolicy = "storage_serialization_policy"
        case catalogTableName = "catalog_table_name"
        case catalogNamespace = "catalog_namespace"
        case clusterBy = "cluster_by"
        case columns
        case baseLocation = "base_location"
        case replaceInvalidCharacters = "replace_invalid_characters"
        case metadataFilePath = "metadata_file_path"
        case constraints
        case createdOn = "created_on"
        case databaseName = "database_name"
        case schemaName = "schema_name"
        case owner
        case ownerRoleType = "owner_role_type"
        case icebergTableType = "iceberg_table_type"
        case canWriteMetadata = "can_write_metadata"
        case autoRefresh = "auto_refresh"
    }
}

// MARK: Nested types

/// How a Snowflake-managed Iceberg table's files are encoded and compressed.
public enum IcebergTableStorageSerializationPolicy: String, Codable, Hashable, Sendable {
    /// Encodings and compressions every Iceberg engine reads.
    case compatible = "COMPATIBLE"
    /// Snowflake's best encodings and compressions (the default).
    case optimized = "OPTIMIZED"
}

/// A column of an Iceberg table (`IcebergTableColumn`).
public struct IcebergTableColumn: Codable, Hashable, Sendable {
    /// The column's name.
    public var name: String
    /// Its data type, a Snowflake or Iceberg type (`long`, `VARCHAR`, `timestamp_ntz(6)`);
    /// Snowflake shows it normalised (`NUMBER(19,0)`, `VARCHAR(134217728)`, `TIMESTAMP_NTZ(6)`).
    public var datatype: String
    /// A comment.
    public var comment: String?
    /// Whether the column accepts nulls.
    public var nullable: Bool?
    /// The column's default value, as a SQL expression.
    public var defaultValue: String?

    /// A column definition.
    public init(name: String, datatype: String, nullable: Bool? = nil, defaultValue: String? = nil, comment: String? = nil) {
        self.name = name
        self.datatype = datatype
        self.nullable = nullable
        self.defaultValue = defaultValue
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, datatype, comment, nullable
        case defaultValue = "default_value"
    }
}

/// A primary, unique or foreign key of an Iceberg table (`Constraint`, told apart on the wire
/// by `constraint_type`).
public enum IcebergTableConstraint: Hashable, Sendable {
    /// A primary key (`PRIMARY KEY`).
    case primaryKey(IcebergTableKey)
    /// A unique key (`UNIQUE`).
    case uniqueKey(IcebergTableKey)
    /// A foreign key (`FOREIGN KEY`).
    case foreignKey(IcebergTableForeignKey)

    /// The wire discriminator: `PRIMARY KEY`, `UNIQUE` or `FOREIGN KEY`.
    public var constraintType: String {
        switch self {
        case .primaryKey: "PRIMARY KEY"
        case .uniqueKey: "UNIQUE"
        case .foreignKey: "FOREIGN KEY"
        }
    }

    /// The constrained columns.
    public var columnNames: [String]? {
        switch self {
        case .primaryKey(let key), .uniqueKey(let key): key.columnNames
        case .foreignKey(let key): key.columnNames
        }
    }
}

extension IcebergTableConstraint: Codable {
    private enum CodingKeys: String, CodingKey {
        case constraintType = "constraint_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .constraintType)
        switch type {
        case "PRIMARY KEY": self = .primaryKey(try IcebergTableKey(from: decoder))
        case "UNIQUE": self = .uniqueKey(try IcebergTableKey(from: decoder))
        case "FOREIGN KEY": self = .foreignKey(try IcebergTableForeignKey(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .constraintType, in: container,
                debugDescription: "unknown constraint_type '\(type)' (expected PRIMARY KEY, UNIQUE or FOREIGN KEY)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .primaryKey(let key), .uniqueKey(let key): try key.encode(to: encoder)
        case .foreignKey(let key): try key.encode(to: encoder)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(constraintType, forKey: .constraintType)
    }
}

/// A primary or unique key (`PrimaryKey`, `UniqueKey`).
public struct IcebergTableKey: Codable, Hashable, Sendable {
    /// The constraint's name.
    public var name: String?
    /// The key's columns.
    public var columnNames: [String]?

    /// A key over columns.
    public init(name: String? = nil, columnNames: [String]? = nil) {
        self.name = name
        self.columnNames = columnNames
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case columnNames = "column_names"
    }
}

/// A foreign key (`ForeignKey`).
public struct IcebergTableForeignKey: Codable, Hashable, Sendable {
    /// The constraint's name.
    public var name: String?
    /// The referencing columns.
    public var columnNames: [String]?
    /// The referenced table.
    public var referencedTableName: String
    /// The referenced columns.
    public var referencedColumnNames: [String]?

    /// A foreign key.
    public init(name: String? = nil, columnNames: [String]? = nil, referencedTableName: String, referencedColumnNames: [String]? = nil) {
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

/// The body of a create-from-AWS-Glue or create-from-Iceberg-REST request: an unmanaged table
/// registered from a table of an external catalog (`IcebergTableFromAWSGlueCatalog`,
/// `IcebergTableFromIcebergRest`).
public struct IcebergTableFromCatalog: Codable, Hashable, Sendable {
    /// The new table's name.
    public var name: String
    /// The table's name in the external catalog.
    public var catalogTableName: String
    /// The catalog integration.
    public var catalog: String?
    /// The external volume holding the table's files.
    public var externalVolume: String?
    /// The table's namespace in the catalog (the integration's default when nil).
    public var catalogNamespace: String?
    /// Whether invalid characters in column names are replaced.
    public var replaceInvalidCharacters: Bool?
    /// Whether the metadata is refreshed from the catalog automatically.
    public var autoRefresh: Bool?
    /// A comment.
    public var comment: String?

    /// A registration of an external catalog's table.
    public init(
        name: String, catalogTableName: String, catalog: String? = nil, externalVolume: String? = nil,
        catalogNamespace: String? = nil, replaceInvalidCharacters: Bool? = nil, autoRefresh: Bool? = nil, comment: String? = nil
    ) {
        self.name = name
        self.catalogTableName = catalogTableName
        self.catalog = catalog
        self.externalVolume = externalVolume
        self.catalogNamespace = catalogNamespace
        self.replaceInvalidCharacters = replaceInvalidCharacters
        self.autoRefresh = autoRefresh
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case catalogTableName = "catalog_table_name"
        case catalog
        case externalVolume = "external_volume"
        case catalogNamespace = "catalog_namespace"
        case replaceInvalidCharacters = "replace_invalid_characters"
        case autoRefresh = "auto_refresh"
        case comment
    }
}

/// The body of a create-from-Delta request (`IcebergTableFromDelta`): an unmanaged table over
/// Delta Lake files.
public struct IcebergTableFromDelta: Codable, Hashable, Sendable {
    /// The new table's name.
    public var name: String
    /// The Delta table's directory, relative to the external volume.
    public var baseLocation: String
    /// The catalog integration (an object-store integration for Delta).
    public var catalog: String?
    /// The external volume holding the files.
    public var externalVolume: String?
    /// Whether invalid characters in column names are replaced.
    public var replaceInvalidCharacters: Bool?
    /// A comment.
    public var comment: String?

    /// A table over Delta files.
    public init(
        name: String, baseLocation: String, catalog: String? = nil, externalVolume: String? = nil,
        replaceInvalidCharacters: Bool? = nil, comment: String? = nil
    ) {
        self.name = name
        self.baseLocation = baseLocation
        self.catalog = catalog
        self.externalVolume = externalVolume
        self.replaceInvalidCharacters = replaceInvalidCharacters
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case baseLocation = "base_location"
        case catalog
        case externalVolume = "external_volume"
        case replaceInvalidCharacters = "replace_invalid_characters"
        case comment
    }
}

/// The body of a create-from-Iceberg-files request (`IcebergTableFromIcebergFiles`): an
/// unmanaged table over an Iceberg metadata file in object storage.
public struct IcebergTableFromIcebergFiles: Codable, Hashable, Sendable {
    /// The new table's name.
    public var name: String
    /// The metadata file's path, relative to the external volume.
    public var metadataFilePath: String
    /// The catalog integration (an object-store integration).
    public var catalog: String?
    /// The external volume holding the files.
    public var externalVolume: String?
    /// Whether invalid characters in column names are replaced.
    public var replaceInvalidCharacters: Bool?
    /// A comment.
    public var comment: String?

    /// A table over Iceberg files.
    public init(
        name: String, metadataFilePath: String, catalog: String? = nil, externalVolume: String? = nil,
        replaceInvalidCharacters: Bool? = nil, comment: String? = nil
    ) {
        self.name = name
        self.metadataFilePath = metadataFilePath
        self.catalog = catalog
        self.externalVolume = externalVolume
        self.replaceInvalidCharacters = replaceInvalidCharacters
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case metadataFilePath = "metadata_file_path"
        case catalog
        case externalVolume = "external_volume"
        case replaceInvalidCharacters = "replace_invalid_characters"
        case comment
    }
}

/// The body of a create-as-select (`IcebergTableAsSelect`) or create-like (`IcebergTableLike`,
/// without columns) request: a Snowflake-managed table.
public struct IcebergTableDerived: Codable, Hashable, Sendable {
    /// The new table's name.
    public var name: String
    /// Columns (create-as-select only).
    public var columns: [IcebergTableColumn]?
    /// The external volume; the source's for create-like when nil.
    public var externalVolume: String?
    /// Clustering keys.
    public var clusterBy: [String]?
    /// The directory, relative to the external volume, for the new table's files.
    public var baseLocation: String?
    /// A comment.
    public var comment: String?

    /// A derived table's definition.
    public init(
        name: String, columns: [IcebergTableColumn]? = nil, externalVolume: String? = nil, clusterBy: [String]? = nil,
        baseLocation: String? = nil, comment: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.externalVolume = externalVolume
        self.clusterBy = clusterBy
        self.baseLocation = baseLocation
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, columns
        case externalVolume = "external_volume"
        case clusterBy = "cluster_by"
        case baseLocation = "base_location"
        case comment
    }
}

/// The body of a refresh (`RefreshIcebergTableRequest`).
public struct IcebergTableRefreshRequest: Codable, Hashable, Sendable {
    /// The metadata file to refresh from, relative to the external volume.
    public var metadataFileRelativePath: String?

    /// A refresh request.
    public init(metadataFileRelativePath: String? = nil) {
        self.metadataFileRelativePath = metadataFileRelativePath
    }

    private enum CodingKeys: String, CodingKey {
        case metadataFileRelativePath = "metadata_file_relative_path"
    }
}

/// The body of a convert-to-managed (`ConvertToManagedIcebergTableRequest`).
public struct IcebergTableConvertRequest: Codable, Hashable, Sendable {
    /// The directory for the files Snowflake writes from now on.
    public var baseLocation: String?
    /// The serialization policy of the managed table.
    public var storageSerializationPolicy: IcebergTableStorageSerializationPolicy?

    /// A conversion request.
    public init(baseLocation: String? = nil, storageSerializationPolicy: IcebergTableStorageSerializationPolicy? = nil) {
        self.baseLocation = baseLocation
        self.storageSerializationPolicy = storageSerializationPolicy
    }

    private enum CodingKeys: String, CodingKey {
        case baseLocation = "base_location"
        case storageSerializationPolicy = "storage_serialization_policy"
    }
}

/// The body of a clone (`IcebergTableClone`): the copy's name and the moment to copy from.
public struct IcebergTableCloneRequest: Codable, Hashable, Sendable {
    /// The copy's name.
    public var name: String
    /// The moment to copy from; now when nil.
    public var pointOfTime: PointOfTime?

    /// A clone request.
    public init(name: String, pointOfTime: PointOfTime? = nil) {
        self.name = name
        self.pointOfTime = pointOfTime
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case pointOfTime = "point_of_time"
    }
}

// MARK: Descriptor

extension IcebergTableModel: SchemaObject, Undroppable, Cloneable, Taggable, ReportsOwnerRoleType, ReportsSchemaName {
    /// The family's descriptor.
    public static let descriptor = ResourceDescriptor(
        family: "iceberg-table", objectKind: "Iceberg table", collectionPath: "iceberg-tables", listFilters: [.show, .deep], nameSpace: "table",
        columns: ["name", "catalog", "external_volume", "base_location", "iceberg_table_type", "owner", "created_on"])
}
