import Foundation
import SnowflakeModels

/// Dynamic tables: a target lag of at least a minute, a warehouse that exists, a query whose
/// plain `FROM`/`JOIN` objects exist, one namespace with the schema's other table-like
/// objects, `scheduling_state` moved by suspend and resume, automatic clustering by
/// suspend-recluster and resume-recluster, swap-with, clone (keeping the source's query) and
/// undrop within the table's retention.
///
/// A refresh is recorded (how many were asked for and when the last one was), but the emulator
/// runs no SQL: it computes no rows, and `rows` and `bytes` stay 0.
struct DynamicTableBehaviour: FamilyBehaviour {
    typealias Family = DynamicTableModel

    /// The smallest target lag Snowflake accepts, in seconds.
    static let minimumTargetLag: Int64 = 60

    func prepare(_ model: inout DynamicTableModel, serverState: inout [String: JSONValue], existing: StoredObject<DynamicTableModel>?, context: StoreContext) throws {
        _ = try canonical(model.name)  // a valid identifier
        let kind = try ContainerRules.kind(model.kind, existing: nil, objectKind: Family.descriptor.objectKind)
        model.kind = kind
        try Self.checkTargetLag(model.targetLag)
        model.warehouse = try WarehouseBehaviour.existing(model.warehouse, context: context)
        model.initializationWarehouse = try model.initializationWarehouse.map { try WarehouseBehaviour.existing($0, context: context) }
        model.logLevel = try Self.oneOf(model.logLevel, ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF"], property: "log_level")
        if let backfill = model.backfillFrom {
            // The table a first refresh starts from must exist (a plain or qualified name).
            try TableLikeRules.checkSources(of: "select * from \(backfill)", ownName: nil, context: context)
        }
        model.refreshMode = try Self.oneOf(model.refreshMode, ["AUTO", "FULL", "INCREMENTAL"], property: "refresh_mode") ?? "AUTO"
        model.initialize = try Self.oneOf(model.initialize, ["ON_CREATE", "ON_SCHEDULE"], property: "initialize") ?? "ON_CREATE"
        guard !model.query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw EmulatorError.badRequest("A dynamic table needs a query.")
        }
        let sourceColumns = try TableLikeRules.checkSources(of: model.query, ownName: nil, context: context)
        var seen = Set<String>()
        model.columns = try model.columns.map { columns in
            try columns.map { column in
                let columnName = try canonical(column.name)
                guard seen.insert(columnName).inserted else {
                    throw EmulatorError.badRequest("SQL compilation error: duplicate column name '\(Identifier.displayName(forCanonical: columnName))'")
                }
                var shown = column
                shown.name = Identifier.displayName(forCanonical: columnName)
                return shown
            }
        }
        if let sourceColumns {
            let derived = sourceColumns.compactMap(ViewBehaviour.column(from:))
            if model.columns?.isEmpty ?? true {
                model.columns = derived.map { DynamicTableColumn(name: $0.name, datatype: $0.datatype) }
            } else if derived.count == model.columns?.count {
                for index in derived.indices where model.columns?[index].datatype == nil {
                    model.columns?[index].datatype = derived[index].datatype
                }
            }
        }
        model.dataRetentionTimeInDays = try ContainerRules.retention(
            model.dataRetentionTimeInDays ?? min(EventTableBehaviour.schemaRetention(context), kind == "TRANSIENT" ? 1 : 90), kind: kind)
        if let days = model.maxDataExtensionTimeInDays, !(0...90).contains(days) {
            throw EmulatorError.badRequest(
                "Invalid value \(days) for property 'max_data_extension_time_in_days': it must be between 0 and 90.")
        }
        model.maxDataExtensionTimeInDays = model.maxDataExtensionTimeInDays ?? 14
        if model.clusterBy?.isEmpty == true { model.clusterBy = nil }
        model.rows = 0
        model.bytes = 0
        model.schedulingState = .running
        model.scheduler = "ENABLE"
        model.budget = nil
        Self.fillClustering(&model, serverState: serverState)
    }

    func retentionDays(of object: StoredObject<DynamicTableModel>, context: StoreContext) throws -> Int {
        object.model.dataRetentionTimeInDays ?? 1
    }

    // MARK: Clone

    var hasOwnCloneBody: Bool { true }

    /// A `DynamicTableClone` body: the source's definition under the copy's name, with the
    /// body's target lag and warehouse where given.
    func cloneDefinition(_ body: [String: JSONValue], source: StoredObject<DynamicTableModel>, context: StoreContext) throws -> DynamicTableModel {
        let request = try RequestBody.decode(
            DynamicTableCloneRequest.self, from: WireCoding.sharedEncoder.encode(body), as: "Dynamic table clone")
        var model = source.model
        model.name = request.name
        if let lag = request.targetLag { model.targetLag = lag }
        if let warehouse = request.warehouse { model.warehouse = warehouse }
        return model
    }

    /// A clone keeps the source's definition as it was checked when the source was created; the
    /// copy's own name, target lag and warehouse are checked again.
    func prepareClone(_ model: inout DynamicTableModel, source: StoredObject<DynamicTableModel>, context: StoreContext) throws {
        try Self.checkTargetLag(model.targetLag)
        model.warehouse = try WarehouseBehaviour.existing(model.warehouse, context: context)
        model.schedulingState = .running
        Self.fillClustering(&model, serverState: [:])
    }

    // MARK: Actions

