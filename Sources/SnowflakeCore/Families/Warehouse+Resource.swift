import Foundation
import SnowflakeModels

/// A reference to a warehouse, as `snowflake.core` names it.
public typealias WarehouseResource = ResourceReference<WarehouseModel>
/// The warehouses of the account, as `snowflake.core` names it.
public typealias WarehouseCollection = ResourceCollection<WarehouseModel>

extension Root {
    /// The account's warehouses.
    public var warehouses: WarehouseCollection { collection(WarehouseModel.self) }
}

extension ResourceReference where Family == WarehouseModel {
    /// Aborts every statement running or queued on the warehouse.
    /// - Parameter ifExists: when true, a missing warehouse is not an error.
    /// - Remark: HTTP `POST /api/v2/warehouses/{name}:abort?ifExists=`
    public func abortAllQueries(ifExists: Bool? = nil) async throws {
        try await perform("abort", query: Self.ifExistsQuery(ifExists), idempotent: true)
    }

    /// Renames the warehouse and returns a reference to it under its new name (this reference
    /// keeps naming the old one).
    ///
    /// ```swift
    /// let renamed = try await root.warehouses["etl_wh"].rename(to: "loading_wh")
    /// ```
    /// - Parameter ifExists: when true, a missing warehouse is not an error.
    /// - Remark: HTTP `POST /api/v2/warehouses/{name}:rename?ifExists=` with body `{"name": newName}`
    @discardableResult
    public func rename(to newName: String, ifExists: Bool? = nil) async throws -> WarehouseResource {
        try Family.checkPathSegments([newName])
        try await perform("rename", query: Self.ifExistsQuery(ifExists), body: try client.encodeBody(WarehouseModel(name: newName)))
        return ResourceReference(client: client, container: container, name: newName)
    }

    /// Makes the warehouse the session's current warehouse.
    /// - Remark: HTTP `POST /api/v2/warehouses/{name}:use`
    public func use() async throws {
        try await perform("use", idempotent: true)
    }

    /// Enables the warehouse (an adaptive warehouse).
    /// - Parameter ifExists: when true, a missing warehouse is not an error.
    /// - Remark: HTTP `POST /api/v2/warehouses/{name}:enable?ifExists=`
    public func enable(ifExists: Bool? = nil) async throws {
        try await perform("enable", query: Self.ifExistsQuery(ifExists), idempotent: true)
    }

    /// Disables the warehouse (an adaptive warehouse).
    /// - Parameter ifExists: when true, a missing warehouse is not an error.
    /// - Remark: HTTP `POST /api/v2/warehouses/{name}:disable?ifExists=`
    public func disable(ifExists: Bool? = nil) async throws {
        try await perform("disable", query: Self.ifExistsQuery(ifExists), idempotent: true)
    }

    private static func ifExistsQuery(_ ifExists: Bool?) -> [URLQueryItem] {
        ifExists.map { [URLQueryItem(name: "ifExists", value: String($0))] } ?? []
    }
}
