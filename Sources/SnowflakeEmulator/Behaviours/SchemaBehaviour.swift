import Foundation
import SnowflakeModels

/// Schemas: kind, managed access and retention rules, and drop, undrop and clone carrying the
/// objects inside.
struct SchemaBehaviour: FamilyBehaviour {
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

    func retentionDays(of object: StoredObject<SchemaModel>, context: StoreContext) throws -> Int {
        object.model.retentionTime ?? 1
    }

    func didDrop(_ object: StoredObject<SchemaModel>, purgeAfter: Date, context: StoreContext) throws {
        try context.db.cascadeDrop(
            database: object.record.databaseName, schema: object.canonicalName, container: object.record.id, at: context.now,
            purgeAfter: purgeAfter)
    }

    func didUndrop(_ object: ObjectRecord, context: StoreContext) throws {
        try context.db.cascadeUndrop(container: object.id)
    }

    func prepareClone(_ model: inout SchemaModel, source: StoredObject<SchemaModel>, context: StoreContext) throws {
        try ContainerRules.checkClone(sourceKind: source.model.kind, targetKind: model.kind)
        var serverState: [String: JSONValue] = [:]
        try prepare(&model, serverState: &serverState, existing: nil, context: context)
    }

    func didClone(from source: StoredObject<SchemaModel>, to clone: StoredObject<SchemaModel>, at moment: Date, context: StoreContext) throws {
        try ContainerRules.copyContents(
            database: source.record.databaseName, schema: source.canonicalName, at: moment,
            toDatabase: clone.record.databaseName, toSchema: clone.canonicalName, context: context)
    }
}
