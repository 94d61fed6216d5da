import Foundation
import GRDB
import SnowflakeModels

/// Who holds a grant: an account role, a database role or a user, by canonical name.
struct Grantee: Hashable, Sendable {
    /// The kinds of grantee, as `SHOW GRANTS` names them.
    enum Kind: String, Sendable, CaseIterable {
        case role = "ROLE"
        case databaseRole = "DATABASE_ROLE"
        case user = "USER"

        /// The family whose objects are grantees of this kind.
        var family: String {
            switch self {
            case .role: RoleModel.descriptor.family
            case .databaseRole: DatabaseRoleModel.descriptor.family
            case .user: UserModel.descriptor.family
            }
        }
    }

    var kind: Kind
    /// The database of a database role, else "".
    var database = ""
    var name: String

    /// `R1`, or `DB.R1` for a database role, as Snowflake prints grantees.
    var displayName: String {
        ResolvedContainer(database: database).qualified(name)
    }
}

/// What a grant is on: an object of a type, by canonical names (`ACCOUNT` for the account).
struct GrantTarget: Hashable, Sendable {
    var type: String
    var database = ""
    var schema = ""
    var name: String

    /// `DB.SCHEMA.NAME` with each part spelled so it resolves back.
    var qualified: String { ResolvedContainer(database: database, schema: schema).qualified(name) }

    /// The wire form of `securable`: parts as Snowflake shows them.
    var securable: Securable {
        Securable(
            database: database.isEmpty ? nil : Identifier.displayName(forCanonical: database),
            schema: schema.isEmpty ? nil : Identifier.displayName(forCanonical: schema),
            name: Identifier.displayName(forCanonical: name))
    }
}

/// Grants as Snowflake keeps them: privileges on objects held by roles, database roles and
/// users (roles held by roles and users are `USAGE` on the role), future grants that apply to
/// objects created later in a scope, and the role hierarchy they make. Grants are recorded
/// faithfully and validated (grantee and object exist, privilege applies, no role cycles);
/// they are not yet enforced on other requests. Every change runs in the request's transaction.
struct GrantEngine {
    let context: StoreContext
    private var db: Database { context.db }

    /// The name the emulator's account has in grants of `ACCOUNT`.
    var accountName: String { context.services.configuration.accountName.uppercased() }

    // MARK: Resolving names

    /// The grantee of `kind` called `name` (`DB.NAME` or `database` for a database role); 404
    /// when it does not exist.
    func grantee(_ kind: Grantee.Kind, name: String, database: String? = nil) throws -> Grantee {
        var grantee: Grantee
        switch kind {
        case .databaseRole:
            let parts = try Self.parts(name).map(Self.canonical)
            let databaseName = parts.count == 2 ? parts[0] : try database.map(Self.canonical) ?? ""
            guard parts.count <= 2, !databaseName.isEmpty else {
                throw EmulatorError.badRequest("A database role is named database.role, not '\(name)'.")
            }
            grantee = Grantee(kind: kind, database: databaseName, name: parts[parts.count - 1])
        default:
            grantee = Grantee(kind: kind, name: try Self.canonical(name))
        }
        let key = ObjectKey(family: kind.family, database: grantee.database, name: grantee.name)
        guard try db.liveObjectExists(key) else {
            let objectKind = kind == .user ? "User" : kind == .role ? "Role" : "Database role"
            throw EmulatorError.doesNotExist(objectKind, grantee.displayName)
        }
        return grantee
    }

