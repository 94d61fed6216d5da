import Foundation
import SnowflakeModels

/// A reference to a table, as `snowflake.core` names it.
public typealias TableResource = ResourceReference<TableModel>
/// The tables of a schema, as `snowflake.core` names it.
public typealias TableCollection = ResourceCollection<TableModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's tables.
    public var tables: TableCollection { collection(TableModel.self) }
}

extension ResourceCollection where Family == TableModel {
    /// The schema's tables. Without `deep` each table comes without its columns and
    /// constraints, as SHOW TABLES shows it; with `deep`, with them.
    /// - Parameter history: include dropped tables not yet purged.
    /// - Remark: HTTP `GET /api/v2/databases/{database}/schemas/{schema}/tables?like=&startsWith=&showLimit=&fromName=&history=&deep=`
    public func list(
        like: String? = nil, startsWith: String? = nil, showLimit: Int? = nil, fromName: String? = nil,
        history: Bool? = nil, deep: Bool
    ) -> ResourceListing<TableModel> {
        list(ListOptions(like: like, startsWith: startsWith, showLimit: showLimit, fromName: fromName, history: history, deep: deep))
    }

    /// Creates a table, optionally copying the grants of the table it replaces.
    /// - Parameter copyGrants: with `.orReplace`, keep the replaced table's grants.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tables?createMode=&copyGrants=`
    @discardableResult
    public func create(_ model: TableModel, mode: CreateMode = .errorIfExists, copyGrants: Bool) async throws -> TableResource {
        try await sendCreate(path, body: model, mode: mode, copyGrants: copyGrants)
        return self[model.name]
    }

    /// Creates a table from the result of a query (`CREATE TABLE ... AS SELECT`).
    ///
    /// ```swift
    /// try await tables.create(TableModel(name: "recent"), asSelect: "select * from orders where day > '2026-01-01'")
    /// ```
    /// Only the model's name, columns and clustering key are sent.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tables:as-select?createMode=&copyGrants=&query=`
    @discardableResult
    public func create(
        _ model: TableModel, asSelect query: String, mode: CreateMode = .errorIfExists, copyGrants: Bool = false
    ) async throws -> TableResource {
        let body = TableAsSelectBody(name: model.name, columns: model.columns, clusterBy: model.clusterBy)
        try await sendCreate(
            path.action("as-select"), body: body, mode: mode, copyGrants: copyGrants, extra: [URLQueryItem(name: "query", value: query)])
        return self[model.name]
    }

    /// Creates a table whose columns come from a query over staged files
    /// (`CREATE TABLE ... USING TEMPLATE`, usually with `INFER_SCHEMA`).
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tables:using-template?createMode=&copyGrants=&query=`
    @discardableResult
    public func create(
        named name: String, usingTemplate query: String, mode: CreateMode = .errorIfExists, copyGrants: Bool = false
    ) async throws -> TableResource {
        try await sendCreate(
            path.action("using-template"), body: TableNameBody(name: name), mode: mode, copyGrants: copyGrants,
            extra: [URLQueryItem(name: "query", value: query)])
        return self[name]
    }

    /// Creates an empty table named `name` with the columns, constraints and clustering key
    /// of the table `source` of this schema (`CREATE TABLE ... LIKE`).
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tables/{source}:create-like?createMode=&copyGrants=`
    @discardableResult
    public func create(
        named name: String, like source: String, mode: CreateMode = .errorIfExists, copyGrants: Bool = false
    ) async throws -> TableResource {
        try await self[source].createLike(name, mode: mode, copyGrants: copyGrants)
    }

    /// Creates a table in this schema as a copy of `source` (a table of any schema), as it was
    /// at `pointOfTime` when given. The model names the copy and may set its properties.
    /// - Remark: HTTP `POST /api/v2/databases/{sourceDatabase}/schemas/{sourceSchema}/tables/{source}:clone?createMode=&copyGrants=&targetDatabase=&targetSchema=`
    @discardableResult
    public func create(
        _ model: TableModel, cloning source: TableResource, at pointOfTime: PointOfTime? = nil, mode: CreateMode = .errorIfExists,
        copyGrants: Bool = false
    ) async throws -> TableResource {
        try await source.clone(
            as: model, at: pointOfTime, mode: mode, copyGrants: copyGrants, targetDatabase: container.database,
            targetSchema: container.schema)
    }
}

