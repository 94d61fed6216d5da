import Foundation
import SnowflakeModels

/// Databases: kind and retention rules, a `PUBLIC` schema on creation, and drop, undrop and
/// clone carrying the objects inside.
struct DatabaseBehaviour: FamilyBehaviour {
    typealias Family = DatabaseModel

    func prepare(_ model: inout DatabaseModel, serverState: inout [String: JSONValue], existing: StoredObject<DatabaseModel>?, context: StoreContext) throws {
        let kind = try ContainerRules.kind(model.kind, existing: existing?.model.kind, objectKind: "Database")
        model.kind = kind
        model.retentionTime = try ContainerRules.retention(model.dataRetentionTimeInDays, kind: kind)
        model.options = kind == "TRANSIENT" ? "TRANSIENT" : ""
        model.origin = ""
        model.isDefault = false
        model.isCurrent = false
    }

    func didCreate(_ object: StoredObject<DatabaseModel>, context: StoreContext) throws {
        try context.registry.endpoint(family: SchemaModel.descriptor.family)?.insertDefault(
            named: "PUBLIC", database: object.canonicalName, schema: "", owner: object.model.owner ?? context.request.principal.role,
            context: context)
    }

    func retentionDays(of object: StoredObject<DatabaseModel>, context: StoreContext) throws -> Int {
        object.model.retentionTime ?? 1
    }

    func didDrop(_ object: StoredObject<DatabaseModel>, purgeAfter: Date, context: StoreContext) throws {
        try context.db.cascadeDrop(database: object.canonicalName, container: object.record.id, at: context.now, purgeAfter: purgeAfter)
    }

    func didUndrop(_ object: ObjectRecord, context: StoreContext) throws {
        try context.db.cascadeUndrop(container: object.id)
    }

    func prepareClone(_ model: inout DatabaseModel, source: StoredObject<DatabaseModel>, context: StoreContext) throws {
        try ContainerRules.checkClone(sourceKind: source.model.kind, targetKind: model.kind)
        var serverState: [String: JSONValue] = [:]
        try prepare(&model, serverState: &serverState, existing: nil, context: context)
    }

    func didClone(from source: StoredObject<DatabaseModel>, to clone: StoredObject<DatabaseModel>, at moment: Date, context: StoreContext) throws {
        try ContainerRules.copyContents(
            database: source.canonicalName, schema: nil, at: moment, toDatabase: clone.canonicalName, toSchema: nil, context: context)
    }
}
