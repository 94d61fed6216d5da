import Foundation
import GRDB
import SnowflakeModels

/// `/api/v2/session/...`: the calling session's defaults (`USE DATABASE`, `USE SCHEMA`,
/// `USE WAREHOUSE`, `USE ROLE`, `USE SECONDARY ROLES`) and its effective parameters
/// (`SHOW PARAMETERS IN SESSION`), as `snowflake.core`'s session API has them:
///
/// - `GET`/`PUT /session/default-database|default-schema|default-warehouse|default-role`
///   (`{"session_default": ...}` / `{"name": ...}`);
/// - `GET`/`PUT /session/secondary-roles` (`{"roles", "value"}` / `{"use": true|false}`);
/// - `GET /session/parameters/effective?like=`.
///
/// What is not chosen falls back to the login's settings, then the user's defaults
/// (`default_namespace`, `default_warehouse`, `default_role`, `default_secondary_roles`).
struct SessionEndpoint {
    let request: APIRequest
    private var services: EmulatorServices { request.services }
    private var key: String { request.principal.sessionKey }

    /// Answers a path below `/api/v2/session/`, or nil when the path is not this API's.
    func handle(_ segments: [String]) async throws -> APIResponse? {
        guard segments.first == "session", segments.count >= 2 else { return nil }
        let rest = Array(segments.dropFirst())
        if rest == ["parameters", "effective"] {
            guard request.method == "GET" else { throw EmulatorError.methodNotAllowed(request.method, request.path) }
            return try .encoded(SessionParameters.effective(like: request.query["like"]))
        }
        guard rest.count == 1 else { return nil }
        switch (request.method, rest[0]) {
        case ("GET", "default-database"), ("GET", "default-schema"), ("GET", "default-warehouse"), ("GET", "default-role"):
            let current = try await self.current()
            let value: String? = switch rest[0] {
            case "default-database": current.database
            case "default-schema": current.schema
            case "default-warehouse": current.warehouse
            default: current.role
            }
            return try .encoded(DefaultResult(sessionDefault: value.map(Identifier.displayName(forCanonical:))))
        case ("PUT", "default-database"), ("PUT", "default-schema"), ("PUT", "default-warehouse"), ("PUT", "default-role"):
            let name = try RequestBody.decode(NamedDefault.self, from: request.body, as: "session default").name
            return try await choose(rest[0], name)
        case ("GET", "secondary-roles"):
            let current = try await self.current()
            let all = current.secondaryRoles == "ALL"
            let roles = all
                ? try await services.store.read { db in try RoleHierarchy(db: db).roles(ofUser: request.principal.user) }
                    .subtracting([request.principal.role]).sorted()
                : []
            return try .encoded(CurrentSecondaryRoles(roles: roles.joined(separator: ","), value: all ? "ALL" : ""))
        case ("PUT", "secondary-roles"):
            let use = try RequestBody.decode(SecondaryRolesChoice.self, from: request.body, as: "secondary roles choice").use
            return try await update { values, _ in values.secondaryRoles = use ? "ALL" : "NONE" }
        case (_, "default-database"), (_, "default-schema"), (_, "default-warehouse"), (_, "default-role"), (_, "secondary-roles"):
            throw EmulatorError.methodNotAllowed(request.method, request.path)
        default:
            return nil
        }
    }

    // MARK: Reading

    /// The session's current defaults in canonical names.
    private func current() async throws -> SessionSettings.Values {
        var values = try await services.sessionSettings.values(for: key)
        let user = request.principal.user
        let stored = try await services.store.read { db in
            try db.liveObject(ObjectKey(family: UserModel.descriptor.family, name: user)).map(StoredObject<UserModel>.init(record:))?.model
        }
        values.role = request.principal.role
        if values.database == nil, let namespace = stored?.defaultNamespace,
            let parts = try? GrantEngine.parts(namespace).map(GrantEngine.canonical)
        {
            values.database = parts.first
            if values.schema == nil, parts.count == 2 { values.schema = parts[1] }
        }
        if values.warehouse == nil { values.warehouse = stored?.defaultWarehouse.flatMap { try? Identifier.resolve($0) } }
        if values.secondaryRoles == nil { values.secondaryRoles = stored?.defaultSecondaryRoles ?? "ALL" }
        return values
    }

