import Foundation
import SnowflakeModels

/// A reference to a dynamic table, as `snowflake.core` names it.
public typealias DynamicTableResource = ResourceReference<DynamicTableModel>
/// The dynamic tables of a schema, as `snowflake.core` names it.
public typealias DynamicTableCollection = ResourceCollection<DynamicTableModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's dynamic tables.
    public var dynamicTables: DynamicTableCollection { collection(DynamicTableModel.self) }
}

extension ResourceCollection where Family == DynamicTableModel {
    /// The schema's dynamic tables; with `deep`, each comes with its columns.
    /// - Remark: HTTP `GET /api/v2/databases/{database}/schemas/{schema}/dynamic-tables?deep=`
    public func list(
        like: String? = nil, startsWith: String? = nil, showLimit: Int? = nil, fromName: String? = nil, deep: Bool
    ) -> ResourceListing<DynamicTableModel> {
        list(ListOptions(like: like, startsWith: startsWith, showLimit: showLimit, fromName: fromName, deep: deep))
    }
}

extension ResourceReference where Family == DynamicTableModel {
    /// Asks for a refresh now. The emulator records the request (it runs no SQL, so it
    /// computes no rows).
    /// - Parameter ifExists: when true, a missing dynamic table is not an error.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/dynamic-tables/{name}:refresh?ifExists=`
    public func refresh(ifExists: Bool? = nil) async throws {
        try await perform("refresh", query: Self.ifExistsQuery(ifExists))
    }

    /// Suspends automatic clustering of the table.
    /// - Parameter ifExists: when true, a missing dynamic table is not an error.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/dynamic-tables/{name}:suspend-recluster?ifExists=`
    public func suspendRecluster(ifExists: Bool? = nil) async throws {
        try await perform("suspend-recluster", query: Self.ifExistsQuery(ifExists), idempotent: true)
    }

    /// Resumes automatic clustering of the table.
    /// - Parameter ifExists: when true, a missing dynamic table is not an error.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/dynamic-tables/{name}:resume-recluster?ifExists=`
    public func resumeRecluster(ifExists: Bool? = nil) async throws {
        try await perform("resume-recluster", query: Self.ifExistsQuery(ifExists), idempotent: true)
    }

    /// Swaps this dynamic table with another one: each takes the other's name (and place).
    ///
    /// ```swift
    /// try await schema.dynamicTables["totals_next"].swap(with: "totals")
    /// ```
    /// - Parameters:
    ///   - targetName: the other dynamic table.
    ///   - targetDatabase: its database; this table's when nil.
    ///   - targetSchema: its schema; this table's when nil.
    ///   - ifExists: when true, a missing dynamic table (this one) is not an error.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/dynamic-tables/{name}:swap-with?targetName=&targetDatabase=&targetSchema=&ifExists=`
    public func swap(with targetName: String, targetDatabase: String? = nil, targetSchema: String? = nil, ifExists: Bool? = nil) async throws {
        try Family.checkPathSegments([targetName, targetDatabase, targetSchema])
        var query = [URLQueryItem(name: "targetName", value: targetName)]
        if let targetDatabase { query.append(URLQueryItem(name: "targetDatabase", value: targetDatabase)) }
        if let targetSchema { query.append(URLQueryItem(name: "targetSchema", value: targetSchema)) }
        query += Self.ifExistsQuery(ifExists)
        try await perform("swap-with", query: query)
    }

    /// Creates a copy of this dynamic table (same query and columns), optionally with another
    /// target lag or warehouse, or as it was at a point in time, and returns a reference to it.
    ///
    /// ```swift
    /// let copy = try await schema.dynamicTables["totals"].clone(as: DynamicTableCloneRequest(name: "totals_dev", warehouse: "dev_wh"))
    /// ```
    /// - Parameters:
    ///   - request: the copy's name and what it changes.
    ///   - mode: what to do when an object with the copy's name exists.
    ///   - copyGrants: copy the source's grants to the copy.
    ///   - targetDatabase: the copy's database; this table's when nil.
    ///   - targetSchema: the copy's schema; this table's when nil.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/dynamic-tables/{name}:clone?createMode=&copyGrants=&targetDatabase=&targetSchema=`
    @discardableResult
    public func clone(
        as request: DynamicTableCloneRequest, mode: CreateMode = .errorIfExists, copyGrants: Bool? = nil,
        targetDatabase: String? = nil, targetSchema: String? = nil
    ) async throws -> DynamicTableResource {
        try await sendClone(
            named: request.name, body: request, mode: mode, copyGrants: copyGrants, targetDatabase: targetDatabase,
            targetSchema: targetSchema)
    }

    private static func ifExistsQuery(_ ifExists: Bool?) -> [URLQueryItem] {
        ifExists.map { [URLQueryItem(name: "ifExists", value: String($0))] } ?? []
    }
}
