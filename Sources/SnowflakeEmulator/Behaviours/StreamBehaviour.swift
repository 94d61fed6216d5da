import Foundation
import SnowflakeModels

/// Streams: the tracked table, view or stage must exist; the fields SHOW STREAMS prints are
/// filled as Snowflake fills them (`mode` DEFAULT / APPEND_ONLY / INSERT_ONLY, `type` DELTA,
/// `table_name` the tracked object's name, `stale_after` 14 days on, `stale` once that passes); a point of time must lie within the
/// source's life, or name a stream on the same source; clones track the same source from the
/// same offset. A stream's rows are read with SQL, which the emulator does not run: no
/// endpoint shows any.
struct StreamBehaviour: FamilyBehaviour {
    typealias Family = StreamModel

    /// How long an unconsumed stream stays readable: Snowflake extends the source's retention
    /// up to `MAX_DATA_EXTENSION_TIME_IN_DAYS` (14 by default) for it.
    static let staleAfterDays = 14

    func prepare(_ model: inout StreamModel, serverState: inout [String: JSONValue], existing: StoredObject<StreamModel>?, context: StoreContext) throws {
        let source = try SourceObject.require(model.streamSource, context: context)
        var mode = "DEFAULT"
        switch model.streamSource {
        case .table(var table):
            (table.name, table.databaseName, table.schemaName) = source.spellings
            if table.appendOnly == true { mode = "APPEND_ONLY" }
            try check(table.pointOfTime, source: source, context: context)
            model.streamSource = .table(table)
        case .view(var view):
            (view.name, view.databaseName, view.schemaName) = source.spellings
            if view.appendOnly == true { mode = "APPEND_ONLY" }
            try check(view.pointOfTime, source: source, context: context)
            model.streamSource = .view(view)
        case .externalTable(var table):
            (table.name, table.databaseName, table.schemaName) = source.spellings
            mode = "INSERT_ONLY"
            try check(table.pointOfTime, source: source, context: context)
            model.streamSource = .externalTable(table)
        case .stage(var stage):
            (stage.name, stage.databaseName, stage.schemaName) = source.spellings
            model.streamSource = .stage(stage)
        }
        model.tableName = Identifier.spelling(forCanonical: source.name)
        model.mode = mode
        model.type = "DELTA"
        model.invalidReason = "N/A"
        model.staleAfter = context.now.addingTimeInterval(TimeInterval(Self.staleAfterDays) * 86_400)
        model.stale = false
    }

    /// A point of time within the source's life, or another stream on the same source.
    private func check(_ point: StreamPointOfTime?, source: SourceObject, context: StoreContext) throws {
        switch point {
        case nil: return
        case .moment(let moment):
            let date = try PointOfTimeResolver.resolve(moment, now: context.now)
            guard date >= source.record.createdOn, date <= context.now else {
                throw EmulatorError.sql(
                    400, "000707",
                    "Time travel data is not available for \(source.kind) \(source.qualifiedSpelling). The requested time is either beyond the allowed time travel period or before the object creation time.")
            }
        case .stream(let name, _):
            let parsed: QualifiedName
            do { parsed = try QualifiedName.parse(name) } catch { throw EmulatorError.invalidIdentifier(name) }
            let database = try parsed.database.map(Self.canonical) ?? context.container.database
            let schema = try parsed.schema.map(Self.canonical) ?? context.container.schema
            let streamName = try Self.canonical(parsed.name)
            let key = ObjectKey(family: StreamModel.descriptor.family, database: database, schema: schema, name: streamName)
            guard let record = try context.db.liveObject(key) else {
                throw EmulatorError.doesNotExist("Stream", ResolvedContainer(database: database, schema: schema).qualified(streamName))
            }
            let other = try SourceObject.require(StoredObject<StreamModel>(record: record).model.streamSource, context: context)
            guard other.record.id == source.record.id else {
                throw EmulatorError.badRequest(
                    "Stream \(name) tracks \(other.qualifiedSpelling), not \(source.qualifiedSpelling): a stream's offset can only be taken from a stream on the same source.")
            }
        }
    }

