import Foundation
import GRDB
import SnowflakeModels

/// Tables: columns with their types parsed and shown as Snowflake shows them, primary,
/// unique and foreign keys checked, kinds and retention, create-or-alter changing columns only
/// the ways Snowflake can, clustering with suspend/resume, create-like, clone with time travel,
/// swap, and listings without columns unless `deep`. Creating a table from a query
/// (`as-select`, `using-template`) needs SQL, which the emulator does not run: those answer a
/// 400 that says so.
struct TableBehaviour: FamilyBehaviour {
    typealias Family = TableModel

    private static let reclusterSuspended = "recluster_suspended"
    private var family: String { TableModel.descriptor.family }

    // MARK: Definitions

    func prepare(_ model: inout TableModel, serverState: inout [String: JSONValue], existing: StoredObject<TableModel>?, context: StoreContext) throws {
        let name = try canonical(model.name)
        let kind = try kind(of: model, context: context)
        if let existing, let old = existing.model.kind, old != kind {
            throw EmulatorError.badRequest("The kind of a table cannot be changed: table \(Identifier.displayName(forCanonical: name)) is \(old), not \(kind).")
        }
        model.kind = kind
        let limit = kind == "PERMANENT" ? 90 : 1
        if let days = model.dataRetentionTimeInDays, !(0...limit).contains(days) {
            throw EmulatorError.badRequest(
                "Invalid value \(days) for property 'data_retention_time_in_days': it must be between 0 and \(limit) for a \(kind.lowercased()) table.")
        }
        let inherited = min(try inheritedRetention(context), limit)
        model.dataRetentionTimeInDays = model.dataRetentionTimeInDays ?? inherited
        if let days = model.maxDataExtensionTimeInDays, !(0...90).contains(days) {
            throw EmulatorError.badRequest("Invalid value \(days) for property 'max_data_extension_time_in_days': it must be between 0 and 90.")
        }
        model.maxDataExtensionTimeInDays = model.maxDataExtensionTimeInDays ?? 14
        // CREATE OR ALTER leaves change tracking alone when the definition does not mention it.
        model.changeTracking = model.changeTracking ?? existing?.model.changeTracking ?? false
        model.enableSchemaEvolution = model.enableSchemaEvolution ?? false

        var columns = try normalisedColumns(model.columns ?? [], defaultCollation: model.defaultDdlCollation)
        guard !columns.isEmpty else {
            throw EmulatorError.badRequest("Table \(Identifier.displayName(forCanonical: name)) needs at least one column.")
        }
        let table = QualifiedTable(database: context.container.database, schema: context.container.schema, name: name)
        model.constraints = try normalisedConstraints(model.constraints ?? [], columns: &columns, table: table, context: context)
        model.columns = columns
        model.clusterBy = try normalisedClusterKey(model.clusterBy, columns: columns)
        if let existing { try checkAlteration(from: existing.model.columns ?? [], to: columns, table: name) }

        let suspended = serverState[Self.reclusterSuspended] == .bool(true)
        model.automaticClustering = !(model.clusterBy ?? []).isEmpty && !suspended
        model.rows = 0
        model.bytes = 0
        model.searchOptimization = false
        model.searchOptimizationProgress = nil
        model.searchOptimizationBytes = nil
        model.budget = nil
        model.tableType = "NORMAL"
    }

    /// The kind: `PERMANENT` unless given; every table of a transient schema or database is
    /// transient.
    private func kind(of model: TableModel, context: StoreContext) throws -> String {
        var kind = (model.kind ?? "PERMANENT").uppercased()
        if kind.isEmpty { kind = "PERMANENT" }
        guard ["PERMANENT", "TRANSIENT", "TEMPORARY"].contains(kind) else {
            throw EmulatorError.badRequest("Invalid value '\(model.kind ?? "")' for property 'kind': use PERMANENT, TRANSIENT or TEMPORARY.")
        }
        if kind == "PERMANENT", try containerIsTransient(context) { kind = "TRANSIENT" }
        return kind
    }

