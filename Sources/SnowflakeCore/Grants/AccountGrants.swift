import Foundation
import SnowflakeModels

/// Who receives a grant through `root.grants` (`Grantees` in `snowflake.core`).
public struct GrantRecipient: Sendable, Hashable {
    /// The path segment of the grantee type (`role`, `database-role`, `user`, ...).
    public var type: String
    /// The grantee's name (`db.role` for a database role).
    public var name: String

    /// An account role.
    public static func role(_ name: String) -> GrantRecipient { GrantRecipient(type: "role", name: name) }
    /// A database role, named `db.role`.
    public static func databaseRole(_ name: String) -> GrantRecipient { GrantRecipient(type: "database-role", name: name) }
    /// A user (it can receive roles only).
    public static func user(_ name: String) -> GrantRecipient { GrantRecipient(type: "user", name: name) }
    /// A share.
    public static func share(_ name: String) -> GrantRecipient { GrantRecipient(type: "share", name: name) }
    /// An application.
    public static func application(_ name: String) -> GrantRecipient { GrantRecipient(type: "application", name: name) }
    /// An application role.
    public static func applicationRole(_ name: String) -> GrantRecipient { GrantRecipient(type: "application-role", name: name) }
}

/// What a grant through `root.grants` is on (`Securables` in `snowflake.core`): one object, or
/// all (or future) objects of a type in a database or schema.
public struct GrantSecurable: Sendable, Hashable {
    /// The object type (`database`, `WAREHOUSE`, ...) or, for bulk grants, `ALL` / `FUTURE`.
    public var type: String
    /// The object's name (dotted for objects inside a database), or the plural type for bulk grants.
    public var name: String
    /// The scope of a bulk grant.
    public var scope: (type: String, name: String)?

    /// One object of a type: `GrantSecurable.object("WAREHOUSE", "etl_wh")`.
    public static func object(_ type: String, _ name: String) -> GrantSecurable { GrantSecurable(type: type, name: name) }
    /// The current account (`CREATE DATABASE` and other global privileges).
    public static let currentAccount = GrantSecurable(type: "account", name: "-")
    /// A database.
    public static func database(_ name: String) -> GrantSecurable { .object("database", name) }
    /// A schema, named `db.schema`.
    public static func schema(_ name: String) -> GrantSecurable { .object("schema", name) }
    /// A warehouse.
    public static func warehouse(_ name: String) -> GrantSecurable { .object("WAREHOUSE", name) }
    /// An account role.
    public static func role(_ name: String) -> GrantSecurable { .object("role", name) }
    /// A database role, named `db.role`.
    public static func databaseRole(_ name: String) -> GrantSecurable { .object("database role", name) }
    /// Every existing object of a plural type (`TABLES`, `SCHEMAS`) in a database (`db`) or schema (`db.schema`).
    public static func all(_ pluralType: String, inDatabase database: String) -> GrantSecurable {
        GrantSecurable(type: "ALL", name: pluralType, scope: ("database", database))
    }
    /// Every existing object of a plural type in a schema (`db.schema`).
    public static func all(_ pluralType: String, inSchema schema: String) -> GrantSecurable {
        GrantSecurable(type: "ALL", name: pluralType, scope: ("schema", schema))
    }
    /// Every object of a plural type created later in a database.
    public static func future(_ pluralType: String, inDatabase database: String) -> GrantSecurable {
        GrantSecurable(type: "FUTURE", name: pluralType, scope: ("database", database))
    }
    /// Every object of a plural type created later in a schema (`db.schema`).
    public static func future(_ pluralType: String, inSchema schema: String) -> GrantSecurable {
        GrantSecurable(type: "FUTURE", name: pluralType, scope: ("schema", schema))
    }

    public static func == (lhs: GrantSecurable, rhs: GrantSecurable) -> Bool {
        lhs.type == rhs.type && lhs.name == rhs.name && lhs.scope?.type == rhs.scope?.type && lhs.scope?.name == rhs.scope?.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(name)
        hasher.combine(scope?.type)
        hasher.combine(scope?.name)
    }

    /// The path segments after the grantee.
    var segments: [String] {
        guard let scope else { return [type, name] }
        return [type, name, scope.type, scope.name]
    }
}

/// The account-wide grants API (`root.grants`, `Grants` in `snowflake.core`): grant and revoke
/// privileges to any grantee, and list what a grantee holds.
///
/// ```swift
/// try await root.grants.grant(["USAGE", "CREATE SCHEMA"], on: .database("sales"), to: .role("analyst"), grantOption: true)
/// try await root.grants.grant(["SELECT"], on: .future("TABLES", inSchema: "sales.public"), to: .role("analyst"))
/// let held = try await root.grants.to(.role("analyst"))
/// ```
public struct AccountGrants: Sendable {
    let client: RESTClient

    /// Grants privileges (none for a role securable) to a grantee.
    /// - Remark: HTTP `POST /api/v2/grants/{granteeType}/{granteeName}/{securableType}/{securableName}/privileges`,
    ///   or `.../{ALL|FUTURE}/{PLURAL}/{scopeType}/{scopeName}/privileges`
    public func grant(_ privileges: [String], on securable: GrantSecurable, to grantee: GrantRecipient, grantOption: Bool = false) async throws {
        let path = APIPath(["grants", grantee.type, grantee.name] + securable.segments + ["privileges"])
        let body = try client.encodeBody(PrivilegeGrant(privileges: privileges, grantOption: grantOption))
        _ = try await client.send("POST", path, body: body, idempotent: true)
    }

    /// Revokes privileges, one request per privilege as the API has it; with `grantOptionOnly`,
    /// only the grant option.
    /// - Remark: HTTP `DELETE /api/v2/grants/.../privileges/{privilege}[/grant-option]?deleteMode=`
    public func revoke(
        _ privileges: [String], on securable: GrantSecurable, from grantee: GrantRecipient, grantOptionOnly: Bool = false,
        mode: RevokeMode = .restrict
    ) async throws {
        for privilege in privileges {
            var segments = ["grants", grantee.type, grantee.name] + securable.segments + ["privileges", privilege]
            if grantOptionOnly { segments.append("grant-option") }
            _ = try await client.send(
                "DELETE", APIPath(segments), query: [URLQueryItem(name: "deleteMode", value: mode.rawValue)], idempotent: true)
        }
    }

    /// What a grantee holds, one row per privilege.
    /// - Remark: HTTP `GET /api/v2/grants/{granteeType}/{granteeName}?showLimit=`
    public func to(_ grantee: GrantRecipient, showLimit: Int? = nil) async throws -> [PrivilegeGrant] {
        try await client.send(
            "GET", APIPath(["grants", grantee.type, grantee.name]),
            query: showLimit.map { [URLQueryItem(name: "showLimit", value: String($0))] } ?? [], as: [PrivilegeGrant].self)
    }
}

extension Root {
    /// Grants to any grantee on any object (`root.grants` in `snowflake.core`).
    public var grants: AccountGrants { AccountGrants(client: client) }
}
