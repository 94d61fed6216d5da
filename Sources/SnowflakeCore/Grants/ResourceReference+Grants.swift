import Foundation
import SnowflakeModels

/// How a revoke treats grants the grantee made on with its grant option.
public enum RevokeMode: String, Sendable, CaseIterable {
    /// Refuse while dependent grants exist (Snowflake's default).
    case restrict
    /// Revoke the dependent grants too.
    case cascade
}

extension ResourceReference where Family: GrantHolder {
    /// Grants what `grant` describes to this role: privileges on one object, on every object of
    /// a type in a scope (`containingScope`), or a role (`securableType` `ROLE` or `DATABASE ROLE`).
    ///
    /// ```swift
    /// try await root.roles["analyst"].grant(GrantModel(securableType: "DATABASE", securable: Securable(name: "sales"),
    ///                                                  privileges: ["USAGE", "MONITOR"]))
    /// ```
    /// - Remark: HTTP `POST /api/v2/.../{name}/grants`
    public func grant(_ grant: GrantModel) async throws {
        try await post(["grants"], verb: nil, grant)
    }

    /// Revokes what `grant` describes; with `grantOption: true` in it, only the grant option.
    /// - Remark: HTTP `POST /api/v2/.../{name}/grants:revoke?mode=`
    public func revoke(_ grant: GrantModel, mode: RevokeMode? = nil) async throws {
        try await post(["grants"], verb: "revoke", grant, mode: mode)
    }

    /// Grants privileges on every object of a type created later in a scope.
    /// - Remark: HTTP `POST /api/v2/.../{name}/future-grants`
    public func grantFuture(_ grant: GrantModel) async throws {
        try await post(["future-grants"], verb: nil, grant)
    }

    /// Revokes future privileges (objects already created keep theirs).
    /// - Remark: HTTP `POST /api/v2/.../{name}/future-grants:revoke?mode=`
    public func revokeFuture(_ grant: GrantModel, mode: RevokeMode? = nil) async throws {
        try await post(["future-grants"], verb: "revoke", grant, mode: mode)
    }

    /// Grants a role (`type` `ROLE`) or database role (`DATABASE ROLE`) to this role.
    public func grantRole(_ role: Securable, type roleType: String = "ROLE") async throws {
        try await grant(GrantModel(securableType: roleType, securable: role))
    }

    /// Revokes a role or database role from this role.
    public func revokeRole(_ role: Securable, type roleType: String = "ROLE") async throws {
        try await revoke(GrantModel(securableType: roleType, securable: role))
    }

    /// Grants privileges on one object (`securable` nil for `ACCOUNT`).
    public func grantPrivileges(_ privileges: [String], on securableType: String, _ securable: Securable?, grantOption: Bool? = nil) async throws {
        try await grant(GrantModel(securableType: securableType, securable: securable, privileges: privileges, grantOption: grantOption))
    }

    /// Grants privileges on every existing object of a type in a database or schema.
    public func grantPrivilegesOnAll(_ privileges: [String], on securableType: String, in scope: ContainingScope, grantOption: Bool? = nil) async throws {
        try await grant(GrantModel(securableType: securableType, containingScope: scope, privileges: privileges, grantOption: grantOption))
    }

    /// Grants privileges on every object of a type created later in a database or schema.
    public func grantFuturePrivileges(_ privileges: [String], on securableType: String, in scope: ContainingScope, grantOption: Bool? = nil) async throws {
        try await grantFuture(GrantModel(securableType: securableType, containingScope: scope, privileges: privileges, grantOption: grantOption))
    }

    /// Revokes privileges on one object.
    public func revokePrivileges(_ privileges: [String], on securableType: String, _ securable: Securable?, mode: RevokeMode? = nil) async throws {
        try await revoke(GrantModel(securableType: securableType, securable: securable, privileges: privileges), mode: mode)
    }

    /// Revokes privileges on every existing object of a type in a scope.
    public func revokePrivilegesOnAll(_ privileges: [String], on securableType: String, in scope: ContainingScope, mode: RevokeMode? = nil) async throws {
        try await revoke(GrantModel(securableType: securableType, containingScope: scope, privileges: privileges), mode: mode)
    }

