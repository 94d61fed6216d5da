import Foundation
import SnowflakeModels

/// The calling session (`root.session`): its defaults, as `USE DATABASE`, `USE SCHEMA`,
/// `USE WAREHOUSE`, `USE ROLE` and `USE SECONDARY ROLES` set them, and its effective
/// parameters. With a password login the session is the login's; with a bearer token it is the
/// token's. A role in the connection (`X-Snowflake-Role`) overrides the session's role per call.
///
/// ```swift
/// try await root.session.useDatabase("sales")          // and PUBLIC as its schema
/// let schema = try await root.session.defaultSchema()  // "PUBLIC"
/// let zone = try await root.session.parameters(like: "TIMEZONE").first?.value
/// ```
public struct SessionOperations: Sendable {
    let client: RESTClient

    /// The session's database, or nil.
    /// - Remark: HTTP `GET /api/v2/session/default-database`
    public func defaultDatabase() async throws -> String? { try await read("default-database") }
    /// The session's schema, or nil.
    /// - Remark: HTTP `GET /api/v2/session/default-schema`
    public func defaultSchema() async throws -> String? { try await read("default-schema") }
    /// The session's warehouse, or nil.
    /// - Remark: HTTP `GET /api/v2/session/default-warehouse`
    public func defaultWarehouse() async throws -> String? { try await read("default-warehouse") }
    /// The session's primary role.
    /// - Remark: HTTP `GET /api/v2/session/default-role`
    public func defaultRole() async throws -> String? { try await read("default-role") }

    /// Makes `database` (and its `PUBLIC` schema) the session's.
    /// - Remark: HTTP `PUT /api/v2/session/default-database`
    public func useDatabase(_ database: String) async throws { try await write("default-database", database) }
    /// Makes `schema` (`schema`, or `database.schema`) the session's.
    /// - Remark: HTTP `PUT /api/v2/session/default-schema`
    public func useSchema(_ schema: String) async throws { try await write("default-schema", schema) }
    /// Makes `warehouse` the session's.
    /// - Remark: HTTP `PUT /api/v2/session/default-warehouse`
    public func useWarehouse(_ warehouse: String) async throws { try await write("default-warehouse", warehouse) }
    /// Makes `role` the session's primary role; it must be granted to the user.
    /// - Remark: HTTP `PUT /api/v2/session/default-role`
    public func useRole(_ role: String) async throws { try await write("default-role", role) }

    /// The session's secondary roles.
    /// - Remark: HTTP `GET /api/v2/session/secondary-roles`
    public func secondaryRoles() async throws -> CurrentSecondaryRoles {
        try await client.send("GET", APIPath(["session", "secondary-roles"]), as: CurrentSecondaryRoles.self)
    }

    /// Uses every granted role as a secondary role (`true`), or none.
    /// - Remark: HTTP `PUT /api/v2/session/secondary-roles`
    public func useSecondaryRoles(all: Bool) async throws {
        _ = try await client.send(
            "PUT", APIPath(["session", "secondary-roles"]), body: try client.encodeBody(SecondaryRolesChoice(use: all)), idempotent: true)
    }

    /// The session's effective parameters whose names match `like` (`%` any run, `_` one character).
    /// - Remark: HTTP `GET /api/v2/session/parameters/effective?like=`
    public func parameters(like: String? = nil) async throws -> [SessionParameter] {
        try await client.send(
            "GET", APIPath(["session", "parameters", "effective"]),
            query: like.map { [URLQueryItem(name: "like", value: $0)] } ?? [], as: [SessionParameter].self)
    }

    private func read(_ what: String) async throws -> String? {
        try await client.send("GET", APIPath(["session", what]), as: DefaultResult.self).sessionDefault
    }

    private func write(_ what: String, _ name: String) async throws {
        _ = try await client.send("PUT", APIPath(["session", what]), body: try client.encodeBody(NamedDefault(name: name)), idempotent: true)
    }
}

extension Root {
    /// The calling session: its defaults and parameters.
    public var session: SessionOperations { SessionOperations(client: client) }
}
