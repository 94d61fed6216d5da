import Foundation
import SnowflakeModels

/// Databases: kind and retention rules, a `PUBLIC` schema on creation, and drop, undrop and
/// clone carrying the objects inside.
struct DatabaseBehaviour: ContainerBehaviour {
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
            ["name": "PUBLIC"], database: object.canonicalName, schema: "", owner: object.model.owner ?? context.request.principal.role,
            context: context)
    }

    func didDrop(_ object: StoredObject<DatabaseModel>, purgeAfter: Date, context: StoreContext) throws {
        try context.db.cascadeDrop(database: object.canonicalName, container: object.record.id, at: context.now, purgeAfter: purgeAfter)
    }

    func didClone(from source: StoredObject<DatabaseModel>, to clone: StoredObject<DatabaseModel>, at moment: Date, context: StoreContext) throws {
        try ContainerRules.copyContents(
            database: source.canonicalName, schema: nil, at: moment, toDatabase: clone.canonicalName, toSchema: nil, context: context)
    }
}