    /// Revokes future privileges of a type in a scope.
    public func revokeFuturePrivileges(_ privileges: [String], on securableType: String, in scope: ContainingScope, mode: RevokeMode? = nil) async throws {
        try await revokeFuture(GrantModel(securableType: securableType, containingScope: scope, privileges: privileges), mode: mode)
    }

    /// Revokes only the grant option of privileges on one object.
    public func revokeGrantOption(for privileges: [String], on securableType: String, _ securable: Securable?, mode: RevokeMode? = nil) async throws {
        try await revoke(GrantModel(securableType: securableType, securable: securable, privileges: privileges, grantOption: true), mode: mode)
    }

    /// The privileges and roles this role holds, one row per privilege (ownership included).
    /// - Remark: HTTP `GET /api/v2/.../{name}/grants?showLimit=`
    public func grantsTo(showLimit: Int? = nil) async throws -> [GrantModel] {
        try await get(["grants"], showLimit: showLimit, as: [GrantModel].self)
    }

    /// The future grants this role holds.
    /// - Remark: HTTP `GET /api/v2/.../{name}/future-grants?showLimit=`
    public func futureGrantsTo(showLimit: Int? = nil) async throws -> [GrantModel] {
        try await get(["future-grants"], showLimit: showLimit, as: [GrantModel].self)
    }
}

extension ResourceReference where Family == RoleModel {
    /// The users and roles this role is granted to.
    /// - Remark: HTTP `GET /api/v2/roles/{name}/grants-of?showLimit=`
    public func grantsOf(showLimit: Int? = nil) async throws -> [GrantOfModel] {
        try await get(["grants-of"], showLimit: showLimit, as: [GrantOfModel].self)
    }

    /// The privileges on this role itself (its ownership).
    /// - Remark: HTTP `GET /api/v2/roles/{name}/grants-on?showLimit=`
    public func grantsOn(showLimit: Int? = nil) async throws -> [GrantOnModel] {
        try await get(["grants-on"], showLimit: showLimit, as: [GrantOnModel].self)
    }
}

extension ResourceReference where Family == UserModel {
    /// Grants an account role to this user.
    /// - Remark: HTTP `POST /api/v2/users/{name}/grants`
    public func grantRole(_ role: String) async throws {
        try await post(["grants"], verb: nil, GrantModel(securableType: "ROLE", securable: Securable(name: role)))
    }

    /// Revokes an account role from this user.
    /// - Remark: HTTP `POST /api/v2/users/{name}/grants:revoke`
    public func revokeRole(_ role: String) async throws {
        try await post(["grants"], verb: "revoke", GrantModel(securableType: "ROLE", securable: Securable(name: role)))
    }

    /// The roles granted to this user.
    /// - Remark: HTTP `GET /api/v2/users/{name}/grants?showLimit=`
    public func grantsTo(showLimit: Int? = nil) async throws -> [GrantModel] {
        try await get(["grants"], showLimit: showLimit, as: [GrantModel].self)
    }
}

extension ResourceReference {
    fileprivate func post(_ below: [String], verb: String?, _ grant: GrantModel, mode: RevokeMode? = nil) async throws {
        try checkPath()
        var target = path
        for segment in below { target = target.appending(segment) }
        if let verb { target = target.action(verb) }
        _ = try await client.send(
            "POST", target, query: mode.map { [URLQueryItem(name: "mode", value: $0.rawValue)] } ?? [],
            body: try client.encodeBody(grant), idempotent: true)
    }

    fileprivate func get<Result: Decodable>(_ below: [String], showLimit: Int?, as type: Result.Type) async throws -> Result {
        try checkPath()
        var target = path
        for segment in below { target = target.appending(segment) }
        return try await client.send(
            "GET", target, query: showLimit.map { [URLQueryItem(name: "showLimit", value: String($0))] } ?? [], as: type)
    }
}
