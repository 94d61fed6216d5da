import Foundation
import SnowflakeModels

/// Sequences: Snowflake's defaults (start 1, increment 1, `NOORDER`), a step that is never
/// 0, clones that continue the source, and rename within or across schemas. Values are handed
/// out only by SQL (`seq.NEXTVAL`), which the REST API has no endpoint for.
struct SequenceBehaviour: FamilyBehaviour {
    typealias Family = SequenceModel

    func prepare(_ model: inout SequenceModel, serverState: inout [String: JSONValue], existing: StoredObject<SequenceModel>?, context: StoreContext) throws {
        model.start = model.start ?? 1
        model.increment = model.increment ?? 1
        guard model.increment != 0 else {
            throw EmulatorError.badRequest("A sequence's increment cannot be 0: use a positive or negative step.")
        }
        // NOORDER is Snowflake's default (NOORDER_SEQUENCE_AS_DEFAULT is true).
        model.ordered = model.ordered ?? false
    }

    /// A clone continues where the source is: the same start, step and order. A comment in
    /// the body replaces the source's.
    func prepareClone(_ model: inout SequenceModel, source: StoredObject<SequenceModel>, context: StoreContext) throws {
        model.start = source.model.start
        model.increment = source.model.increment
        model.ordered = source.model.ordered
        model.comment = model.comment ?? source.model.comment
    }

    func perform(_ verb: String, on object: StoredObject<SequenceModel>, context: StoreContext) throws -> APIResponse? {
        guard verb == "rename" else { return nil }
        try SchemaObjectRename.rename(object, context: context)
        return .success("Statement executed successfully.")
    }
}

/// `:rename?targetName=&targetDatabase=&targetSchema=` for a schema-level object: a new
/// name, in the same schema or in another one that exists, free in the target.
enum SchemaObjectRename {
    static func rename<Family: ReportsSchemaName>(_ object: StoredObject<Family>, context: StoreContext) throws {
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