    private func containerIsTransient(_ context: StoreContext) throws -> Bool {
        let schema = try context.db.liveObject(ObjectKey(family: SchemaModel.descriptor.family, database: context.container.database, name: context.container.schema))
        let database = try context.db.liveObject(ObjectKey(family: DatabaseModel.descriptor.family, name: context.container.database))
        let kinds = [try schema.map { try StoredObject<SchemaModel>(record: $0).model.kind }, try database.map { try StoredObject<DatabaseModel>(record: $0).model.kind }]
        return kinds.contains { $0??.uppercased() == "TRANSIENT" }
    }

    /// The schema's retention, which a new table inherits.
    private func inheritedRetention(_ context: StoreContext) throws -> Int {
        guard let record = try context.db.liveObject(ObjectKey(family: SchemaModel.descriptor.family, database: context.container.database, name: context.container.schema)) else { return 1 }
        let schema = try StoredObject<SchemaModel>(record: record).model
        return schema.dataRetentionTimeInDays ?? schema.retentionTime ?? 1
    }

    private func normalisedColumns(_ columns: [TableColumn], defaultCollation: String?) throws -> [TableColumn] {
        var seen: Set<String> = []
        return try columns.map { column in
            var column = column
            let name = try canonical(column.name)
            guard seen.insert(name).inserted else {
                throw EmulatorError.sql(400, "002025", "Duplicate column name '\(Identifier.displayName(forCanonical: name))'.")
            }
            column.name = Identifier.displayName(forCanonical: name)
            let type = try TableDataType.parse(column.datatype)
            column.datatype = type.spelling
            column.nullable = column.nullable ?? true
            if let collate = column.collate ?? (type.isText ? defaultCollation : nil) {
                guard type.isText else {
                    throw EmulatorError.badRequest("Column \(column.name) is \(type.spelling): only text columns have a collation.")
                }
                column.collate = collate
            }
            if column.autoincrementStart != nil || column.autoincrementIncrement != nil {
                guard column.autoincrement != false else {
                    throw EmulatorError.badRequest("Column \(column.name) has autoincrement_start or autoincrement_increment but autoincrement is false.")
                }
                column.autoincrement = true
            }
            if column.autoincrement == true {
                guard type.isFixedPoint else {
                    throw EmulatorError.badRequest("Column \(column.name) is \(type.spelling): only NUMBER columns can be AUTOINCREMENT.")
                }
                guard column.default == nil else {
                    throw EmulatorError.badRequest("Column \(column.name) cannot have both a default and AUTOINCREMENT.")
                }
                if column.autoincrementIncrement == 0 {
                    throw EmulatorError.badRequest("Column \(column.name): autoincrement_increment cannot be 0.")
                }
                column.autoincrementStart = column.autoincrementStart ?? 1
                column.autoincrementIncrement = column.autoincrementIncrement ?? 1
            } else {
                column.autoincrement = false
            }
            return column
        }
    }

    // MARK: Constraints

    /// A table's identity in canonical names.
    private struct QualifiedTable: Hashable {
        var database: String
        var schema: String
        var name: String
        var display: String { ResolvedContainer(database: database, schema: schema).qualified(name) }
    }

