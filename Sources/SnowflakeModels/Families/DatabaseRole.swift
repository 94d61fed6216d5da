import Foundation

// MARK: Model

/// A database role (`DatabaseRole` in the REST API v2 and in `snowflake.core`): a role that
/// lives in a database and can hold privileges on the objects inside it.
///
/// ```swift
/// try await root.databases["sales"].databaseRoles.create(DatabaseRoleModel(name: "reader"))
/// ```
public struct DatabaseRoleModel: Codable, Hashable, Sendable {
    /// The database role's name.
    public var name: String
    /// A comment.
    public var comment: String?

    /// When the database role was created.
    @ReadOnly public var createdOn: Date?
    /// How many account roles this database role is granted to.
    @ReadOnly public var grantedToRoles: Int?
    /// How many database roles this database role is granted to.
    @ReadOnly public var grantedToDatabaseRoles: Int?
    /// How many database roles are granted to this database role.
    @ReadOnly public var grantedDatabaseRoles: Int?
    /// The role that owns the database role.
    @ReadOnly public var owner: String?
    /// The kind of the owner.
    @ReadOnly public var ownerRoleType: String?

    /// A database role definition.
    public init(name: String, comment: String? = nil) {
        self.name = name
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, comment
        case createdOn = "created_on"
        case grantedToRoles = "granted_to_roles"
        case grantedToDatabaseRoles = "granted_to_database_roles"
        case grantedDatabaseRoles = "granted_database_roles"
        case owner
        case ownerRoleType = "owner_role_type"
    }
}

// MARK: Descriptor

extension DatabaseRoleModel: DatabaseObject, Cloneable, GrantHolder, NotFetchable, Taggable, ReportsOwnerRoleType {
    /// The family's descriptor. The API lists database roles and has no fetch.
    public static let descriptor = ResourceDescriptor(
        family: "database-role", objectKind: "Database role", collectionPath: "database-roles", listFilters: [.showLimit, .fromName],
        securableType: "DATABASE ROLE",
        columns: ["name", "comment", "owner", "granted_to_roles", "granted_to_database_roles", "granted_database_roles", "created_on"])
}
