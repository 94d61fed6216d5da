import Foundation
import SnowflakeModels

/// A reference to an Iceberg table, as `snowflake.core` names it.
public typealias IcebergTableResource = ResourceReference<IcebergTableModel>
/// The Iceberg tables of a schema, as `snowflake.core` names it.
public typealias IcebergTableCollection = ResourceCollection<IcebergTableModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's Apache Iceberg tables: create (Snowflake-managed, or registered from an
    /// external catalog), list, fetch, drop, undrop, clone, create-like, refresh,
    /// convert-to-managed, suspend and resume reclustering, and tags.
    ///
    /// ```swift
    /// let tables = root.databases["my_db"].schemas["public"].icebergTables
    /// let events = try await tables.create(IcebergTableModel(
    ///     name: "events", columns: [IcebergTableColumn(name: "id", datatype: "long")],
    ///     externalVolume: "lake", catalog: "SNOWFLAKE", baseLocation: "events/"))
    /// try await events.suspendRecluster()
    /// ```
    /// - Remark: HTTP `GET|POST /api/v2/databases/{database}/schemas/{schema}/iceberg-tables`,
    ///   `GET|DELETE .../iceberg-tables/{name}`
    public var icebergTables: IcebergTableCollection { collection(IcebergTableModel.self) }
}

extension ResourceCollection where Family == IcebergTableModel {
    /// Creates a Snowflake-managed Iceberg table and returns a reference to it.
    /// - Parameters:
    ///   - mode: what to do when a table of that name exists.
    ///   - copyGrants: keep the grants of the table replaced with `.orReplace`.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/iceberg-tables?createMode=&copyGrants=`
    @discardableResult
    public func create(_ model: IcebergTableModel, mode: CreateMode = .errorIfExists, copyGrants: Bool) async throws -> IcebergTableResource {
        try await sendCreate(path, body: model, mode: mode, copyGrants: copyGrants)
        return self[model.name]
    }

    /// Creates a Snowflake-managed table from the result of a query. The emulator does not run
    /// SQL and refuses this with a 400 that says so; Snowflake runs it.
    /// - Remark: HTTP `POST .../iceberg-tables:as-select?createMode=&copyGrants=&query=`
    @discardableResult
    public func create(
        _ definition: IcebergTableDerived, asSelect query: String, mode: CreateMode = .errorIfExists, copyGrants: Bool = false
    ) async throws -> IcebergTableResource {
        try await sendCreate(
            path.action("as-select"), body: definition, mode: mode, copyGrants: copyGrants, extra: [URLQueryItem(name: "query", value: query)])
        return self[definition.name]
    }

    /// Creates an empty Snowflake-managed table with the columns of `source` (a table of this
    /// schema). The definition's volume, base location, clustering and comment apply to the new table.
    /// - Remark: HTTP `POST .../iceberg-tables/{source}:create-like?createMode=&copyGrants=&targetDatabase=&targetSchema=`
    @discardableResult
    public func create(
        _ definition: IcebergTableDerived, like source: String, mode: CreateMode = .errorIfExists, copyGrants: Bool = false
    ) async throws -> IcebergTableResource {
        var body = definition
        body.columns = nil
        try IcebergTableModel.checkPathSegments([source])
        try await sendCreate(
            path.appending(source).action("create-like"), body: body, mode: mode, copyGrants: copyGrants,
            extra: [URLQueryItem(name: "targetDatabase", value: container.database), URLQueryItem(name: "targetSchema", value: container.schema)])
        return self[definition.name]
    }

    /// Registers a table of an AWS Glue Data Catalog as an unmanaged Iceberg table, through a
    /// Glue catalog integration.
    /// - Remark: HTTP `POST .../iceberg-tables:from-aws-glue-catalog?createMode=`
    @discardableResult
    public func create(fromAWSGlueCatalog definition: IcebergTableFromCatalog, mode: CreateMode = .errorIfExists) async throws -> IcebergTableResource {
        try await sendCreate(path.action("from-aws-glue-catalog"), body: definition, mode: mode)
        return self[definition.name]
    }

    /// Registers a table of an Iceberg REST catalog (Snowflake Open Catalog, Polaris) as an
    /// unmanaged Iceberg table, through a REST catalog integration.
    /// - Remark: HTTP `POST .../iceberg-tables:from-iceberg-rest?createMode=`
    @discardableResult
    public func create(fromIcebergRest definition: IcebergTableFromCatalog, mode: CreateMode = .errorIfExists) async throws -> IcebergTableResource {
        try await sendCreate(path.action("from-iceberg-rest"), body: definition, mode: mode)
        return self[definition.name]
    }