    func perform(_ verb: String, on object: StoredObject<DynamicTableModel>, context: StoreContext) throws -> APIResponse? {
        var table = object
        let shown = Identifier.displayName(forCanonical: object.canonicalName)
        switch verb {
        case "suspend":
            table.model.schedulingState = .suspended
        case "resume":
            table.model.schedulingState = .running
        case "suspend-recluster", "resume-recluster":
            table.serverState["recluster_suspended"] = .bool(verb == "suspend-recluster")
            Self.fillClustering(&table.model, serverState: table.serverState)
        case "refresh":
            var count: Int64 = 0
            if case .integer(let previous)? = table.serverState["refresh_requests"] { count = previous }
            count += 1
            table.serverState["refresh_requests"] = .integer(count)
            table.serverState["last_refresh_requested_on"] = .double(context.now.timeIntervalSince1970)
            try table.save(in: context.db)
            return .success(
                "Refresh of dynamic table \(shown) recorded (request \(count)); the emulator does not run SQL, so no rows were computed.")
        case "swap-with":
            try swap(table, context: context)
            return .success("Statement executed successfully.")
        default:
            return nil
        }
        try table.save(in: context.db)
        return .success("Statement executed successfully.")
    }

    /// `:swap-with?targetName=&targetDatabase=&targetSchema=`: the two dynamic tables trade
    /// names and places; tags set on each stay with it.
    private func swap(_ table: StoredObject<DynamicTableModel>, context: StoreContext) throws {
        let query = context.request.query
        guard let targetName = query["targetName"], !targetName.isEmpty else {
            throw EmulatorError.badRequest("Query parameter 'targetName' is required: the dynamic table to swap with.")
        }
        let name = try canonical(targetName)
        let database = try query["targetDatabase"].flatMap { $0.isEmpty ? nil : $0 }.map(canonical) ?? table.record.databaseName
        let schema = try query["targetSchema"].flatMap { $0.isEmpty ? nil : $0 }.map(canonical) ?? table.record.schemaName
        let family = Family.descriptor.family
        let otherKey = ObjectKey(family: family, database: database, schema: schema, name: name)
        let ownKey = ObjectKey(family: family, database: table.record.databaseName, schema: table.record.schemaName, name: table.canonicalName)
        guard otherKey != ownKey else {
            throw EmulatorError.badRequest("A dynamic table cannot be swapped with itself.")
        }
        guard let otherRecord = try context.db.liveObject(otherKey) else {
            throw EmulatorError.doesNotExist(Family.descriptor.objectKind, ResolvedContainer(database: database, schema: schema).qualified(name))
        }
        var other = try StoredObject<DynamicTableModel>(record: otherRecord)
        var own = table
        // Through a name no object can have, as both names are taken until the swap is done.
        let parking = ObjectKey(family: family, database: ownKey.database, schema: ownKey.schema, name: "\u{0}swap-\(own.record.id)")
        try context.db.renameObject(id: own.record.id, to: parking)
        try context.db.renameObject(id: other.record.id, to: ownKey)
        try context.db.renameObject(id: own.record.id, to: otherKey)
        Self.place(&own.model, at: otherKey)
        Self.place(&other.model, at: ownKey)
        try own.save(in: context.db)
        try other.save(in: context.db)
    }

    // MARK: Rules

    private static func place(_ model: inout DynamicTableModel, at key: ObjectKey) {
        model.name = Identifier.displayName(forCanonical: key.name)
        model.databaseName = Identifier.displayName(forCanonical: key.database)
        model.schemaName = Identifier.displayName(forCanonical: key.schema)
    }

    /// Automatic clustering is on for a table with a clustering key, unless suspended.
    static func fillClustering(_ model: inout DynamicTableModel, serverState: [String: JSONValue]) {
        let suspended = serverState["recluster_suspended"] == .bool(true)
        model.automaticClustering = !(model.clusterBy ?? []).isEmpty && !suspended
    }

    static func checkTargetLag(_ lag: DynamicTableTargetLag) throws {
        guard case .seconds(let seconds) = lag else { return }
        guard seconds >= minimumTargetLag else {
            throw EmulatorError.badRequest(
                "Invalid value \(seconds) seconds for 'target_lag': the target lag of a dynamic table is at least 1 minute (60 seconds), or DOWNSTREAM.")
        }
    }

    static func oneOf(_ value: String?, _ allowed: [String], property: String) throws -> String? {
        guard let value else { return nil }
        guard let known = allowed.first(where: { $0 == value.uppercased() }) else {
            throw EmulatorError.badRequest("Invalid value '\(value)' for property '\(property)': use \(allowed.joined(separator: ", ")).")
        }
        return known
    }

    // MARK: Listings

    var changesWithTime: Bool { true }

    /// A listing shows the columns only with `deep=true`; a fetch always shows them.
    func present(_ object: StoredObject<DynamicTableModel>, context: StoreContext) throws -> DynamicTableModel {
        var model = object.model
        if Self.isListing(context.request), try context.request.flag("deep") != true { model.columns = nil }
        return model
    }

    static func isListing(_ request: APIRequest) -> Bool {
        let segments = request.path.split(separator: " ", maxSplits: 1).last?.split(separator: "/") ?? []
        return segments.last.map(String.init) == Family.descriptor.collectionPath && segments.count % 2 == 1
    }

    private func canonical(_ name: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.invalidIdentifier(name) }
    }
}