extension ResourceReference where Family == TableModel {
    /// Creates an empty table named `name`, in this table's schema, with this table's
    /// columns, constraints and clustering key, and returns a reference to it.
    ///
    /// ```swift
    /// let empty = try await tables["orders"].createLike("orders_staging")
    /// ```
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tables/{name}:create-like?createMode=&copyGrants=`
    @discardableResult
    public func createLike(_ name: String, mode: CreateMode = .errorIfExists, copyGrants: Bool = false) async throws -> TableResource {
        try Family.checkPathSegments([name])
        try await perform(
            "create-like", query: CreateMode.query(mode, copyGrants: copyGrants),
            body: try client.encodeBody(TableNameBody(name: name)), idempotent: mode != .errorIfExists)
        return ResourceReference(client: client, container: container, name: name)
    }

    /// Creates a copy of this table, optionally as it was at a point in time, sending
    /// `copyGrants`; see ``ResourceReference/clone(as:at:mode:targetDatabase:targetSchema:)``.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tables/{name}:clone?createMode=&copyGrants=&targetDatabase=&targetSchema=`
    @discardableResult
    public func clone(
        as model: TableModel, at pointOfTime: PointOfTime? = nil, mode: CreateMode = .errorIfExists, copyGrants: Bool,
        targetDatabase: String? = nil, targetSchema: String? = nil
    ) async throws -> TableResource {
        try await sendClone(
            named: model.name, body: CloneRequest(model: model, pointOfTime: pointOfTime), mode: mode, copyGrants: copyGrants,
            targetDatabase: targetDatabase, targetSchema: targetSchema)
    }

    /// Swaps this table with another one: each takes the other's name (and schema), with its
    /// columns, data and properties.
    ///
    /// ```swift
    /// try await tables["orders_staging"].swapWith("orders")
    /// ```
    /// - Parameters:
    ///   - targetName: the other table's name.
    ///   - targetDatabase: the other table's database; this table's when nil.
    ///   - targetSchema: the other table's schema; this table's when nil.
    ///   - ifExists: when true, a missing table is not an error.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tables/{name}:swap-with?targetName=&targetDatabase=&targetSchema=&ifExists=`
    public func swapWith(_ targetName: String, targetDatabase: String? = nil, targetSchema: String? = nil, ifExists: Bool? = nil) async throws {
        try Family.checkPathSegments([targetName, targetDatabase, targetSchema])
        var query = [URLQueryItem(name: "targetName", value: targetName)]
        if let targetDatabase { query.append(URLQueryItem(name: "targetDatabase", value: targetDatabase)) }
        if let targetSchema { query.append(URLQueryItem(name: "targetSchema", value: targetSchema)) }
        if let ifExists { query.append(URLQueryItem(name: "ifExists", value: String(ifExists))) }
        try await perform("swap-with", query: query)
    }

    /// Suspends automatic clustering of this table (it needs a clustering key).
    /// - Parameter ifExists: when true, a missing table is not an error.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tables/{name}:suspend-recluster?ifExists=`
    public func suspendRecluster(ifExists: Bool? = nil) async throws {
        try await perform("suspend-recluster", query: Self.ifExistsQuery(ifExists), idempotent: true)
    }

    /// Resumes automatic clustering of this table (it needs a clustering key).
    /// - Parameter ifExists: when true, a missing table is not an error.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tables/{name}:resume-recluster?ifExists=`
    public func resumeRecluster(ifExists: Bool? = nil) async throws {
        try await perform("resume-recluster", query: Self.ifExistsQuery(ifExists), idempotent: true)
    }

    private static func ifExistsQuery(_ ifExists: Bool?) -> [URLQueryItem] {
        ifExists.map { [URLQueryItem(name: "ifExists", value: String($0))] } ?? []
    }
}

/// The body of `tables:as-select` (`TableAsSelect`).
struct TableAsSelectBody: Encodable {
    let name: String
    let columns: [TableColumn]?
    let clusterBy: [String]?

    private enum CodingKeys: String, CodingKey {
        case name, columns
        case clusterBy = "cluster_by"
    }
}

/// The body of `:create-like` and `tables:using-template` (`TableLike`, `TableUsingTemplate`).
struct TableNameBody: Encodable {
    let name: String
}