    // MARK: Choosing

    private func choose(_ what: String, _ name: String) async throws -> APIResponse {
        let user = request.principal.user
        return try await update { values, context in
            let db = context.db
            switch what {
            case "default-database":
                let database = try GrantEngine.canonical(name)
                guard try db.liveObjectExists(ObjectKey(family: DatabaseModel.descriptor.family, name: database)) else {
                    throw EmulatorError.doesNotExist("Database", Identifier.spelling(forCanonical: database))
                }
                values.database = database
                let hasPublic = try db.liveObjectExists(ObjectKey(family: SchemaModel.descriptor.family, database: database, name: "PUBLIC"))
                values.schema = hasPublic ? "PUBLIC" : nil
            case "default-schema":
                let parts = try GrantEngine.parts(name)
                guard parts.count <= 2 else { throw EmulatorError.badRequest("A schema is named schema or database.schema, not '\(name)'.") }
                let database = try parts.count == 2 ? GrantEngine.canonical(parts[0]) : values.database ?? (try currentDatabase(db))
                guard let database else {
                    throw EmulatorError.sql(400, "090105", "Cannot perform USE SCHEMA. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
                }
                let schema = try GrantEngine.canonical(parts[parts.count - 1])
                guard try db.liveObjectExists(ObjectKey(family: SchemaModel.descriptor.family, database: database, name: schema)) else {
                    throw EmulatorError.doesNotExist("Schema", ResolvedContainer(database: database).qualified(schema))
                }
                values.database = database
                values.schema = schema
            case "default-warehouse":
                let warehouse = try GrantEngine.canonical(name)
                let family = context.registry.families(securableType: "WAREHOUSE").first?.descriptor.family ?? "warehouse"
                guard try db.liveObjectExists(ObjectKey(family: family, name: warehouse)) else {
                    throw EmulatorError.doesNotExist("Warehouse", Identifier.spelling(forCanonical: warehouse))
                }
                values.warehouse = warehouse
            default:
                let role = try GrantEngine.canonical(name)
                guard try db.liveObjectExists(ObjectKey(family: RoleModel.descriptor.family, name: role)) else {
                    throw EmulatorError.doesNotExist("Role", Identifier.spelling(forCanonical: role))
                }
                let defaultRole = try services.users.defaultRole(of: user, in: db)
                let granted = try RoleHierarchy(db: db).roles(ofUser: user)
                guard role == defaultRole || role == "PUBLIC" || granted.contains(role) else {
                    throw EmulatorError.sql(403, "003001", "Role '\(Identifier.spelling(forCanonical: role))' is not granted to this user.")
                }
                values.role = role
            }
        }
    }

    /// The database of the user's default namespace, if any.
    private func currentDatabase(_ db: Database) throws -> String? {
        let user = try db.liveObject(ObjectKey(family: UserModel.descriptor.family, name: request.principal.user))
        guard let namespace = try user.map(StoredObject<UserModel>.init(record:))?.model.defaultNamespace else { return nil }
        return try GrantEngine.parts(namespace).first.map(GrantEngine.canonical)
    }

    private func update(_ change: @escaping @Sendable (inout SessionSettings.Values, StoreContext) throws -> Void) async throws -> APIResponse {
        guard !key.isEmpty else { throw EmulatorError.badRequest("This request has no session.") }
        let initial = try await services.sessionSettings.values(for: key)
        let request = request, key = key
        return try await services.store.write { db in
            let context = StoreContext(db: db, now: request.now, request: request, container: ResolvedContainer())
            var values = initial
            try change(&values, context)
            try request.services.sessionSettings.save(values, for: key, user: request.principal.user, now: request.now, in: db)
            return .success("Statement executed successfully.")
        }
    }
}
