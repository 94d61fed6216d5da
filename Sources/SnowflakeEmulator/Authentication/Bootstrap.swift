import Foundation
import SnowflakeModels

/// What a fresh data directory gets: Snowflake's system roles and their hierarchy, and an
/// administrator holding ACCOUNTADMIN. Each start adds what is missing, so older data
/// directories gain the roles too.
enum Bootstrap {
    /// The role the administrator owns objects with.
    static let adminRole = "ACCOUNTADMIN"

    /// Creates the administrator unless it exists; sets its password when one is given.
    static func ensureAdmin(services: EmulatorServices, user: String, password: String?) async throws {
        let now = services.configuration.clock.now()
        try await services.store.write { db in
            let request = APIRequest(
                method: "POST", path: "bootstrap", query: [:], body: Data(), principal: Principal(user: user, role: adminRole),
                requestID: "bootstrap", services: services, now: now)
            let context = StoreContext(db: db, now: now, request: request, container: ResolvedContainer())
            guard let endpoint = services.registry.endpoint(family: UserModel.descriptor.family) else { return }
            try ensureSystemRoles(context: context)
            if let record = try db.liveObject(ObjectKey(family: UserModel.descriptor.family, name: user)) {
                try GrantEngine(context: context).grantRole(GrantTarget(type: "ROLE", name: adminRole), to: Grantee(kind: .user, name: user))
                guard let password else { return }
                var admin = try StoredObject<UserModel>(record: record)
                admin.serverState["password_hash"] = .string(PasswordHash.make(password))
                admin.model.hasPassword = true
                admin.model.passwordLastSet = now
                try admin.save(in: db)
                return
            }
            try GrantEngine(context: context).grantRole(GrantTarget(type: "ROLE", name: adminRole), to: Grantee(kind: .user, name: user))
            var definition: [String: JSONValue] = [
                "name": .string(Identifier.spelling(forCanonical: user)), "default_role": .string(adminRole),
                "comment": "Administrator created by the emulator",
            ]
            if let password { definition["password"] = .string(password) }
            try endpoint.insertDefault(definition, database: "", schema: "", owner: adminRole, context: context)
        }
        services.users.invalidate(user)
    }

    /// Creates the system roles that do not exist, and grants them as Snowflake's hierarchy has
    /// them (SYSADMIN and SECURITYADMIN to ACCOUNTADMIN, USERADMIN to SECURITYADMIN).
    static func ensureSystemRoles(context: StoreContext) throws {
        guard let endpoint = context.registry.endpoint(family: RoleModel.descriptor.family) else { return }
        for role in RoleBehaviour.systemRoles where try !context.db.liveObjectExists(ObjectKey(family: RoleModel.descriptor.family, name: role.name)) {
            try endpoint.insertDefault(["name": .string(role.name), "comment": .string(role.comment)], database: "", schema: "", owner: "", context: context)
        }
        let engine = GrantEngine(context: context)
        for (granted, holder) in RoleBehaviour.systemHierarchy {
            try engine.grantRole(GrantTarget(type: "ROLE", name: granted), to: Grantee(kind: .role, name: holder))
        }
    }
}
