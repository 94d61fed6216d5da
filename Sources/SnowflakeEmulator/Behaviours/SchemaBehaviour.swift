import Foundation
import SnowflakeModels

/// Schemas: kind, managed access and retention rules, and drop, undrop and clone carrying the
/// objects inside.
struct SchemaBehaviour: ContainerBehaviour {
    typealias Family = SchemaModel

    func prepare(_ model: inout SchemaModel, serverState: inout [String: JSONValue], existing: StoredObject<SchemaModel>?, context: StoreContext) throws {
        let kind = try ContainerRules.kind(model.kind, existing: existing?.model.kind, objectKind: "Schema")
        model.kind = kind
        model.managedAccess = model.managedAccess ?? false
        model.retentionTime = try ContainerRules.retention(model.dataRetentionTimeInDays, kind: kind)
        var options: [String] = []
        if kind == "TRANSIENT" { options.append("TRANSIENT") }
        if model.managedAccess == true { options.append("MANAGED ACCESS") }
        model.options = options.joined(separator: ", ")
        model.isDefault = false
        model.isCurrent = false
    }

    func didDrop(_ object: StoredObject<SchemaModel>, purgeAfter: Date, context: StoreContext) throws {
        try context.db.cascadeDrop(
            database: object.record.databaseName, schema: object.canonicalName, container: object.record.id, at: context.now,
            purgeAfter: purgeAfter)
    }

    func didClone(from source: StoredObject<SchemaModel>, to clone: StoredObject<SchemaModel>, at moment: Date, context: StoreContext) throws {
        try ContainerRules.copyContents(
            database: source.record.databaseName, schema: source.canonicalName, at: moment,
            toDatabase: clone.record.databaseName, toSchema: clone.canonicalName, context: context)
    }
}