    /// The object a grant names, checked to exist. `parts` are the name's parts as written
    /// (`["d1", "s1", "t1"]`); `ACCOUNT` needs none.
    func target(type rawType: String, parts: [String]) throws -> GrantTarget {
        let type = PrivilegeCatalog.normalize(rawType)
        if type == "ACCOUNT" { return GrantTarget(type: type, name: accountName) }
        let candidates = context.registry.families(securableType: type)
        guard let first = candidates.first else {
            throw EmulatorError.badRequest("The emulator has no objects of type \(type) yet, so none can be granted on.")
        }
        let depth = first.scope == .account ? 1 : first.scope == .database ? 2 : 3
        let canonical = try parts.map(Self.canonical)
        guard canonical.count == depth else {
            throw EmulatorError.badRequest(
                "A \(type.lowercased()) is named with \(depth) part\(depth == 1 ? "" : "s"), not '\(parts.joined(separator: "."))'.")
        }
        var target = GrantTarget(type: type, name: canonical[depth - 1])
        if depth >= 2 { target.database = canonical[0] }
        if depth == 3 { target.schema = canonical[1] }
        for family in candidates {
            let key = ObjectKey(family: family.descriptor.family, database: target.database, schema: target.schema, name: target.name)
            if try db.liveObjectExists(key) { return target }
        }
        throw EmulatorError.doesNotExist(first.descriptor.objectKind, target.qualified)
    }

    /// The parts of a securable as the role-style body gives them: `{database, schema, name}`,
    /// or a dotted `name` alone.
    static func parts(of securable: Securable) throws -> [String] {
        let given = [securable.database, securable.schema].compactMap { $0 }
        if given.isEmpty { return try parts(securable.name) }
        return given + [securable.name]
    }

    /// The parts of a dotted name, honouring quotes.
    static func parts(_ text: String) throws -> [String] {
        do {
            let name = try QualifiedName.parse(text)
            return [name.database, name.schema, name.name].compactMap { $0 }
        } catch {
            throw EmulatorError.invalidIdentifier(text)
        }
    }

    static func canonical(_ text: String) throws -> String {
        do { return try Identifier.resolve(text) } catch { throw EmulatorError.invalidIdentifier(text) }
    }

    // MARK: Privileges on objects

    /// Grants privileges on one object.
    func grant(_ privileges: [String], on target: GrantTarget, to grantee: Grantee, grantOption: Bool) throws {
        try checkGrantee(grantee, for: target)
        for privilege in try PrivilegeCatalog.expand(privileges, on: target.type) {
            try insert(grantee, target, privilege, grantOption: grantOption)
        }
    }

    /// Grants privileges on every existing object of `type` in a scope (`GRANT ... ON ALL`).
    /// Returns how many objects it covered.
    @discardableResult
    func grantOnAll(_ privileges: [String], type rawType: String, in scope: ContainingScope, to grantee: Grantee, grantOption: Bool) throws -> Int {
        let targets = try objects(ofType: rawType, in: scope)
        let type = PrivilegeCatalog.normalize(rawType)
        let expanded = try PrivilegeCatalog.expand(privileges, on: type)
        for target in targets {
            try checkGrantee(grantee, for: target)
            for privilege in expanded { try insert(grantee, target, privilege, grantOption: grantOption) }
        }
        return targets.count
    }

    /// Revokes privileges on one object, or only the grant option on them. Dependent grants
    /// (made by the grantee with its grant option) block a `restrict` revoke and go with a
    /// `cascade` one. Revoking what was never granted succeeds, as in Snowflake.
    func revoke(_ privileges: [String], on target: GrantTarget, from grantee: Grantee, grantOptionOnly: Bool, cascade: Bool) throws {
        for privilege in try PrivilegeCatalog.expand(privileges, on: target.type) {
            try remove(grantee, target, privilege, grantOptionOnly: grantOptionOnly, cascade: cascade)
        }
    }

    /// Revokes privileges on every existing object of `type` in a scope.
    func revokeOnAll(
        _ privileges: [String], type rawType: String, in scope: ContainingScope, from grantee: Grantee, grantOptionOnly: Bool, cascade: Bool
    ) throws {
        let expanded = try PrivilegeCatalog.expand(privileges, on: PrivilegeCatalog.normalize(rawType))
        for target in try objects(ofType: rawType, in: scope) {
            for privilege in expanded { try remove(grantee, target, privilege, grantOptionOnly: grantOptionOnly, cascade: cascade) }
        }
    }

