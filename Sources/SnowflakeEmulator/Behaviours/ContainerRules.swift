import Foundation
import SnowflakeModels

/// A container model (database or schema): it has a kind and a retention.
protocol ContainerModel: ResourceFamily {
    var kind: String? { get set }
    var retentionTime: Int? { get set }
}

extension DatabaseModel: ContainerModel {}
extension SchemaModel: ContainerModel {}

/// What databases and schemas do alike: dropped versions kept for their retention, undrop
/// bringing back what was dropped with them, and no transient-to-permanent clones.
protocol ContainerBehaviour: FamilyBehaviour where Family: ContainerModel {}

extension ContainerBehaviour {
    func retentionDays(of object: StoredObject<Family>, context: StoreContext) throws -> Int {
        object.model.retentionTime ?? 1
    }

    func didUndrop(_ object: ObjectRecord, context: StoreContext) throws {
        try context.db.cascadeUndrop(container: object.id)
    }

    func prepareClone(_ model: inout Family, source: StoredObject<Family>, context: StoreContext) throws {
        try ContainerRules.checkClone(sourceKind: source.model.kind, targetKind: model.kind)
        var serverState: [String: JSONValue] = [:]
        try prepare(&model, serverState: &serverState, existing: nil, context: context)
    }
}

/// Rules databases and schemas share: their kind, their retention, and what dropping,
/// undropping and cloning a container does to the objects inside it.
enum ContainerRules {
    /// Checks and normalises `kind` (`PERMANENT` by default, or `TRANSIENT`); a kind cannot change.
    static func kind(_ kind: String?, existing: String?, objectKind: String) throws -> String {
        let normalised = (kind ?? "PERMANENT").uppercased()
        guard normalised == "PERMANENT" || normalised == "TRANSIENT" else {
            throw EmulatorError.badRequest("Invalid value '\(kind ?? "")' for property 'kind': use PERMANENT or TRANSIENT.")
        }
        if let existing, existing.uppercased() != normalised {
            throw EmulatorError.badRequest("The kind of a \(objectKind.lowercased()) cannot be changed (it is \(existing)).")
        }
        return normalised
    }

    /// Checks `data_retention_time_in_days`: 0 to 90, and at most 1 for transient objects.
    static func retention(_ days: Int?, kind: String) throws -> Int {
        let limit = kind == "TRANSIENT" ? 1 : 90
        if let days, !(0...limit).contains(days) {
            throw EmulatorError.badRequest(
                "Invalid value \(days) for property 'data_retention_time_in_days': it must be between 0 and \(limit) for a \(kind.lowercased()) object.")
        }
        return days ?? 1
    }

    /// A transient object cannot be cloned into a permanent one.
    static func checkClone(sourceKind: String?, targetKind: String?) throws {
        if (sourceKind ?? "PERMANENT").uppercased() == "TRANSIENT", (targetKind ?? "PERMANENT").uppercased() == "PERMANENT" {
            throw EmulatorError.sql(400, "002304", "Transient object cannot be cloned to a permanent object.")
        }
    }

    /// Copies the objects that were inside a container at `moment` into the clone.
    static func copyContents(
        database: String, schema: String?, at moment: Date, toDatabase: String, toSchema: String?, context: StoreContext
    ) throws {
        for record in try context.db.descendants(database: database, schema: schema, existingAt: moment) {
            guard let endpoint = context.registry.endpoint(family: record.family) else { continue }
            let targetSchema = schema == nil ? record.schemaName : (toSchema ?? record.schemaName)
            try endpoint.copy(record, database: toDatabase, schema: targetSchema, context: context)
        }
    }
}