    // MARK: Clones

    var hasOwnCloneBody: Bool { true }

    /// A `StreamClone` (`name`, `comment`): the copy tracks the source's object from the
    /// source's offset, so it goes stale when the source does.
    func cloneDefinition(_ body: [String: JSONValue], source: StoredObject<StreamModel>, context: StoreContext) throws -> StreamModel {
        var model = source.model
        if let comment = body["comment"] {
            guard case .string(let text) = comment else { throw EmulatorError.badRequest("Invalid Stream clone: 'comment' must be a string.") }
            model.comment = text
        }
        return model
    }

    func prepareClone(_ model: inout StreamModel, source: StoredObject<StreamModel>, context: StoreContext) throws {
        _ = try SourceObject.require(model.streamSource, context: context)
    }

    // MARK: Time

    var changesWithTime: Bool { true }

    /// A stream nobody consumes is stale from `stale_after` on.
    func present(_ object: StoredObject<StreamModel>, now: Date) -> StreamModel {
        var model = object.model
        if let staleAfter = model.staleAfter { model.stale = now >= staleAfter }
        return model
    }

    static func canonical(_ name: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.invalidIdentifier(name) }
    }
}

/// The object a stream tracks, found in the store by its family's name (`table` and the other
/// table families, `view`, `stage`, `external-table`): a missing one is a 404 in Snowflake's words.
struct SourceObject {
    let record: ObjectRecord
    let kind: String
    let database: String
    let schema: String
    let name: String

    /// The name, database and schema as identifiers that resolve back (the spec's pattern).
    var spellings: (String, String?, String?) {
        (Identifier.spelling(forCanonical: name), Identifier.spelling(forCanonical: database), Identifier.spelling(forCanonical: schema))
    }
    /// The name spelled so it resolves back, for messages.
    var qualifiedSpelling: String { ResolvedContainer(database: database, schema: schema).qualified(name) }

    /// The families a source type may name, the first giving the object kind (as Snowflake's
    /// messages name it) of a missing source. Snowflake streams track dynamic, Iceberg and
    /// event tables as tables.
    static func families(of source: StreamSource) -> (families: [String], kind: String) {
        switch source {
        case .table: (["table", "dynamic-table", "iceberg-table", "event-table"], "Table")
        case .view: (["view"], "View")
        case .stage: (["stage"], "Stage")
        case .externalTable: (["external-table"], "External table")
        }
    }

    static func require(_ source: StreamSource, context: StoreContext) throws -> SourceObject {
        if case .externalTable(let table) = source, table.insertOnly != true {
            throw EmulatorError.badRequest(
                "A stream on external table \(table.name) must be insert-only: set insert_only to true.")
        }
        let (families, kind) = families(of: source)
        let database = try source.databaseName.map(StreamBehaviour.canonical) ?? context.container.database
        let schema = try source.schemaName.map(StreamBehaviour.canonical) ?? context.container.schema
        let name = try StreamBehaviour.canonical(source.name)
        try requireContainers(database: database, schema: schema, context: context)
        var found: ObjectRecord?
        for family in families where found == nil {
            found = try context.db.liveObject(ObjectKey(family: family, database: database, schema: schema, name: name))
        }
        guard let record = found else {
            throw EmulatorError.doesNotExist(kind, ResolvedContainer(database: database, schema: schema).qualified(name))
        }
        return SourceObject(record: record, kind: kind, database: database, schema: schema, name: name)
    }

    /// The database and schema exist (404 for the first that does not).
    static func requireContainers(database: String, schema: String, context: StoreContext) throws {
        for (scope, parent, child) in [(ResourceScope.database, "", database), (.schema, database, schema)] {
            guard let container = context.registry.container(holding: scope) else { continue }
            guard try context.db.liveObjectExists(ObjectKey(family: container.family, database: parent, schema: "", name: child)) else {
                throw EmulatorError.doesNotExist(container.objectKind, ResolvedContainer(database: parent).qualified(child))
            }
        }
    }
}