    private func checkGrantee(_ grantee: Grantee, for target: GrantTarget) throws {
        if grantee.kind == .user {
            throw EmulatorError.badRequest("Privileges are granted to roles, not to users: grant a role that holds them to user \(grantee.displayName).")
        }
        if grantee.kind == .databaseRole, target.type != "DATABASE ROLE", target.type != "ACCOUNT" {
            let database = target.type == "DATABASE" ? target.name : target.database
            if database != grantee.database {
                throw EmulatorError.badRequest(
                    "Database role \(grantee.displayName) can only hold privileges on objects in database \(Identifier.spelling(forCanonical: grantee.database)).")
            }
        }
        if grantee.kind == .databaseRole, target.type == "ACCOUNT" {
            throw EmulatorError.badRequest("Database role \(grantee.displayName) cannot hold account-level privileges.")
        }
    }

    private func insert(_ grantee: Grantee, _ target: GrantTarget, _ privilege: String, grantOption: Bool) throws {
        try db.execute(
            sql: """
                INSERT INTO grants (grantee_type, grantee_database, grantee_name, securable_type, securable_database,
                    securable_schema, securable_name, privilege, grant_option, granted_by, created_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET grant_option = max(grant_option, excluded.grant_option)
                """,
            arguments: [
                grantee.kind.rawValue, grantee.database, grantee.name, target.type, target.database, target.schema, target.name,
                privilege, grantOption, context.request.principal.role, context.now.timeIntervalSince1970,
            ])
    }

