import Foundation
import SnowflakeModels

/// The grant endpoints below a grantee object, shared by roles, database roles and users:
/// `POST .../grants` and `.../grants:revoke?mode=`, `POST .../future-grants` and
/// `.../future-grants:revoke`, and the listings `GET .../grants`, `.../future-grants`,
/// `.../grants-of` (who holds a role) and `.../grants-on` (privileges on the role itself).
struct GranteeEndpoints {
    /// The paths below the object this grantee kind serves.
    let paths: Set<String>

    /// Roles: every grant endpoint.
    static let role = GranteeEndpoints(paths: ["grants", "grants:revoke", "future-grants", "future-grants:revoke", "grants-of", "grants-on"])
    /// Database roles: grants and future grants.
    static let databaseRole = GranteeEndpoints(paths: ["grants", "grants:revoke", "future-grants", "future-grants:revoke"])
    /// Users: roles granted to them.
    static let user = GranteeEndpoints(paths: ["grants", "grants:revoke"])

    /// Answers a listing below the grantee; nil when the path is not one of its endpoints.
    func read(_ path: [String], grantee: Grantee, owner: String?, context: StoreContext) throws -> APIResponse? {
        guard path.count == 1, paths.contains(path[0]) else { return nil }
        let engine = GrantEngine(context: context)
        let limit = try context.request.integer("showLimit", in: 1...10_000)
        switch path[0] {
        case "grants":
            return try .encoded(try engine.grants(heldBy: grantee, limit: limit).map(\.model))
        case "future-grants":
            return try .encoded(try engine.futureGrants(heldBy: grantee, limit: limit))
        case "grants-of":
            let role = GrantTarget(type: "ROLE", name: grantee.name)
            let rows = try engine.holders(of: role).prefix(limit ?? .max).map { holder in
                var row = GrantOfModel()
                row.createdOn = holder.createdOn
                row.role = grantee.displayName
                row.grantedTo = holder.kind.rawValue
                row.granteeName = holder.name
                row.grantedBy = Identifier.displayName(forCanonical: holder.grantedBy)
                return row
            }
            return try .encoded(Array(rows))
        case "grants-on":
            var row = GrantOnModel()
            row.createdOn = try context.db.liveObject(ObjectKey(family: grantee.kind.family, database: grantee.database, name: grantee.name))?.createdOn
            row.privilege = "OWNERSHIP"
            row.grantedOn = "ROLE"
            row.name = grantee.displayName
            row.grantedTo = "ROLE"
            row.granteeName = owner ?? ""
            row.grantOption = "true"
            row.grantedBy = owner ?? ""
            row.grantedByRoleType = "ROLE"
            return try .encoded(owner.map { _ in [row] } ?? [])
        default:
            throw EmulatorError.methodNotAllowed(context.request.method, context.request.path)
        }
    }

    /// Makes or revokes a grant to the grantee; nil when the path is not one of its endpoints.
    func change(_ path: [String], grantee: Grantee, context: StoreContext) throws -> APIResponse? {
        guard path.count == 1, paths.contains(path[0]) else { return nil }
        let engine = GrantEngine(context: context)
        let grant = try RequestBody.decode(GrantModel.self, from: context.request.body, as: "grant")
        let type = PrivilegeCatalog.normalize(grant.securableType)
        let cascade = try Self.cascade(context.request.query["mode"])
        let revoking = path[0].hasSuffix(":revoke")
        if grantee.kind == .user, type != "ROLE" {
            throw EmulatorError.badRequest("Only roles are granted to users, not \(type.lowercased()) privileges.")
        }
        switch path[0] {
        case "grants", "grants:revoke":
            if type == "ROLE" || type == "DATABASE ROLE" {
                guard let securable = grant.securable else { throw EmulatorError.badRequest("A role grant names the role in 'securable'.") }
                var parts = try GrantEngine.parts(of: securable)
                if type == "DATABASE ROLE", parts.count == 1, grantee.kind == .databaseRole {
                    parts.insert(Identifier.spelling(forCanonical: grantee.database), at: 0)
                }
                let role = try engine.target(type: type, parts: parts)
                if revoking { try engine.revokeRole(role, from: grantee) } else { try engine.grantRole(role, to: grantee) }
                return .success("Statement executed successfully.")
            }
            let privileges = try Self.privileges(grant)
            switch (grant.securable, grant.containingScope) {
            case (let securable?, nil):
                let target = try engine.target(type: type, parts: try GrantEngine.parts(of: securable))
                if revoking {
                    try engine.revoke(privileges, on: target, from: grantee, grantOptionOnly: grant.grantOption == true, cascade: cascade)
                } else {
                    try engine.grant(privileges, on: target, to: grantee, grantOption: grant.grantOption ?? false)
                }
            case (nil, let scope?):
                if revoking {
                    try engine.revokeOnAll(privileges, type: type, in: scope, from: grantee, grantOptionOnly: grant.grantOption == true, cascade: cascade)
                } else {
                    try engine.grantOnAll(privileges, type: type, in: scope, to: grantee, grantOption: grant.grantOption ?? false)
                }
            case (nil, nil) where type == "ACCOUNT":
                let target = try engine.target(type: type, parts: [])
                if revoking {
                    try engine.revoke(privileges, on: target, from: grantee, grantOptionOnly: grant.grantOption == true, cascade: cascade)
                } else {
                    try engine.grant(privileges, on: target, to: grantee, grantOption: grant.grantOption ?? false)
                }
            default:
                throw EmulatorError.badRequest("A grant names either one 'securable' or a 'containing_scope', not both and not neither.")
            }
            return .success("Statement executed successfully.")
        case "future-grants", "future-grants:revoke":
            guard let scope = grant.containingScope, grant.securable == nil else {
                throw EmulatorError.badRequest("A future grant names its 'containing_scope' (a database, or a database and schema).")
            }
            let privileges = try Self.privileges(grant)
            if revoking {
                try engine.revokeFuture(privileges, type: type, in: scope, from: grantee, grantOptionOnly: grant.grantOption == true)
            } else {
                try engine.grantFuture(privileges, type: type, in: scope, to: grantee, grantOption: grant.grantOption ?? false)
            }
            return .success("Statement executed successfully.")
        default:
            throw EmulatorError.methodNotAllowed(context.request.method, context.request.path)
        }
    }

    static func privileges(_ grant: GrantModel) throws -> [String] {
        guard let privileges = grant.privileges, !privileges.isEmpty else {
            throw EmulatorError.badRequest("A grant on \(grant.securableType.lowercased()) names at least one privilege.")
        }
        return privileges
    }

    /// `mode=restrict` (the default) or `mode=cascade`.
    static func cascade(_ mode: String?) throws -> Bool {
        switch mode?.lowercased() {
        case nil, "restrict": return false
        case "cascade": return true
        default: throw EmulatorError.badRequest("mode must be restrict or cascade, not '\(mode ?? "")'.")
        }
    }
}
