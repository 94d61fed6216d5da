import Foundation
import SnowflakeModels

/// `:rename?targetName=&targetDatabase=&targetSchema=` for a schema-level object: a new
/// name, in the same schema or in another one that exists, free in the target.
enum SchemaObjectRename {
    static func rename<Family: MovableByRename & ReportsSchemaName>(_ object: StoredObject<Family>, context: StoreContext) throws {
        let query = context.request.query
        guard let targetName = query["targetName"], !targetName.isEmpty else {
            throw EmulatorError.badRequest("Query parameter 'targetName' is required: the \(Family.descriptor.objectKind.lowercased())'s new name.")
        }
        let name = try canonical(targetName)
        let database = try query["targetDatabase"].flatMap { $0.isEmpty ? nil : $0 }.map(canonical) ?? object.record.databaseName
        let schema = try query["targetSchema"].flatMap { $0.isEmpty ? nil : $0 }.map(canonical) ?? object.record.schemaName
        for (scope, parent, child) in [(ResourceScope.database, "", database), (.schema, database, schema)] {
            guard let container = context.registry.container(holding: scope) else { continue }
            let key = ObjectKey(family: container.family, database: parent, schema: "", name: child)
            guard try context.db.liveObjectExists(key) else {
                throw EmulatorError.doesNotExist(container.objectKind, ResolvedContainer(database: parent).qualified(child))
            }
        }
        try NameSpace.requireFree(name, for: Family.descriptor, in: ResolvedContainer(database: database, schema: schema), context: context)
        try context.db.renameObject(
            id: object.record.id, to: ObjectKey(family: Family.descriptor.family, database: database, schema: schema, name: name))
        var renamed = object
        renamed.model.name = Identifier.displayName(forCanonical: name)
        renamed.model.databaseName = Identifier.displayName(forCanonical: database)
        renamed.model.schemaName = Identifier.displayName(forCanonical: schema)
        try renamed.save(in: context.db)
    }

    private static func canonical(_ name: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.invalidIdentifier(name) }
    }
}
