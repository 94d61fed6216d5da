import Foundation
import SnowflakeModels

/// Account roles: the system roles exist from the bootstrap and cannot be dropped; grants to,
/// of and on a role are served below it; SHOW ROLES' counts and flags are worked out for the
/// caller from the grants.
struct RoleBehaviour: FamilyBehaviour {
    typealias Family = RoleModel

    /// Snowflake's system roles, with the comments SHOW ROLES gives them.
    static let systemRoles: [(name: String, comment: String)] = [
        ("ORGADMIN", "Organization administrator can manage organization-level objects such as accounts."),
        ("ACCOUNTADMIN", "Account administrator can manage all aspects of the account."),
        ("SECURITYADMIN", "Security administrator can manage security aspects of the account."),
        ("USERADMIN", "User administrator can create and manage users and roles."),
        ("SYSADMIN", "System administrator can create and manage databases and warehouses."),
        ("PUBLIC", "Public role is automatically available to every user in the account."),
    ]

    /// The system hierarchy: each pair is (granted role, holder).
    static let systemHierarchy: [(String, String)] = [("SYSADMIN", "ACCOUNTADMIN"), ("SECURITYADMIN", "ACCOUNTADMIN"), ("USERADMIN", "SECURITYADMIN")]

    func prepare(_ model: inout RoleModel, serverState: inout [String: JSONValue], existing: StoredObject<RoleModel>?, context: StoreContext) throws {
        model.comment = model.comment ?? ""
    }

    func willDrop(_ object: StoredObject<RoleModel>, context: StoreContext) throws {
        if Self.systemRoles.contains(where: { $0.name == object.canonicalName }) {
            throw EmulatorError.badRequest("Role \(object.canonicalName) is a system role and cannot be dropped or replaced.", code: "003001")
        }
    }

    var changesWithTime: Bool { true }

    func present(_ object: StoredObject<RoleModel>, context: StoreContext) throws -> RoleModel {
        var model = object.model
        if model.owner == "" { model.owner = nil }  // the system roles have no owner
        let engine = GrantEngine(context: context)
        let name = object.canonicalName
        model.assignedToUsers = try engine.count("securable_type = 'ROLE' AND securable_name = ? AND grantee_type = 'USER'", [name])
        model.grantedToRoles = try engine.count("securable_type = 'ROLE' AND securable_name = ? AND grantee_type = 'ROLE'", [name])
        model.grantedRoles = try engine.count("grantee_type = 'ROLE' AND grantee_name = ? AND securable_type = 'ROLE'", [name])
        let principal = context.request.principal
        model.isCurrent = principal.role == name
        model.isDefault = try context.services.users.defaultRole(of: principal.user, in: context.db) == name
        let current = GrantTarget(type: "ROLE", name: principal.role)
        let inherits = try engine.rolesHeld(by: current).contains(GrantTarget(type: "ROLE", name: name))
        model.isInherited = model.isCurrent == false && (name == "PUBLIC" || inherits)
        return model
    }

    func subresource(_ path: [String], of object: StoredObject<RoleModel>, context: StoreContext) throws -> APIResponse? {
        try GranteeEndpoints.role.read(path, grantee: Grantee(kind: .role, name: object.canonicalName), owner: object.model.owner, context: context)
    }

    func changeSubresource(_ path: [String], of object: StoredObject<RoleModel>, context: StoreContext) throws -> APIResponse? {
        try GranteeEndpoints.role.change(path, grantee: Grantee(kind: .role, name: object.canonicalName), context: context)
    }
}
