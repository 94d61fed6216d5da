import Foundation
import SnowflakeModels

/// What a fresh data directory gets: an administrator.
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
            if let record = try db.liveObject(ObjectKey(family: UserModel.descriptor.family, name: user)) {
                guard let password else { return }
                var admin = try StoredObject<UserModel>(record: record)
                admin.serverState["password_hash"] = .string(PasswordHash.make(password))
                admin.model.hasPassword = true
                admin.model.passwordLastSet = now
                try admin.save(in: db)
                return
            }
            var definition: [String: JSONValue] = [
                "name": .string(Identifier.spelling(forCanonical: user)), "default_role": .string(adminRole),
                "comment": "Administrator created by the emulator",
            ]
            if let password { definition["password"] = .string(password) }
            try endpoint.insertDefault(definition, database: "", schema: "", owner: adminRole, context: context)
        }
        services.users.invalidate(user)
    }
}