    private func remove(_ grantee: Grantee, _ target: GrantTarget, _ privilege: String, grantOptionOnly: Bool, cascade: Bool) throws {
        let identity: StatementArguments = [target.type, target.database, target.schema, target.name, privilege]
        let targetCondition = "securable_type = ? AND securable_database = ? AND securable_schema = ? AND securable_name = ? AND privilege = ?"
        // Grants this grantee made on with its grant option (only a role grants).
        if grantee.kind == .role {
            let dependents = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM grants WHERE \(targetCondition) AND granted_by = ? AND NOT (grantee_type = 'ROLE' AND grantee_name = ?)",
                arguments: identity + [grantee.name, grantee.name]) ?? 0
            if dependents > 0 {
                guard cascade else {
                    throw EmulatorError.badRequest(
                        "Dependent grant of privilege '\(privilege)' on securable '\(target.qualified)' to role '\(grantee.displayName)' exists. It must be revoked first. To revoke all dependent grants while revoking the grant from role '\(grantee.displayName)', use mode cascade.",
                        code: "003111")
                }
                try db.execute(sql: "DELETE FROM grants WHERE \(targetCondition) AND granted_by = ?", arguments: identity + [grantee.name])
            }
        }
        let granteeCondition = "grantee_type = ? AND grantee_database = ? AND grantee_name = ?"
        let granteeArguments: StatementArguments = [grantee.kind.rawValue, grantee.database, grantee.name]
        if grantOptionOnly {
            try db.execute(sql: "UPDATE grants SET grant_option = 0 WHERE \(granteeCondition) AND \(targetCondition)", arguments: granteeArguments + identity)
        } else {
            try db.execute(sql: "DELETE FROM grants WHERE \(granteeCondition) AND \(targetCondition)", arguments: granteeArguments + identity)
        }
    }

    /// The live objects of `type` inside a scope (for `ON ALL`).
    private func objects(ofType rawType: String, in scope: ContainingScope) throws -> [GrantTarget] {
        let type = PrivilegeCatalog.normalize(rawType)
        let database = try Self.canonical(scope.database)
        let schema = try scope.schema.map(Self.canonical)
        guard try db.liveObjectExists(ObjectKey(family: DatabaseModel.descriptor.family, name: database)) else {
            throw EmulatorError.doesNotExist("Database", Identifier.spelling(forCanonical: database))
        }
        if let schema, try !db.liveObjectExists(ObjectKey(family: SchemaModel.descriptor.family, database: database, name: schema)) {
            throw EmulatorError.doesNotExist("Schema", ResolvedContainer(database: database).qualified(schema))
        }
        let families = context.registry.families(securableType: type).filter { $0.scope != .account }
        guard !families.isEmpty else {
            guard type != "ACCOUNT", type != "DATABASE" else { throw EmulatorError.badRequest("There are no \(type.lowercased()) objects inside a database.") }
            // A type the emulator does not keep yet has no objects in any scope.
            return []
        }
        var targets: [GrantTarget] = []
        for family in families {
            if family.scope == .database, schema != nil {
                throw EmulatorError.badRequest("\(type) objects live in databases, so the scope cannot name a schema.")
            }
            var sql = "SELECT database_name, schema_name, name FROM objects WHERE family = ? AND database_name = ? AND dropped_on IS NULL"
            var arguments: StatementArguments = [family.descriptor.family, database]
            if let schema {
                sql += " AND schema_name = ?"
                arguments += [schema]
            }
            for row in try Row.fetchAll(db, sql: sql + " ORDER BY schema_name, name", arguments: arguments) {
                targets.append(GrantTarget(type: type, database: row[0], schema: row[1], name: row[2]))
            }
        }
        return targets
    }

    // MARK: Roles held by roles and users

    /// Grants a role (or database role) to a role, database role or user; refuses cycles.
    func grantRole(_ role: GrantTarget, to grantee: Grantee) throws {
        switch (role.type, grantee.kind) {
        case ("ROLE", .databaseRole):
            throw EmulatorError.badRequest("An account role cannot be granted to database role \(grantee.displayName).")
        case ("DATABASE ROLE", .user):
            throw EmulatorError.badRequest("Database role \(role.qualified) cannot be granted to a user: grant it to an account role.")
        case ("DATABASE ROLE", .databaseRole) where role.database != grantee.database:
            throw EmulatorError.badRequest("Database role \(role.qualified) can only be granted to database roles of its own database.")
        case ("ROLE", _), ("DATABASE ROLE", _): break
        default: throw EmulatorError.badRequest("Only roles and database roles are granted this way, not \(role.type.lowercased()).")
        }
        if grantee.kind != .user {
            let holder = GrantTarget(type: grantee.kind == .role ? "ROLE" : "DATABASE ROLE", database: grantee.database, name: grantee.name)
            let held = try rolesHeld(by: role)
            if holder == role || held.contains(holder) {
                throw EmulatorError.badRequest(
                    "Cannot grant \(role.type.lowercased()) \(role.qualified) to \(grantee.displayName): \(grantee.displayName) is already granted to it, and role grants cannot form a cycle.")
            }
        }
        try insert(grantee, role, "USAGE", grantOption: false)
    }

    /// Revokes a role (or database role) from a grantee; revoking one not granted succeeds.
    func revokeRole(_ role: GrantTarget, from grantee: Grantee) throws {
        try remove(grantee, role, "USAGE", grantOptionOnly: false, cascade: true)
    }

    /// Every role and database role `role` holds, directly or through others (not itself).
    func rolesHeld(by role: GrantTarget) throws -> Set<GrantTarget> {
        try RoleHierarchy(db: db).rolesHeld(by: role)
    }

    // MARK: Future grants

    /// Records privileges that every object of `type` created later in the scope receives.
    func grantFuture(_ privileges: [String], type rawType: String, in scope: ContainingScope, to grantee: Grantee, grantOption: Bool) throws {
        let (type, database, schema) = try futureScope(rawType, scope, grantee)
        for privilege in try PrivilegeCatalog.expand(privileges, on: type) {
            try db.execute(
                sql: """
                    INSERT INTO future_grants (grantee_type, grantee_database, grantee_name, object_type, scope_database, scope_schema,
                        privilege, grant_option, granted_by, created_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET grant_option = max(grant_option, excluded.grant_option)
                    """,
                arguments: [
                    grantee.kind.rawValue, grantee.database, grantee.name, type, database, schema, privilege, grantOption,
                    context.request.principal.role, context.now.timeIntervalSince1970,
                ])
        }
    }

    /// Removes future grants (or only their grant option); objects already created keep theirs.
    func revokeFuture(_ privileges: [String], type rawType: String, in scope: ContainingScope, from grantee: Grantee, grantOptionOnly: Bool) throws {
        let (type, database, schema) = try futureScope(rawType, scope, grantee)
        for privilege in try PrivilegeCatalog.expand(privileges, on: type) {
            let condition = """
                grantee_type = ? AND grantee_database = ? AND grantee_name = ? AND object_type = ? AND scope_database = ?
                AND scope_schema = ? AND privilege = ?
                """
            let arguments: StatementArguments = [grantee.kind.rawValue, grantee.database, grantee.name, type, database, schema, privilege]
            try db.execute(
                sql: grantOptionOnly ? "UPDATE future_grants SET grant_option = 0 WHERE \(condition)" : "DELETE FROM future_grants WHERE \(condition)",
                arguments: arguments)
        }
    }

    private func futureScope(_ rawType: String, _ scope: ContainingScope, _ grantee: Grantee) throws -> (String, String, String) {
        let type = PrivilegeCatalog.normalize(rawType)
        if grantee.kind == .user { throw EmulatorError.badRequest("Future grants are made to roles, not to users.") }
        let database = try Self.canonical(scope.database)
        let schema = try scope.schema.map(Self.canonical) ?? ""
        guard try db.liveObjectExists(ObjectKey(family: DatabaseModel.descriptor.family, name: database)) else {
            throw EmulatorError.doesNotExist("Database", Identifier.spelling(forCanonical: database))
        }
        if !schema.isEmpty, try !db.liveObjectExists(ObjectKey(family: SchemaModel.descriptor.family, database: database, name: schema)) {
            throw EmulatorError.doesNotExist("Schema", ResolvedContainer(database: database).qualified(schema))
        }
        if type == "SCHEMA", !schema.isEmpty { throw EmulatorError.badRequest("Future grants on schemas are made in a database, not in a schema.") }
        if type == "DATABASE" || type == "ACCOUNT" || type == "ROLE" || type == "DATABASE ROLE" {
            throw EmulatorError.badRequest("Future grants cannot be made on \(type.lowercased()) objects.")
        }
        if grantee.kind == .databaseRole, grantee.database != database {
            throw EmulatorError.badRequest("Database role \(grantee.displayName) can only hold privileges on objects in its own database.")
        }
        return (type, database, schema)
    }

    /// Gives a new object the future grants of its schema (or, when its schema has none for its
    /// type, of its database), as Snowflake does.
    func applyFutureGrants(to descriptor: ResourceDescriptor, scope: ResourceScope, container: ResolvedContainer, name: String) throws {
        guard scope != .account, !container.database.isEmpty else { return }
        let type = descriptor.securableType
        let rows: [Row]
        if scope == .schema {
            let schemaRows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM future_grants WHERE scope_database = ? AND scope_schema = ? AND object_type = ?"), arguments: [container.database, container.schema, type])
            rows = schemaRows.isEmpty
                ? try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM future_grants WHERE scope_database = ? AND scope_schema = '' AND object_type = ?"), arguments: [container.database, type])
                : schemaRows
        } else {
            rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM future_grants WHERE scope_database = ? AND scope_schema = '' AND object_type = ?"), arguments: [container.database, type])
        }
        guard !rows.isEmpty else { return }
        let target = GrantTarget(type: type, database: container.database, schema: container.schema, name: name)
        for row in rows {
            guard let kind = Grantee.Kind(rawValue: row["grantee_type"]) else { continue }
            let grantee = Grantee(kind: kind, database: row["grantee_database"], name: row["grantee_name"])
            try db.execute(
                sql: """
                    INSERT INTO grants (grantee_type, grantee_database, grantee_name, securable_type, securable_database,
                        securable_schema, securable_name, privilege, grant_option, granted_by, created_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """,
                arguments: [
                    grantee.kind.rawValue, grantee.database, grantee.name, target.type, target.database, target.schema, target.name,
                    row["privilege"] as String, row["grant_option"] as Bool, row["granted_by"] as String, context.now.timeIntervalSince1970,
                ])
        }
    }

    // MARK: Dropped objects

    /// Forgets the grants on a dropped object, and those held by it when it is a grantee; a
    /// dropped database or schema takes the grants on everything inside it and its future
    /// grants. (Undropping restores the object, not its grants.)
    func forget(_ descriptor: ResourceDescriptor, container: ResolvedContainer, name: String) throws {
        let type = descriptor.securableType
        try db.cachedStatement(sql: "DELETE FROM grants WHERE securable_type = ? AND securable_database = ? AND securable_schema = ? AND securable_name = ?").execute(arguments: [type, container.database, container.schema, name])
        if let kind = Grantee.Kind.allCases.first(where: { $0.family == descriptor.family }) {
            try forgetGrantee(kind, database: container.database, name: name)
        }
        if descriptor.childScope == .database {
            try db.cachedStatement(sql: "DELETE FROM grants WHERE securable_database = ?").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM grants WHERE grantee_type = 'DATABASE_ROLE' AND grantee_database = ?").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM future_grants WHERE scope_database = ?").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM future_grants WHERE grantee_type = 'DATABASE_ROLE' AND grantee_database = ?").execute(arguments: [name])
        } else if descriptor.childScope == .schema {
            try db.cachedStatement(sql: "DELETE FROM grants WHERE securable_database = ? AND securable_schema = ?").execute(arguments: [container.database, name])
            try db.cachedStatement(sql: "DELETE FROM future_grants WHERE scope_database = ? AND scope_schema = ?").execute(arguments: [container.database, name])
        }
    }

    private func forgetGrantee(_ kind: Grantee.Kind, database: String, name: String) throws {
        try db.cachedStatement(sql: "DELETE FROM grants WHERE grantee_type = ? AND grantee_database = ? AND grantee_name = ?").execute(arguments: [kind.rawValue, database, name])
        try db.cachedStatement(sql: "DELETE FROM future_grants WHERE grantee_type = ? AND grantee_database = ? AND grantee_name = ?").execute(arguments: [kind.rawValue, database, name])
    }

    // MARK: Reading

    /// One stored grant.
    struct StoredGrant: Sendable {
        var grantee: Grantee
        var target: GrantTarget
        var privilege: String
        var grantOption: Bool
        var grantedBy: String
        var createdOn: Date
    }

    /// The grants a grantee holds, oldest first, with `OWNERSHIP` of what a role owns.
    func grants(heldBy grantee: Grantee, limit: Int?) throws -> [StoredGrant] {
        var rows = try Row.fetchAll(
            db,
            sql: "SELECT * FROM grants WHERE grantee_type = ? AND grantee_database = ? AND grantee_name = ? ORDER BY created_on, id",
            arguments: [grantee.kind.rawValue, grantee.database, grantee.name]
        ).map { row in
            StoredGrant(
                grantee: grantee,
                target: GrantTarget(type: row["securable_type"], database: row["securable_database"], schema: row["securable_schema"], name: row["securable_name"]),
                privilege: row["privilege"], grantOption: row["grant_option"], grantedBy: row["granted_by"],
                createdOn: Date(timeIntervalSince1970: row["created_on"]))
        }
        if grantee.kind == .role {
            rows += try ownership(of: grantee.name)
            rows.sort { $0.createdOn < $1.createdOn }
        }
        if let limit { rows = Array(rows.prefix(limit)) }
        return rows
    }

    /// `OWNERSHIP` rows for the objects a role owns (the owner is part of each object's body).
    private func ownership(of role: String) throws -> [StoredGrant] {
        let owner = Identifier.displayName(forCanonical: role)
        let records = try Row.fetchAll(
            db, sql: "SELECT family, database_name, schema_name, name, created_on FROM objects WHERE dropped_on IS NULL AND json_extract(body, '$.owner') = ?",
            arguments: [owner])
        return records.compactMap { row in
            guard let endpoint = context.registry.endpoint(family: row["family"]) else { return nil }
            return StoredGrant(
                grantee: Grantee(kind: .role, name: role),
                target: GrantTarget(type: endpoint.descriptor.securableType, database: row["database_name"], schema: row["schema_name"], name: row["name"]),
                privilege: "OWNERSHIP", grantOption: true, grantedBy: owner, createdOn: Date(timeIntervalSince1970: row["created_on"]))
        }
    }

    /// The future grants a grantee holds.
    func futureGrants(heldBy grantee: Grantee, limit: Int?) throws -> [GrantModel] {
        var sql = "SELECT * FROM future_grants WHERE grantee_type = ? AND grantee_database = ? AND grantee_name = ? ORDER BY created_on, id"
        if let limit { sql += " LIMIT \(limit)" }
        return try Row.fetchAll(db, sql: sql, arguments: [grantee.kind.rawValue, grantee.database, grantee.name]).map { row in
            let schema: String = row["scope_schema"]
            var grant = GrantModel(
                securableType: row["object_type"],
                containingScope: ContainingScope(
                    database: Identifier.displayName(forCanonical: row["scope_database"]),
                    schema: schema.isEmpty ? nil : Identifier.displayName(forCanonical: schema)),
                privileges: [row["privilege"]], grantOption: row["grant_option"])
            grant.createdOn = Date(timeIntervalSince1970: row["created_on"])
            grant.grantedBy = row["granted_by"]
            return grant
        }
    }

    /// Who holds a role (or database role): `(kind, name, granted by, when)`.
    func holders(of role: GrantTarget) throws -> [(kind: Grantee.Kind, name: String, grantedBy: String, createdOn: Date)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM grants WHERE securable_type = ? AND securable_database = ? AND securable_name = ? AND privilege = 'USAGE'
                ORDER BY created_on, id
                """, arguments: [role.type, role.database, role.name]
        ).compactMap { row in
            guard let kind = Grantee.Kind(rawValue: row["grantee_type"]) else { return nil }
            let grantee = Grantee(kind: kind, database: row["grantee_database"], name: row["grantee_name"])
            return (kind, grantee.displayName, row["granted_by"], Date(timeIntervalSince1970: row["created_on"]))
        }
    }

    /// How many grants match, for the counts roles show.
    func count(_ condition: String, _ arguments: StatementArguments) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM grants WHERE " + condition, arguments: arguments) ?? 0
    }
}

extension GrantEngine.StoredGrant {
    /// The row as the roles', database roles' and users' listings show it.
    var model: GrantModel {
        var grant = GrantModel(securableType: target.type, securable: target.securable, privileges: [privilege], grantOption: grantOption)
        grant.createdOn = createdOn
        grant.grantedBy = grantedBy
        return grant
    }

    /// The row as `GET /grants/{granteeType}/{granteeName}` shows it.
    var privilegeGrant: PrivilegeGrant {
        PrivilegeGrant(
            privileges: [privilege], grantOption: grantOption, createdOn: createdOn, granteeType: grantee.kind.rawValue,
            granteeName: grantee.displayName, securableType: target.type, securableName: target.qualified,
            grantedByRoleType: "ROLE", grantedByName: grantedBy)
    }
}

extension FamilyRegistry {
    /// The families whose objects have this securable type (several share `INTEGRATION`).
    func families(securableType: String) -> [any FamilyEndpoint] {
        descriptors.filter { $0.securableType == securableType }.compactMap { endpoint(family: $0.family) }
    }
}

/// The role hierarchy the grants make, read from an open database.
struct RoleHierarchy {
    let db: Database

    /// Every role and database role `role` holds, directly or through others (not itself).
    func rolesHeld(by role: GrantTarget) throws -> Set<GrantTarget> {
        var found = Set<GrantTarget>()
        var pending = [role]
        while let next = pending.popLast() {
            let kind = next.type == "ROLE" ? "ROLE" : "DATABASE_ROLE"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT securable_type, securable_database, securable_name FROM grants
                    WHERE grantee_type = ? AND grantee_database = ? AND grantee_name = ? AND securable_type IN ('ROLE', 'DATABASE ROLE')
                    """, arguments: [kind, next.type == "ROLE" ? "" : next.database, next.name])
            for row in rows {
                let held = GrantTarget(type: row[0], database: row[1], name: row[2])
                if found.insert(held).inserted { pending.append(held) }
            }
        }
        return found
    }

    /// The account roles a user may act as: those granted to it, what they inherit, and PUBLIC.
    func roles(ofUser user: String) throws -> Set<String> {
        var roles: Set<String> = ["PUBLIC"]
        let direct = try String.fetchAll(
            db, sql: "SELECT securable_name FROM grants WHERE grantee_type = 'USER' AND grantee_name = ? AND securable_type = 'ROLE'",
            arguments: [user])
        for role in direct {
            roles.insert(role)
            for held in try rolesHeld(by: GrantTarget(type: "ROLE", name: role)) where held.type == "ROLE" { roles.insert(held.name) }
        }
        return roles
    }
}
