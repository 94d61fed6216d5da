import Foundation

// MARK: Model

/// An account role (`Role` in the REST API v2 and in `snowflake.core`).
///
/// ```swift
/// try await root.roles.create(RoleModel(name: "analyst", comment: "reads the marts"))
/// try await root.roles["analyst"].grantPrivileges(["USAGE"], on: .database("sales"))
/// ```
public struct RoleModel: Codable, Hashable, Sendable {
    /// The role's name.
    public var name: String
    /// A comment.
    public var comment: String?

    /// When the role was created.
    @ReadOnly public var createdOn: Date?
    /// The role that owns this role.
    @ReadOnly public var owner: String?
    /// Whether it is the calling user's default role.
    @ReadOnly public var isDefault: Bool?
    /// Whether it is the calling session's current role.
    @ReadOnly public var isCurrent: Bool?
    /// Whether the calling session's role inherits this role.
    @ReadOnly public var isInherited: Bool?
    /// How many users this role is granted to.
    @ReadOnly public var assignedToUsers: Int?
    /// How many roles this role is granted to.
    @ReadOnly public var grantedToRoles: Int?
    /// How many roles are granted to this role.
    @ReadOnly public var grantedRoles: Int?

    /// A role definition.
    public init(name: String, comment: String? = nil) {
        self.name = name
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, comment
        case createdOn = "created_on"
        case owner
        case isDefault = "is_default"
        case isCurrent = "is_current"
        case isInherited = "is_inherited"
        case assignedToUsers = "assigned_to_users"
        case grantedToRoles = "granted_to_roles"
        case grantedRoles = "granted_roles"
    }
}

// MARK: Descriptor

extension RoleModel: AccountObject, GrantHolder, NotFetchable, Taggable, OwnedObject {
    /// The family's descriptor. The API lists roles and has no fetch.
    public static let descriptor = ResourceDescriptor(
        family: "role", objectKind: "Role", collectionPath: "roles", listFilters: .show,
        columns: ["name", "comment", "owner", "assigned_to_users", "granted_to_roles", "granted_roles", "created_on"])
}