    /// Checks every constraint (table-level and on columns) and spells it as stored, all at
    /// table level: names filled, columns canonical, foreign keys naming their table in full.
    /// Primary key columns become NOT NULL.
    private func normalisedConstraints(
        _ tableConstraints: [TableConstraint], columns: inout [TableColumn], table: QualifiedTable, context: StoreContext
    ) throws -> [TableConstraint] {
        let names = Set(columns.map { Identifier.unquote($0.name) })
        // The table's own keys as given, for foreign keys that refer to the table itself.
        let own = tableConstraints + columns.flatMap { column in
            (column.constraints ?? []).map { constraint -> TableConstraint in
                var constraint = constraint
                constraint.columnNames = constraint.columnNames ?? [column.name]
                return constraint
            }
        }
        var primaryKeyColumns: [String]?
        func normalise(_ constraint: TableConstraint, onColumn column: String?) throws -> TableConstraint {
            var constraint = constraint
            let given = constraint.columnNames ?? column.map { [Identifier.spelling(forCanonical: $0)] } ?? []
            guard !given.isEmpty else {
                throw EmulatorError.badRequest("The \(constraint.constraintType) constraint \(constraint.name ?? "") names no columns.")
            }
            let canonicalColumns = try given.map { try canonical($0) }
            for name in canonicalColumns where !names.contains(name) {
                throw EmulatorError.invalidIdentifier(Identifier.displayName(forCanonical: name))
            }
            constraint.columnNames = canonicalColumns.map(Identifier.displayName(forCanonical:))
            constraint.name = try constraint.name.map { Identifier.displayName(forCanonical: try canonical($0)) }
                ?? "SYS_CONSTRAINT_" + UUID().uuidString.replacingOccurrences(of: "-", with: "_")
            switch constraint {
            case .primaryKey:
                guard primaryKeyColumns == nil else {
                    throw EmulatorError.badRequest("Table \(Identifier.displayName(forCanonical: table.name)) can have only one primary key.")
                }
                primaryKeyColumns = canonicalColumns
            case .unique:
                break
            case .foreignKey(let key):
                constraint = .foreignKey(
                    try checkedForeignKey(key, columns: canonicalColumns, table: table, ownColumns: names, own: own, context: context))
            }
            return constraint
        }
        var columnConstraints: [[TableConstraint]?] = []
        for column in columns {
            let name = Identifier.unquote(column.name)
            columnConstraints.append(try column.constraints.map { try $0.map { try normalise($0, onColumn: name) } })
        }
        let result = try tableConstraints.map { try normalise($0, onColumn: nil) }
        // Snowflake does not remember whether a constraint was written on its column or on the
        // table: every constraint comes back at table level.
        for index in columns.indices {
            columns[index].constraints = nil
            if primaryKeyColumns?.contains(Identifier.unquote(columns[index].name)) == true { columns[index].nullable = false }
        }
        return columnConstraints.compactMap { $0 }.flatMap { $0 } + result
    }

    /// A foreign key must name an existing table (this one included) and columns of it that
    /// are its primary key or a unique key.
    private func checkedForeignKey(
        _ key: TableForeignKey, columns: [String], table: QualifiedTable, ownColumns: Set<String>, own: [TableConstraint], context: StoreContext
    ) throws -> TableForeignKey {
        var key = key
        let reference: QualifiedName
        do { reference = try QualifiedName.parse(key.referencedTableName) } catch {
            throw EmulatorError.invalidIdentifier(key.referencedTableName)
        }
        let target = QualifiedTable(
            database: try reference.database.map(canonical) ?? table.database,
            schema: try reference.schema.map(canonical) ?? table.schema, name: try canonical(reference.name))
        let targetColumns: Set<String>
        let targetKeys: [TableConstraint]
        if target == table {
            targetColumns = ownColumns
            targetKeys = own
        } else {
            guard let record = try context.db.liveObject(ObjectKey(family: family, database: target.database, schema: target.schema, name: target.name)) else {
                throw EmulatorError.doesNotExist("Table", target.display)
            }
            let referenced = try StoredObject<TableModel>(record: record).model
            targetColumns = Set((referenced.columns ?? []).map { Identifier.unquote($0.name) })
            targetKeys = (referenced.constraints ?? []) + (referenced.columns ?? []).flatMap { $0.constraints ?? [] }
        }
        let referencedColumns = try key.referencedColumnNames.map { try canonical($0) }
        for name in referencedColumns where !targetColumns.contains(name) {
            throw EmulatorError.invalidIdentifier(Identifier.displayName(forCanonical: name))
        }
        guard referencedColumns.count == columns.count else {
            throw EmulatorError.badRequest(
                "Foreign key \(key.name ?? "") has \(columns.count) column(s) but references \(referencedColumns.count).")
        }
        let isKey = targetKeys.contains { constraint in
            switch constraint {
            case .primaryKey, .unique:
                return Set((constraint.columnNames ?? []).compactMap { try? canonical($0) }) == Set(referencedColumns)
            case .foreignKey:
                return false
            }
        }
        guard isKey else {
            throw EmulatorError.badRequest(
                "Foreign key \(key.name ?? "") references columns (\(referencedColumns.map(Identifier.displayName(forCanonical:)).joined(separator: ", "))) of table \(target.display), which are not its primary key or a unique key.")
        }
        key.referencedTableName = target.display
        key.referencedColumnNames = referencedColumns.map(Identifier.displayName(forCanonical:))
        return key
    }

