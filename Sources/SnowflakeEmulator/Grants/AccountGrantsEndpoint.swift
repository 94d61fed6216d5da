import Foundation
import GRDB
import SnowflakeModels

/// The account-wide grants API (`grant.yaml`), over the same grants as the roles' endpoints:
///
/// - `GET /grants/{granteeType}/{granteeName}?showLimit=`: what a grantee holds;
/// - `POST /grants/{granteeType}/{granteeName}/{securableType}/{securableName}/privileges`;
/// - `POST /grants/{granteeType}/{granteeName}/{ALL|FUTURE}/{PLURAL}/{scopeType}/{scopeName}/privileges`;
/// - `DELETE` of `.../privileges/{privilege}` (and `/grant-option`) for both, `?deleteMode=`.
///
/// Grantee types: `role`, `database-role` (named `db.role`) and `user` (roles only);
/// `share`, `application` and `application-role` name objects the emulator does not keep.
struct AccountGrantsEndpoint {
    let request: APIRequest

    /// Answers a path below `/api/v2/grants/`, or nil when the path is not this API's.
    func handle(_ segments: [String]) async throws -> APIResponse? {
        guard segments.first == "grants" else { return nil }
        let rest = Array(segments.dropFirst())
        guard rest.count >= 2 else { throw EmulatorError.noEndpoint(request.method, request.path) }
        switch (request.method, rest.count) {
        case ("GET", 2):
            return try await request.services.store.read { db in
                let engine = GrantEngine(context: context(db))
                let grantee = try grantee(rest[0], rest[1], engine)
                let limit = try request.integer("showLimit", in: 1...10_000)
                return try .encoded(try engine.grants(heldBy: grantee, limit: limit).map(\.privilegeGrant))
            }
        case ("POST", 5), ("POST", 7):
            guard rest.last == "privileges" else { throw EmulatorError.noEndpoint(request.method, request.path) }
            let body = try RequestBody.decode(PrivilegeGrant.self, from: request.body, as: "grant")
            return try await write { engine in
                try apply(rest, privileges: body.privileges ?? [], grantOption: body.grantOption ?? false, revoking: false, cascade: false, engine)
            }
        case ("DELETE", 6), ("DELETE", 7), ("DELETE", 8), ("DELETE", 9):
            var parts = rest
            let grantOptionOnly = parts.last == "grant-option"
            if grantOptionOnly { parts.removeLast() }
            guard parts.count == 6 || parts.count == 8, parts[parts.count - 2] == "privileges" else {
                throw EmulatorError.noEndpoint(request.method, request.path)
            }
            let privilege = parts.removeLast()
            let cascade = try GranteeEndpoints.cascade(request.query["deleteMode"])
            let path = parts
            return try await write { engine in
                try apply(path, privileges: [privilege], grantOption: grantOptionOnly, revoking: true, cascade: cascade, engine)
            }
        case ("GET", _), ("POST", _), ("DELETE", _):
            throw EmulatorError.noEndpoint(request.method, request.path)
        default:
            throw EmulatorError.methodNotAllowed(request.method, request.path)
        }
    }

    /// `parts` is `[granteeType, granteeName, securableType, securableName, "privileges"]` or the
    /// bulk form with `[..., ALL|FUTURE, PLURAL, scopeType, scopeName, "privileges"]`.
    private func apply(
        _ parts: [String], privileges: [String], grantOption: Bool, revoking: Bool, cascade: Bool, _ engine: GrantEngine
    ) throws -> APIResponse {
        let grantee = try grantee(parts[0], parts[1], engine)
        if parts.count == 5 {
            let type = PrivilegeCatalog.normalize(parts[2])
            let target = try engine.target(type: type, parts: type == "ACCOUNT" ? [] : GrantEngine.parts(parts[3]))
            if type == "ROLE" || type == "DATABASE ROLE" {
                if revoking { try engine.revokeRole(target, from: grantee) } else { try engine.grantRole(target, to: grantee) }
            } else if revoking {
                try engine.revoke(privileges, on: target, from: grantee, grantOptionOnly: grantOption, cascade: cascade)
            } else {
                try engine.grant(privileges, on: target, to: grantee, grantOption: grantOption)
            }
            return .success("Statement executed successfully.")
        }
        let bulk = parts[2].uppercased()
        let type = PrivilegeCatalog.singular(parts[3])
        let scopeType = parts[4].lowercased()
        let scopeParts = try GrantEngine.parts(parts[5])
        let scope: ContainingScope
        switch (scopeType, scopeParts.count) {
        case ("database", 1): scope = ContainingScope(database: scopeParts[0])
        case ("schema", 2): scope = ContainingScope(database: scopeParts[0], schema: scopeParts[1])
        default: throw EmulatorError.badRequest("The scope is a database (db) or a schema (db.schema), not \(scopeType) '\(parts[5])'.")
        }
        switch (bulk, revoking) {
        case ("ALL", false): try engine.grantOnAll(privileges, type: type, in: scope, to: grantee, grantOption: grantOption)
        case ("ALL", true): try engine.revokeOnAll(privileges, type: type, in: scope, from: grantee, grantOptionOnly: grantOption, cascade: cascade)
        case ("FUTURE", false): try engine.grantFuture(privileges, type: type, in: scope, to: grantee, grantOption: grantOption)
        case ("FUTURE", true): try engine.revokeFuture(privileges, type: type, in: scope, from: grantee, grantOptionOnly: grantOption)
        default: throw EmulatorError.badRequest("The bulk grant type is ALL or FUTURE, not '\(parts[2])'.")
        }
        return .success("Statement executed successfully.")
    }

    private func grantee(_ type: String, _ name: String, _ engine: GrantEngine) throws -> Grantee {
        switch type.lowercased() {
        case "role": return try engine.grantee(.role, name: name)
        case "database-role", "database_role", "database role": return try engine.grantee(.databaseRole, name: name)
        case "user": return try engine.grantee(.user, name: name)
        case "share", "application", "application-role":
            let kind = type.lowercased() == "share" ? "Share" : type.lowercased() == "application" ? "Application" : "Application role"
            throw EmulatorError.doesNotExist(kind, name)
        default:
            throw EmulatorError.badRequest("The grantee type is role, database-role, user, share, application or application-role, not '\(type)'.")
        }
    }

    private func context(_ db: Database) -> StoreContext {
        StoreContext(db: db, now: request.now, request: request, container: ResolvedContainer())
    }

    private func write(_ body: @escaping @Sendable (GrantEngine) throws -> APIResponse) async throws -> APIResponse {
        let request = request
        return try await request.services.store.write { db in
            try body(GrantEngine(context: StoreContext(db: db, now: request.now, request: request, container: ResolvedContainer())))
        }
    }
}
