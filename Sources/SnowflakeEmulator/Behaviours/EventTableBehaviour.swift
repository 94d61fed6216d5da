import Foundation
import SnowflakeModels

/// Event tables: the columns Snowflake defines for every event table, retention inherited from
/// the schema and checked as for tables, a clustering key whose plain names must be columns,
/// one namespace with the schema's other table-like objects, and rename (within the schema or,
/// with a qualified target name, to another one).
struct EventTableBehaviour: FamilyBehaviour {
    typealias Family = EventTableModel

    /// The columns of every event table, with their types as `DESCRIBE TABLE` shows them.
    static let columns: [EventTableColumn] = [
        ("TIMESTAMP", "TIMESTAMP_NTZ(9)"), ("START_TIMESTAMP", "TIMESTAMP_NTZ(9)"), ("OBSERVED_TIMESTAMP", "TIMESTAMP_NTZ(9)"),
        ("TRACE", "OBJECT"), ("RESOURCE", "OBJECT"), ("RESOURCE_ATTRIBUTES", "OBJECT"), ("SCOPE", "OBJECT"),
        ("SCOPE_ATTRIBUTES", "OBJECT"), ("RECORD_TYPE", "VARCHAR(16777216)"), ("RECORD", "OBJECT"),
        ("RECORD_ATTRIBUTES", "OBJECT"), ("VALUE", "VARIANT"), ("EXEMPLARS", "ARRAY"),
    ].map { EventTableColumn(name: $0.0, datatype: $0.1, nullable: true, primaryKey: false, uniqueKey: false) }

    func prepare(_ model: inout EventTableModel, serverState: inout [String: JSONValue], existing: StoredObject<EventTableModel>?, context: StoreContext) throws {
        _ = try canonical(model.name)  // a valid identifier
        model.dataRetentionTimeInDays = try ContainerRules.retention(
            model.dataRetentionTimeInDays ?? Self.schemaRetention(context), kind: "PERMANENT")
        if let days = model.maxDataExtensionTimeInDays, !(0...90).contains(days) {
            throw EmulatorError.badRequest(
                "Invalid value \(days) for property 'max_data_extension_time_in_days': it must be between 0 and 90.")
        }
        model.maxDataExtensionTimeInDays = model.maxDataExtensionTimeInDays ?? 14
        model.changeTracking = model.changeTracking ?? false
        if let keys = model.clusterBy {
            let known = Set(Self.columns.compactMap(\.name))
            for key in keys {
                let trimmed = key.trimmingCharacters(in: .whitespaces)
                // A plain name must be a column; an expression is kept as written.
                guard Identifier.isSimple(trimmed) || Identifier.isQuoted(trimmed) else { continue }
                let column = try canonical(trimmed)
                guard known.contains(column) else { throw EmulatorError.invalidIdentifier(Identifier.spelling(forCanonical: column)) }
            }
            if keys.isEmpty { model.clusterBy = nil }
        }
        model.automaticClustering = !(model.clusterBy ?? []).isEmpty
        model.rows = 0
        model.bytes = 0
        model.searchOptimization = false
        model.searchOptimizationProgress = nil
        model.searchOptimizationBytes = nil
        model.columns = Self.columns
    }

    // MARK: Rename

    func perform(_ verb: String, on object: StoredObject<EventTableModel>, context: StoreContext) throws -> APIResponse? {
        guard verb == "rename" else { return nil }
        guard let targetName = context.request.query["targetName"], !targetName.isEmpty else {
            throw EmulatorError.badRequest("Query parameter 'targetName' is required: the event table's new name.")
        }
        let target: QualifiedName
        do { target = try QualifiedName.parse(targetName) } catch { throw EmulatorError.invalidIdentifier(targetName) }
        let name = try canonical(target.name)
        let database = try target.database.map(canonical) ?? object.record.databaseName
        let schema = try target.schema.map(canonical) ?? object.record.schemaName
        guard try context.db.liveObjectExists(ObjectKey(family: DatabaseModel.descriptor.family, name: database)) else {
            throw EmulatorError.doesNotExist(DatabaseModel.descriptor.objectKind, Identifier.spelling(forCanonical: database))
        }
        guard try context.db.liveObjectExists(ObjectKey(family: SchemaModel.descriptor.family, database: database, name: schema)) else {
            throw EmulatorError.doesNotExist(SchemaModel.descriptor.objectKind, ResolvedContainer(database: database).qualified(schema))
        }
        let place = StoreContext(
            db: context.db, now: context.now, request: context.request, container: ResolvedContainer(database: database, schema: schema))
        try NameSpace.requireFree(name, for: Family.descriptor, in: place.container, context: place)
        try context.db.renameObject(
            id: object.record.id, to: ObjectKey(family: Family.descriptor.family, database: database, schema: schema, name: name))
        var renamed = object
        renamed.model.name = Identifier.displayName(forCanonical: name)
        renamed.model.databaseName = Identifier.displayName(forCanonical: database)
        renamed.model.schemaName = Identifier.displayName(forCanonical: schema)
        try renamed.save(in: context.db)
        return .success("Statement executed successfully.")
    }

    // MARK: Rules

    /// The retention a new table gets from its schema (then its database), else 1 day.
    static func schemaRetention(_ context: StoreContext) throws -> Int {
        let key = ObjectKey(family: SchemaModel.descriptor.family, database: context.container.database, name: context.container.schema)
        if let body = try context.db.liveBody(key),
            let schema = try? WireCoding.sharedDecoder.decode(SchemaModel.self, from: Data(body.utf8))
        {
            return schema.dataRetentionTimeInDays ?? schema.retentionTime ?? 1
        }
        return 1
    }

    private func canonical(_ name: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.invalidIdentifier(name) }
    }
}