    /// A clustering key's plain column names must be columns; expressions are kept as given.
    private func normalisedClusterKey(_ keys: [String]?, columns: [TableColumn]) throws -> [String]? {
        guard let keys else { return nil }
        let names = Set(columns.map { Identifier.unquote($0.name) })
        return try keys.map { key in
            let trimmed = key.trimmingCharacters(in: .whitespaces)
            guard Identifier.isSimple(trimmed) || Identifier.isQuoted(trimmed) else { return trimmed }
            let name = try canonical(trimmed)
            guard names.contains(name) else { throw EmulatorError.invalidIdentifier(Identifier.displayName(forCanonical: name)) }
            return Identifier.displayName(forCanonical: name)
        }
    }

    // MARK: Create or alter

    /// What CREATE OR ALTER TABLE may do to existing columns: drop them, add new ones, widen a
    /// VARCHAR, change a NUMBER's precision, change nullability and comments, drop a default.
    /// Anything else is refused and the table stays as it was.
    private func checkAlteration(from old: [TableColumn], to new: [TableColumn], table: String) throws {
        let before = Dictionary(old.map { (Identifier.unquote($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        for column in new {
            guard let previous = before[Identifier.unquote(column.name)] else { continue }
            func refuse(_ why: String) -> EmulatorError {
                EmulatorError.badRequest("Cannot alter table \(Identifier.displayName(forCanonical: table)): \(why). The table is unchanged.", code: "002108")
            }
            let oldType = try TableDataType.parse(previous.datatype), newType = try TableDataType.parse(column.datatype)
            if let why = oldType.refusalToBecome(newType) {
                throw refuse("cannot change column \(column.name) from type \(oldType.spelling) to \(newType.spelling) because \(why)")
            }
            if previous.default != column.default, column.default != nil {
                throw refuse("cannot change the default of column \(column.name) (a default can only be dropped)")
            }
            if previous.autoincrement != column.autoincrement || (column.autoincrement == true
                && (previous.autoincrementStart != column.autoincrementStart || previous.autoincrementIncrement != column.autoincrementIncrement)) {
                throw refuse("cannot change the AUTOINCREMENT of column \(column.name)")
            }
            if previous.collate != column.collate {
                throw refuse("cannot change the collation of column \(column.name)")
            }
        }
    }

    // MARK: Listing

    var shapesListings: Bool { true }

    /// SHOW TABLES has no columns: a listing shows them (and constraints) only with `deep`.
    func listed(_ model: TableModel, request: APIRequest) throws -> TableModel {
        if try request.flag("deep") == true { return model }
        var shown = model
        shown.columns = nil
        shown.constraints = nil
        return shown
    }

    // MARK: Drop and clone

    /// DROP TABLE cascades by default: foreign keys of other tables that refer to the dropped
    /// table are dropped with it (undropping the table does not bring them back).
    func didDrop(_ object: StoredObject<TableModel>, purgeAfter: Date, context: StoreContext) throws {
        let dropped = ResolvedContainer(database: object.record.databaseName, schema: object.record.schemaName).qualified(object.canonicalName)
        let rows = try Row.fetchAll(
            context.db, sql: "SELECT * FROM objects WHERE family = ? AND dropped_on IS NULL AND id != ? AND body LIKE ?",
            arguments: [family, object.record.id, "%FOREIGN KEY%"])
        for row in rows {
            var table = try StoredObject<TableModel>(record: ObjectRecord(row: row))
            let constraints = table.model.constraints ?? []
            let kept = constraints.filter { constraint in
                if case .foreignKey(let key) = constraint { return key.referencedTableName != dropped }
                return true
            }
            guard kept.count != constraints.count else { continue }
            table.model.constraints = kept
            try table.save(in: context.db)
        }
    }

    func retentionDays(of object: StoredObject<TableModel>, context: StoreContext) throws -> Int {
        object.model.dataRetentionTimeInDays ?? 1
    }

    /// A clone takes the source's columns, constraints and clustering key, and its other
    /// properties unless the body sets them. Transient and temporary tables cannot become
    /// permanent ones.
    func prepareClone(_ model: inout TableModel, source: StoredObject<TableModel>, context: StoreContext) throws {
        let sourceKind = source.model.kind ?? "PERMANENT"
        let targetKind = (model.kind ?? "PERMANENT").isEmpty ? "PERMANENT" : (model.kind ?? "PERMANENT").uppercased()
        if sourceKind != "PERMANENT", targetKind == "PERMANENT", !(try containerIsTransient(context)) {
            throw EmulatorError.sql(400, "002304", "\(sourceKind.capitalized) object cannot be cloned to a permanent object.")
        }
        if let columns = model.columns, !columns.isEmpty {
            let given = try normalisedColumns(columns, defaultCollation: model.defaultDdlCollation ?? source.model.defaultDdlCollation)
            guard given.map({ [$0.name, $0.datatype] }) == (source.model.columns ?? []).map({ [$0.name, $0.datatype] }) else {
                throw EmulatorError.badRequest("A clone has the columns of the table it copies: leave 'columns' out or give the same columns.")
            }
        }
        let copied = respelled(source.model)
        model.columns = copied.columns
        model.constraints = model.constraints ?? copied.constraints
        model.clusterBy = model.clusterBy ?? copied.clusterBy
        model.comment = model.comment ?? source.model.comment
        model.changeTracking = model.changeTracking ?? source.model.changeTracking
        model.enableSchemaEvolution = model.enableSchemaEvolution ?? source.model.enableSchemaEvolution
        model.dataRetentionTimeInDays = model.dataRetentionTimeInDays ?? (targetKind == sourceKind ? source.model.dataRetentionTimeInDays : nil)
        model.maxDataExtensionTimeInDays = model.maxDataExtensionTimeInDays ?? source.model.maxDataExtensionTimeInDays
        model.defaultDdlCollation = model.defaultDdlCollation ?? source.model.defaultDdlCollation
        var serverState: [String: JSONValue] = [:]
        try prepare(&model, serverState: &serverState, existing: nil, context: context)
    }

    /// A clone at a point in the past needs time travel data: within the source's retention.
    func didClone(from source: StoredObject<TableModel>, to clone: StoredObject<TableModel>, at moment: Date, context: StoreContext) throws {
        guard moment < context.now else { return }
        let days = source.model.dataRetentionTimeInDays ?? 1
        guard moment >= context.now.addingTimeInterval(-TimeInterval(days) * 86_400) else {
            let name = ResolvedContainer(database: source.record.databaseName, schema: source.record.schemaName).qualified(source.canonicalName)
            throw EmulatorError.sql(
                400, "000707",
                "Time travel data is not available for table \(name). The requested time is either beyond the allowed time travel period or before the object creation time.")
        }
    }

    // MARK: Actions

    func perform(_ verb: String, on object: StoredObject<TableModel>, context: StoreContext) throws -> APIResponse? {
        switch verb {
        case "create-like":
            let body = try RequestBody.decode(TableNameOnly.self, from: context.request.body, as: "TableLike")
            return try createLike(object, name: body.name, context: context)
        case "create_like":
            guard let name = context.request.query["newTableName"], !name.isEmpty else {
                throw EmulatorError.badRequest("Query parameter 'newTableName' is required: the name of the table to create.")
            }
            return try createLike(object, name: name, context: context)
        case "swap-with":
            guard let target = context.request.query["targetName"], !target.isEmpty else {
                throw EmulatorError.badRequest("Query parameter 'targetName' is required: the table to swap with.")
            }
            let name = QualifiedName(
                database: context.request.query["targetDatabase"].flatMap { $0.isEmpty ? nil : $0 },
                schema: context.request.query["targetSchema"].flatMap { $0.isEmpty ? nil : $0 }, name: target)
            return try swap(object, with: name, context: context)
        case "swapwith":
            guard let target = context.request.query["targetTableName"], !target.isEmpty else {
                throw EmulatorError.badRequest("Query parameter 'targetTableName' is required: the table to swap with.")
            }
            do { return try swap(object, with: try QualifiedName.parse(target), context: context) } catch let error as IdentifierError {
                throw EmulatorError.invalidIdentifier(error.text)
            }
        case "suspend-recluster", "suspend_recluster":
            return try setReclustering(object, suspended: true, context: context)
        case "resume-recluster", "resume_recluster":
            return try setReclustering(object, suspended: false, context: context)
        default:
            return nil
        }
    }

    /// `CREATE TABLE <name> LIKE <source>`: an empty table with the source's columns,
    /// constraints and clustering key, in the source's schema.
    private func createLike(_ source: StoredObject<TableModel>, name: String, context: StoreContext) throws -> APIResponse {
        let target = try canonical(name)
        let key = ObjectKey(family: family, database: source.record.databaseName, schema: source.record.schemaName, name: target)
        if let existing = try context.db.liveObject(key) {
            switch try context.request.createMode() {
            case .errorIfExists: throw EmulatorError.alreadyExists(Identifier.displayName(forCanonical: target))
            case .ifNotExists: return .success("\(Identifier.displayName(forCanonical: target)) already exists, statement succeeded.")
            case .orReplace: try replace(StoredObject<TableModel>(record: existing), context: context)
            }
        }
        let copied = respelled(source.model)
        let definition = TableModel(
            name: Identifier.spelling(forCanonical: target), clusterBy: copied.clusterBy, defaultDdlCollation: copied.defaultDdlCollation,
            columns: copied.columns, constraints: copied.constraints)
        let fields = try WireCoding.sharedDecoder.decode([String: JSONValue].self, from: WireCoding.encodeRequestBody(definition, with: WireCoding.sharedEncoder))
        guard let endpoint = context.registry.endpoint(family: family) else { throw EmulatorError.noEndpoint(context.request.method, context.request.path) }
        try endpoint.insertDefault(
            fields, database: source.record.databaseName, schema: source.record.schemaName, owner: context.request.principal.role, context: context)
        return .success("Table \(Identifier.displayName(forCanonical: target)) successfully created.")
    }

    /// Drops a table replaced by `orReplace`, keeping it for undrop within its retention.
    private func replace(_ object: StoredObject<TableModel>, context: StoreContext) throws {
        let days = object.model.dataRetentionTimeInDays ?? 1
        if days > 0 {
            try context.db.markDropped(id: object.record.id, at: context.now, purgeAfter: context.now.addingTimeInterval(TimeInterval(days) * 86_400))
        } else {
            try context.db.deleteObject(id: object.record.id)
        }
        let container = ResolvedContainer(database: object.record.databaseName, schema: object.record.schemaName)
        try GrantEngine(context: context).forget(TableModel.descriptor, container: container, name: object.canonicalName)
    }

    /// `ALTER TABLE a SWAP WITH b`: the two tables exchange names and places.
    private func swap(_ object: StoredObject<TableModel>, with target: QualifiedName, context: StoreContext) throws -> APIResponse {
        let targetKey = ObjectKey(
            family: family, database: try target.database.map(canonical) ?? object.record.databaseName,
            schema: try target.schema.map(canonical) ?? object.record.schemaName, name: try canonical(target.name))
        let sourceKey = ObjectKey(family: family, database: object.record.databaseName, schema: object.record.schemaName, name: object.canonicalName)
        guard targetKey != sourceKey else {
            throw EmulatorError.badRequest("Table \(Identifier.displayName(forCanonical: object.canonicalName)) cannot be swapped with itself.")
        }
        guard let record = try context.db.liveObject(targetKey) else {
            throw EmulatorError.doesNotExist("Table", ResolvedContainer(database: targetKey.database, schema: targetKey.schema).qualified(targetKey.name))
        }
        let other = try StoredObject<TableModel>(record: record)
        let parking = ObjectKey(family: family, database: sourceKey.database, schema: sourceKey.schema, name: "\u{1}swap-\(object.record.id)")
        try context.db.renameObject(id: object.record.id, to: parking)
        try context.db.renameObject(id: other.record.id, to: sourceKey)
        try context.db.renameObject(id: object.record.id, to: targetKey)
        for (swapped, key) in [(object, targetKey), (other, sourceKey)] {
            var table = swapped
            table.model.name = Identifier.displayName(forCanonical: key.name)
            table.model.databaseName = Identifier.displayName(forCanonical: key.database)
            table.model.schemaName = Identifier.displayName(forCanonical: key.schema)
            try table.save(in: context.db)
        }
        return .success("Statement executed successfully.")
    }

    /// SUSPEND / RESUME RECLUSTER: automatic clustering of a table with a clustering key.
    private func setReclustering(_ object: StoredObject<TableModel>, suspended: Bool, context: StoreContext) throws -> APIResponse {
        guard !(object.model.clusterBy ?? []).isEmpty else {
            throw EmulatorError.badRequest(
                "Table \(Identifier.displayName(forCanonical: object.canonicalName)) has no clustering key: set cluster_by before suspending or resuming reclustering.")
        }
        var table = object
        table.serverState[Self.reclusterSuspended] = .bool(suspended)
        table.model.automaticClustering = !suspended
        try table.save(in: context.db)
        return .success("Statement executed successfully.")
    }

    // MARK: What needs SQL

    func collectionAction(_ verb: String, context: StoreContext) throws -> APIResponse? {
        switch verb {
        case "as-select", "using-template": throw needsSQL(verb)
        default: return nil
        }
    }

    func objectlessAction(_ verb: String, name: String, context: StoreContext) throws -> APIResponse? {
        switch verb {
        case "as_select", "using_template": throw needsSQL(verb)
        default: return nil
        }
    }

    private func needsSQL(_ verb: String) -> EmulatorError {
        let statement = verb.hasPrefix("as") ? "CREATE TABLE ... AS SELECT" : "CREATE TABLE ... USING TEMPLATE"
        return EmulatorError.badRequest(
            "Unsupported feature: \(statement) needs the emulator to run the query, and the emulator does not run SQL yet. Create the table with its columns instead.",
            code: "000002")
    }

    /// A stored definition with every name spelled so that it resolves back to the same
    /// name (stored names are shown bare even when lower case), to prepare it again.
    private func respelled(_ model: TableModel) -> TableModel {
        func spell(_ name: String) -> String { Identifier.spelling(forCanonical: Identifier.unquote(name)) }
        func spell(_ constraint: TableConstraint) -> TableConstraint {
            var constraint = constraint
            constraint.name = constraint.name.map(spell)
            constraint.columnNames = constraint.columnNames?.map(spell)
            if case .foreignKey(var key) = constraint {
                key.referencedColumnNames = key.referencedColumnNames.map(spell)
                constraint = .foreignKey(key)
            }
            return constraint
        }
        var model = model
        model.columns = model.columns?.map { column in
            var column = column
            column.name = spell(column.name)
            column.constraints = column.constraints?.map(spell)
            return column
        }
        model.constraints = model.constraints?.map(spell)
        model.clusterBy = model.clusterBy?.map { Identifier.isSimple($0) ? spell($0) : $0 }
        return model
    }

    private func canonical(_ name: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.invalidIdentifier(name) }
    }
}

/// A body that only names a table (`TableLike`).
private struct TableNameOnly: Decodable {
    var name: String
}