    /// Creates an unmanaged table over Delta Lake files. Snowflake reads the Delta log for
    /// the columns; the emulator cannot and refuses this with a 400 that says so.
    /// - Remark: HTTP `POST .../iceberg-tables:from-delta?createMode=`
    @discardableResult
    public func create(fromDelta definition: IcebergTableFromDelta, mode: CreateMode = .errorIfExists) async throws -> IcebergTableResource {
        try await sendCreate(path.action("from-delta"), body: definition, mode: mode)
        return self[definition.name]
    }

    /// Creates an unmanaged table over an Iceberg metadata file in object storage. Snowflake
    /// reads the file for the columns; the emulator cannot and refuses this with a 400 that says so.
    /// - Remark: HTTP `POST .../iceberg-tables:from-iceberg-files?createMode=`
    @discardableResult
    public func create(fromIcebergFiles definition: IcebergTableFromIcebergFiles, mode: CreateMode = .errorIfExists) async throws -> IcebergTableResource {
        try await sendCreate(path.action("from-iceberg-files"), body: definition, mode: mode)
        return self[definition.name]
    }

    /// The schema's Iceberg tables; with `deep`, with full details.
    public func list(
        like: String? = nil, startsWith: String? = nil, showLimit: Int? = nil, fromName: String? = nil, deep: Bool
    ) -> ResourceListing<IcebergTableModel> {
        list(ListOptions(like: like, startsWith: startsWith, showLimit: showLimit, fromName: fromName, deep: deep))
    }
}

extension ResourceReference where Family == IcebergTableModel {
    /// Copies this Snowflake-managed table, optionally as it was at a point in time, into a
    /// table called `name` (in `targetDatabase`.`targetSchema`, this table's schema by default).
    /// The copy has the source's definition; only its name comes from the request.
    /// - Remark: HTTP `POST .../iceberg-tables/{name}:clone?createMode=&copyGrants=&targetDatabase=&targetSchema=`
    @discardableResult
    public func clone(
        to name: String, at pointOfTime: PointOfTime? = nil, mode: CreateMode = .errorIfExists, copyGrants: Bool = false,
        targetDatabase: String? = nil, targetSchema: String? = nil
    ) async throws -> IcebergTableResource {
        try await sendClone(
            named: name, body: IcebergTableCloneRequest(name: name, pointOfTime: pointOfTime), mode: mode, copyGrants: copyGrants,
            targetDatabase: targetDatabase, targetSchema: targetSchema)
    }

    /// Refreshes the metadata of a table that uses an external catalog, optionally from a given
    /// metadata file. Snowflake refuses this for a Snowflake-managed table.
    /// - Parameters:
    ///   - metadataFileRelativePath: the metadata file to read, relative to the external volume.
    ///   - ifExists: when true, a missing table is not an error.
    /// - Remark: HTTP `POST .../iceberg-tables/{name}:refresh?ifExists=`
    public func refresh(metadataFileRelativePath: String? = nil, ifExists: Bool = false) async throws {
        let body = try client.encodeBody(IcebergTableRefreshRequest(metadataFileRelativePath: metadataFileRelativePath))
        try await perform("refresh", query: Self.ifExists(ifExists), body: body)
    }

    /// Makes Snowflake the catalog of a table that used an external catalog.
    /// - Parameters:
    ///   - baseLocation: where Snowflake writes the table's files from now on (needed when the
    ///     table has none).
    ///   - storageSerializationPolicy: the managed table's serialization policy.
    ///   - ifExists: when true, a missing table is not an error.
    /// - Remark: HTTP `POST .../iceberg-tables/{name}:convert-to-managed?ifExists=`
    public func convertToManaged(
        baseLocation: String? = nil, storageSerializationPolicy: IcebergTableStorageSerializationPolicy? = nil, ifExists: Bool = false
    ) async throws {
        let body = try client.encodeBody(IcebergTableConvertRequest(baseLocation: baseLocation, storageSerializationPolicy: storageSerializationPolicy))
        try await perform("convert-to-managed", query: Self.ifExists(ifExists), body: body)
    }

    /// Resumes automatic clustering of a Snowflake-managed table with clustering keys.
    /// - Remark: HTTP `POST .../iceberg-tables/{name}:resume-recluster?ifExists=`
    public func resumeRecluster(ifExists: Bool = false) async throws {
        try await perform("resume-recluster", query: Self.ifExists(ifExists), idempotent: true)
    }

    /// Suspends automatic clustering of a Snowflake-managed table with clustering keys.
    /// - Remark: HTTP `POST .../iceberg-tables/{name}:suspend-recluster?ifExists=`
    public func suspendRecluster(ifExists: Bool = false) async throws {
        try await perform("suspend-recluster", query: Self.ifExists(ifExists), idempotent: true)
    }

    private static func ifExists(_ value: Bool) -> [URLQueryItem] { [URLQueryItem(name: "ifExists", value: String(value))] }
}
