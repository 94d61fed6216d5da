import Foundation
import SnowflakeModels

/// Users: passwords kept only as salted hashes (never returned), RSA public keys checked and
/// fingerprinted as Snowflake shows them, defaults filled in, and authentication's view of the
/// user refreshed when a change commits.
struct UserBehaviour: FamilyBehaviour {
    typealias Family = UserModel

    func prepare(_ model: inout UserModel, serverState: inout [String: JSONValue], existing: StoredObject<UserModel>?, context: StoreContext) throws {
        let name = try Identifier.resolve(model.name)
        if let password = model.password {
            guard !password.isEmpty else { throw EmulatorError.badRequest("The password cannot be empty.") }
            serverState["password_hash"] = .string(PasswordHash.make(password))
            model.passwordLastSet = context.now
            model.password = nil
        } else if let existing {
            model.passwordLastSet = existing.model.passwordLastSet
        }
        model.hasPassword = serverState["password_hash"] != nil
        model.rsaPublicKeyFP = try Self.fingerprint(model.rsaPublicKey, field: "rsa_public_key")
        model.rsaPublicKey2FP = try Self.fingerprint(model.rsaPublicKey2, field: "rsa_public_key_2")
        model.hasRsaPublicKey = model.rsaPublicKey != nil || model.rsaPublicKey2 != nil
        if let roles = model.defaultSecondaryRoles {
            let upper = roles.uppercased()
            guard upper == "ALL" || upper == "NONE" || upper == "[\"ALL\"]" || upper == "[]" else {
                throw EmulatorError.badRequest("default_secondary_roles must be ALL or NONE, not '\(roles)'.")
            }
            model.defaultSecondaryRoles = upper.contains("ALL") ? "ALL" : "NONE"
        }
        if let type = model.type {
            guard ["PERSON", "SERVICE", "LEGACY_SERVICE"].contains(type.uppercased()) else {
                throw EmulatorError.badRequest("type must be PERSON, SERVICE or LEGACY_SERVICE, not '\(type)'.")
            }
            model.type = type.uppercased()
        }
        if let role = model.defaultRole { model.defaultRole = Identifier.displayName(forCanonical: try canonical(role, field: "default_role")) }
        model.loginName = (model.loginName ?? name).uppercased()
        model.displayName = model.displayName ?? Identifier.displayName(forCanonical: name)
        model.disabled = model.disabled ?? false
        model.mustChangePassword = model.mustChangePassword ?? false
        model.snowflakeLock = false
        model.extAuthnDuo = false
        model.lastSuccessfulLogin = existing?.model.lastSuccessfulLogin
        if existing != nil { refreshAuthentication(of: name, context: context) }
    }

    func didCreate(_ object: StoredObject<UserModel>, context: StoreContext) throws {
        refreshAuthentication(of: object.canonicalName, context: context)
    }

    func didDrop(_ object: StoredObject<UserModel>, purgeAfter: Date, context: StoreContext) throws {
        try context.db.execute(sql: "DELETE FROM access_tokens WHERE user_name = ?", arguments: [object.canonicalName])
        try context.services.sessions.closeAll(user: object.canonicalName, in: context.db)
        refreshAuthentication(of: object.canonicalName, context: context)
    }

    func subresource(_ path: [String], of object: StoredObject<UserModel>, context: StoreContext) throws -> APIResponse? {
        try GranteeEndpoints.user.read(path, grantee: Grantee(kind: .user, name: object.canonicalName), owner: object.model.owner, context: context)
    }

    func changeSubresource(_ path: [String], of object: StoredObject<UserModel>, context: StoreContext) throws -> APIResponse? {
        try GranteeEndpoints.user.change(path, grantee: Grantee(kind: .user, name: object.canonicalName), context: context)
    }

    /// Makes authentication read the user afresh once the transaction commits.
    private func refreshAuthentication(of name: String, context: StoreContext) {
        let services = context.services
        context.db.afterNextTransaction { _ in
            services.users.invalidate(name)
            services.tokens.forgetAll()
        }
    }

    private func canonical(_ name: String, field: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.badRequest("\(field) '\(name)' is not a valid identifier.") }
    }

    static func fingerprint(_ key: String?, field: String) throws -> String? {
        guard let key else { return nil }
        do {
            return RSAPublicKeys.fingerprint(try RSAPublicKeys.parse(key))
        } catch {
            throw EmulatorError.badRequest("\(field) is not an RSA public key (PEM, with or without its header lines, at least 2048 bits).")
        }
    }
}
