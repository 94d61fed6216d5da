import Foundation
import SnowflakeModels

/// Database roles: grants to them are served below them and their counts are worked out from
/// the grants; a clone copies the privileges the source holds (as `CREATE DATABASE ROLE ...
/// CLONE` does), into the target database only when it is the same database.
struct DatabaseRoleBehaviour: FamilyBehaviour {
    typealias Family = DatabaseRoleModel

    func prepare(
        _ model: inout DatabaseRoleModel, serverState: inout [String: JSONValue], existing: StoredObject<DatabaseRoleModel>?, context: StoreContext
    ) throws {
        model.comment = model.comment ?? ""
    }

    var changesWithTime: Bool { true }

    func present(_ object: StoredObject<DatabaseRoleModel>, context: StoreContext) throws -> DatabaseRoleModel {
        var model = object.model
        let engine = GrantEngine(context: context)
        let database = object.record.databaseName, name = object.canonicalName
        let held = "securable_type = 'DATABASE ROLE' AND securable_database = ? AND securable_name = ?"
        model.grantedToRoles = try engine.count(held + " AND grantee_type = 'ROLE'", [database, name])
        model.grantedToDatabaseRoles = try engine.count(held + " AND grantee_type = 'DATABASE_ROLE'", [database, name])
        model.grantedDatabaseRoles = try engine.count(
            "grantee_type = 'DATABASE_ROLE' AND grantee_database = ? AND grantee_name = ? AND securable_type = 'DATABASE ROLE'", [database, name])
        return model
    }

    func didClone(from source: StoredObject<DatabaseRoleModel>, to clone: StoredObject<DatabaseRoleModel>, at moment: Date, context: StoreContext) throws {
        guard source.record.databaseName == clone.record.databaseName else { return }
        try context.db.execute(
            sql: """
                INSERT OR IGNORE INTO grants (grantee_type, grantee_database, grantee_name, securable_type, securable_database,
                    securable_schema, securable_name, privilege, grant_option, granted_by, created_on)
                SELECT grantee_type, grantee_database, ?, securable_type, securable_database, securable_schema, securable_name,
                    privilege, grant_option, granted_by, ?
                FROM grants WHERE grantee_type = 'DATABASE_ROLE' AND grantee_database = ? AND grantee_name = ?
                """, arguments: [clone.canonicalName, context.now.timeIntervalSince1970, source.record.databaseName, source.canonicalName])
    }

    func subresource(_ path: [String], of object: StoredObject<DatabaseRoleModel>, context: StoreContext) throws -> APIResponse? {
        try GranteeEndpoints.databaseRole.read(path, grantee: grantee(object), owner: object.model.owner, context: context)
    }

    func changeSubresource(_ path: [String], of object: StoredObject<DatabaseRoleModel>, context: StoreContext) throws -> APIResponse? {
        try GranteeEndpoints.databaseRole.change(path, grantee: grantee(object), context: context)
    }

    private func grantee(_ object: StoredObject<DatabaseRoleModel>) -> Grantee {
        Grantee(kind: .databaseRole, database: object.record.databaseName, name: object.canonicalName)
    }
}
