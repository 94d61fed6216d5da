import Foundation

// The wire types of grants: the body of `POST /roles/{name}/grants` (and of database roles and
// users), the rows of their listings, and the rows of `GET /grants/{granteeType}/{granteeName}`.

/// One object a grant is on: `{database, schema, service, name}`, parts as written.
public struct Securable: Codable, Hashable, Sendable {
    /// The database, for objects inside one (and database roles).
    public var database: String?
    /// The schema, for objects inside one.
    public var schema: String?
    /// The service, for service roles.
    public var service: String?
    /// The object's own name.
    public var name: String

    /// A securable.
    public init(database: String? = nil, schema: String? = nil, service: String? = nil, name: String) {
        self.database = database
        self.schema = schema
        self.service = service
        self.name = name
    }
}

/// The database, or schema, whose objects a bulk or future grant covers.
public struct ContainingScope: Codable, Hashable, Sendable {
    /// The database.
    public var database: String
    /// The schema; the whole database when nil.
    public var schema: String?

    /// A scope.
    public init(database: String, schema: String? = nil) {
        self.database = database
        self.schema = schema
    }
}

/// A grant to a role, database role or user (`Grant` in the roles', database roles' and users'
/// specs): privileges on one securable or on every object of a type in a scope, or a role.
///
/// ```swift
/// GrantModel(securableType: "DATABASE", securable: Securable(name: "sales"), privileges: ["USAGE"])
/// GrantModel(securableType: "ROLE", securable: Securable(name: "analyst"))     // a role grant
/// ```
public struct GrantModel: Codable, Hashable, Sendable {
    /// The object granted on, when it is one object.
    public var securable: Securable?
    /// The scope, for grants on all (or future) objects of a type.
    public var containingScope: ContainingScope?
    /// The type of the securable (`DATABASE`, `TABLE`, `ROLE`, `DATABASE ROLE`, ...).
    public var securableType: String
    /// Whether the grantee may grant the privileges on.
    public var grantOption: Bool?
    /// The privileges (`USAGE`, `SELECT`, `ALL`, ...); none for a role grant.
    public var privileges: [String]?

    /// When the grant was made.
    @ReadOnly public var createdOn: Date?
    /// The role that made the grant.
    @ReadOnly public var grantedBy: String?

    /// A grant.
    public init(
        securableType: String, securable: Securable? = nil, containingScope: ContainingScope? = nil,
        privileges: [String]? = nil, grantOption: Bool? = nil
    ) {
        self.securable = securable
        self.containingScope = containingScope
        self.securableType = securableType
        self.grantOption = grantOption
        self.privileges = privileges
    }

    private enum CodingKeys: String, CodingKey {
        case securable
        case containingScope = "containing_scope"
        case securableType = "securable_type"
        case grantOption = "grant_option"
        case privileges
        case createdOn = "created_on"
        case grantedBy = "granted_by"
    }
}

/// Who holds a role (`GrantOf`): one row of `GET /roles/{name}/grants-of`.
public struct GrantOfModel: Codable, Hashable, Sendable {
    /// When the role was granted.
    @ReadOnly public var createdOn: Date?
    /// The role.
    @ReadOnly public var role: String?
    /// `USER` or `ROLE`.
    @ReadOnly public var grantedTo: String?
    /// The user or role holding it.
    @ReadOnly public var granteeName: String?
    /// The role that granted it.
    @ReadOnly public var grantedBy: String?

    /// An empty row (every field is server-filled).
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case createdOn = "created_on"
        case role
        case grantedTo = "granted_to"
        case granteeName = "grantee_name"
        case grantedBy = "granted_by"
    }
}

/// A privilege on a role itself (`GrantOn`): one row of `GET /roles/{name}/grants-on`.
public struct GrantOnModel: Codable, Hashable, Sendable {
    /// When the privilege was granted.
    @ReadOnly public var createdOn: Date?
    /// The privilege (`OWNERSHIP`, ...).
    @ReadOnly public var privilege: String?
    /// The object type, `ROLE`.
    @ReadOnly public var grantedOn: String?
    /// The role's name.
    @ReadOnly public var name: String?
    /// The kind of the grantee (`ROLE`).
    @ReadOnly public var grantedTo: String?
    /// The grantee's name.
    @ReadOnly public var granteeName: String?
    /// `true` or `false`: whether the grantee may grant it on.
    @ReadOnly public var grantOption: String?
    /// The role that granted it.
    @ReadOnly public var grantedBy: String?
    /// The kind of that role.
    @ReadOnly public var grantedByRoleType: String?

    /// An empty row (every field is server-filled).
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case createdOn = "created_on"
        case privilege
        case grantedOn = "granted_on"
        case name
        case grantedTo = "granted_to"
        case granteeName = "grantee_name"
        case grantOption = "grant_option"
        case grantedBy = "granted_by"
        case grantedByRoleType = "granted_by_role_type"
    }
}

/// A grant as the account-wide grants API shows it (`Grant` in `grant.yaml`): the body of
/// `POST /grants/...` (privileges and grant option) and a row of `GET /grants/{type}/{name}`.
public struct PrivilegeGrant: Codable, Hashable, Sendable {
    /// The privileges.
    public var privileges: [String]?
    /// Whether the grantee may grant them on.
    public var grantOption: Bool?
    /// When the grant was made.
    public var createdOn: Date?
    /// The kind of grantee (`ROLE`, `DATABASE_ROLE`, `USER`, ...).
    public var granteeType: String?
    /// The grantee's name.
    public var granteeName: String?
    /// The type of the object granted on.
    public var securableType: String?
    /// The name of the object granted on.
    public var securableName: String?
    /// The kind of the role that granted it.
    public var grantedByRoleType: String?
    /// The role that granted it.
    public var grantedByName: String?

    /// A grant body, or a row.
    public init(
        privileges: [String]? = nil, grantOption: Bool? = nil, createdOn: Date? = nil, granteeType: String? = nil,
        granteeName: String? = nil, securableType: String? = nil, securableName: String? = nil,
        grantedByRoleType: String? = nil, grantedByName: String? = nil
    ) {
        self.privileges = privileges
        self.grantOption = grantOption
        self.createdOn = createdOn
        self.granteeType = granteeType
        self.granteeName = granteeName
        self.securableType = securableType
        self.securableName = securableName
        self.grantedByRoleType = grantedByRoleType
        self.grantedByName = grantedByName
    }

    private enum CodingKeys: String, CodingKey {
        case privileges
        case grantOption = "grant_option"
        case createdOn = "created_on"
        case granteeType = "grantee_type"
        case granteeName = "grantee_name"
        case securableType = "securable_type"
        case securableName = "securable_name"
        case grantedByRoleType = "granted_by_role_type"
        case grantedByName = "granted_by_name"
    }
}
