import Foundation
import GRDB
import SnowflakeModels

/// The generic endpoints of one family, driven by its descriptor and capabilities, with the
/// family's ``FamilyBehaviour`` called at each step where a family may differ.
struct FamilyController<Behaviour: FamilyBehaviour>: FamilyEndpoint {
    typealias Family = Behaviour.Family

    let behaviour = Behaviour()
    var descriptor: ResourceDescriptor { Family.descriptor }
    var scope: ResourceScope { Family.scope }
    var familyType: any ResourceFamily.Type { Family.self }
    private var kind: String { Family.descriptor.objectKind }

    // MARK: Collection

    func list(_ container: RawContainer, _ request: APIRequest) async throws -> APIResponse {
        guard request.method == "GET" || request.method == "POST" else { throw EmulatorError.methodNotAllowed(request.method, request.path) }
        if request.method == "POST" { return try await create(container, request) }
        let filters = Family.descriptor.listFilters
        let like = filters.contains(.like) ? request.query["like"] : nil
        let startsWith = filters.contains(.startsWith) ? request.query["startsWith"] : nil
        let limit = filters.contains(.showLimit) ? try request.integer("showLimit", in: 1...10_000) : nil
        let fromName = filters.contains(.fromName) ? request.query["fromName"] : nil
        let history = filters.contains(.history) ? (try request.flag("history") ?? false) : false
        let condition = try behaviour.listingCondition(request)
        let matcher = like.map(LikePattern.init)
        let showsDroppedOn = Family.self is any ReportsDroppedOn.Type
        let presents = behaviour.changesWithTime
        let shapes = behaviour.shapesListings
        let body = try await read(container, request) { context in
            var sql = (presents ? "SELECT *" : "SELECT name, body, dropped_on") + " FROM objects WHERE family = ? AND database_name = ? AND schema_name = ?"
            var arguments: StatementArguments = [descriptor.family, context.container.database, context.container.schema]
            if history {
                sql += " AND (dropped_on IS NULL OR purge_after > ?)"
                arguments += [context.now.timeIntervalSince1970]
            } else {
                sql += " AND dropped_on IS NULL"
            }
            if let startsWith {
                sql += " AND substr(name, 1, length(?)) = ?"
                arguments += [startsWith, startsWith]
            }
            if let fromName {
                sql += " AND name > ?"
                arguments += [fromName]
            }
            if let like, LikePattern.sqliteAgrees(with: like) {
                // A first cut in SQLite, so rows that cannot match are never read; the matcher
                // below decides.
                sql += " AND name LIKE ? ESCAPE '\\'"
                arguments += [like]
            }
            if let condition {
                sql += " AND (\(condition.sql))"
                arguments += condition.arguments
            }
            sql += " ORDER BY name, dropped_on"
            var parts: [String] = []
            let rows = try Row.fetchCursor(context.db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                if let matcher, !matcher.matches(row["name"]) { continue }
                var text: String = row["body"]
                if presents, row["dropped_on"] as Double? == nil {
                    let object = try StoredObject<Family>(record: ObjectRecord(row: row))
                    text = try StoredObject<Family>.encode(try behaviour.present(object, context: context))
                }
                if shapes {
                    let model = try WireCoding.sharedDecoder.decode(Family.self, from: Data(text.utf8))
                    text = try StoredObject<Family>.encode(try behaviour.listed(model, request: request))
                }
                if showsDroppedOn, let dropped = row["dropped_on"] as Double? {
                    text = try Self.settingDroppedOn(text, Date(timeIntervalSince1970: dropped))
                }
                parts.append(text)
                if let limit, parts.count >= limit { break }
            }
            return "[" + parts.joined(separator: ",") + "]"
        }
        return .json(body)
    }

    func create(_ container: RawContainer, _ request: APIRequest) async throws -> APIResponse {
        let mode = try request.createMode()
        let decoded = try decodeBody(Family.self, request)
        let name = try canonical(decoded.name)
        return try await write(container, request) { context in
            var model = decoded
            if let answer = try makeRoom(for: name, mode: mode, context: context) { return answer }
            var serverState: [String: JSONValue] = [:]
            try behaviour.prepare(&model, serverState: &serverState, existing: nil, context: context)
            try insert(&model, serverState: serverState, name: name, context: context)
            return .success("\(kind) \(Identifier.displayName(forCanonical: name)) successfully created.")
        }
    }

    // MARK: Item

    func fetch(_ container: RawContainer, name: String, _ request: APIRequest) async throws -> APIResponse {
        switch request.method {
        case "GET": break
        case "PUT": return try await createOrAlter(container, name: name, request)
        case "DELETE": return try await drop(container, name: name, request)
        default: throw EmulatorError.methodNotAllowed(request.method, request.path)
        }
        if Family.self is any NotFetchable.Type { throw EmulatorError.methodNotAllowed(request.method, request.path) }
        if behaviour.reservedNames.contains(name) {
            return try await read(container, request) { context in try behaviour.collectionRead(name, context: context) }
        }
        let canonicalName = try canonical(name)
        let store = request.services.store
        if behaviour.changesWithTime {
            let body = try await read(container, request) { context -> String? in
                guard let record = try context.db.liveObject(key(canonicalName, in: context.container)) else { return nil }
                return try StoredObject<Family>.encode(try behaviour.present(StoredObject<Family>(record: record), context: context))
            }
            guard let body else {
                let database = try container.database.map(canonical) ?? "", schema = try container.schema.map(canonical) ?? ""
                throw EmulatorError.doesNotExist(kind, ResolvedContainer(database: database, schema: schema).qualified(canonicalName))
            }
            return .json(body)
        }
        let cacheKey = ObjectKey(
            family: descriptor.family, database: try container.database.map(canonical) ?? "",
            schema: try container.schema.map(canonical) ?? "", name: canonicalName)
        // A one-row read: from memory when nothing was written since it was last read, else on
        // this thread, without a hop to a reader queue and back. An object found means its
        // containers exist.
        let body = try store.body(cacheKey) {
            try store.readNow { db in
                let resolved = try resolve(container, in: db)
                return try db.liveBody(key(canonicalName, in: resolved))
            }
        }
        guard let body else {
            let qualified = ResolvedContainer(database: cacheKey.database, schema: cacheKey.schema).qualified(canonicalName)
            throw EmulatorError.doesNotExist(kind, qualified)
        }
        return .json(body)
    }

    func createOrAlter(_ container: RawContainer, name: String, _ request: APIRequest) async throws -> APIResponse {
        guard Family.self is any SupportsCreateOrAlter.Type else { throw EmulatorError.methodNotAllowed(request.method, request.path) }
        let pathName = try canonical(name)
        let decoded = try decodeBody(Family.self, request)
        guard try canonical(decoded.name) == pathName else {
            throw EmulatorError.badRequest(
                "The name in the body ('\(decoded.name)') does not name the object in the path ('\(name)').", code: "001520")
        }
        return try await write(container, request) { context in
            var model = decoded
            guard let record = try context.db.liveObject(key(pathName, in: context.container)) else {
                var serverState: [String: JSONValue] = [:]
                try behaviour.prepare(&model, serverState: &serverState, existing: nil, context: context)
                try insert(&model, serverState: serverState, name: pathName, context: context)
                return .success("\(kind) \(Identifier.displayName(forCanonical: pathName)) successfully created.")
            }
            var existing = try StoredObject<Family>(record: record)
            var serverState = existing.serverState
            try behaviour.prepare(&model, serverState: &serverState, existing: existing, context: context)
            stamp(&model, name: pathName, context: context, createdOn: record.createdOn, owner: (existing.model as? any OwnedObject)?.owner)
            existing.model = model
            existing.serverState = serverState
            try existing.save(in: context.db)
            return .success("Statement executed successfully.")
        }
    }

    func drop(_ container: RawContainer, name: String, _ request: APIRequest) async throws -> APIResponse {
        let canonicalName = try canonical(name)
        let ifExists = try request.flag("ifExists") ?? false
        return try await write(container, request) { context in
            guard let record = try context.db.liveObject(key(canonicalName, in: context.container)) else {
                if ifExists {
                    return .success("Drop statement executed successfully (\(Identifier.displayName(forCanonical: canonicalName)) already dropped).")
                }
                throw EmulatorError.doesNotExist(kind, context.container.qualified(canonicalName))
            }
            try drop(StoredObject<Family>(record: record), context: context)
            return .success("\(Identifier.displayName(forCanonical: canonicalName)) successfully dropped.")
        }
    }

    // MARK: Actions

    func action(_ container: RawContainer, name: String, verb: String, _ request: APIRequest) async throws -> APIResponse {
        if Family.self is any Taggable.Type, let tagVerb = TagAssignments.Verb(rawValue: verb) {
            let call = try TagAssignments(tagVerb, of: Family.self, request: request)
            let canonicalName = try canonical(name)
            let answer: @Sendable (StoreContext) throws -> APIResponse = { context in
                try call.answer(for: context.db.liveObject(key(canonicalName, in: context.container)), named: canonicalName, context: context)
            }
            return tagVerb.isRead ? try await read(container, request, answer) : try await write(container, request, answer)
        }
        guard request.method == "POST" else { throw EmulatorError.methodNotAllowed(request.method, request.path) }
        let canonicalName = try canonical(name)
        switch verb {
        case "undrop" where Family.self is any Undroppable.Type:
            return try await undrop(container, name: canonicalName, request)
        case "clone" where Family.self is any Cloneable.Type:
            return try await clone(container, name: canonicalName, request)
        default:
            let ifExists = try request.flag("ifExists") ?? false
            return try await write(container, request) { context in
                if let answer = try behaviour.objectlessAction(verb, name: canonicalName, context: context) { return answer }
                guard let record = try context.db.liveObject(key(canonicalName, in: context.container)) else {
                    if ifExists { return .success("Statement executed successfully.") }
                    throw EmulatorError.doesNotExist(kind, context.container.qualified(canonicalName))
                }
                guard let response = try behaviour.perform(verb, on: StoredObject<Family>(record: record), context: context) else {
                    throw EmulatorError.noEndpoint(request.method, request.path)
                }
                return response
            }
        }
    }

    func collectionAction(_ container: RawContainer, verb: String, _ request: APIRequest) async throws -> APIResponse {
        guard request.method == "POST" else { throw EmulatorError.methodNotAllowed(request.method, request.path) }
        return try await write(container, request) { context in
            guard let response = try behaviour.collectionAction(verb, context: context) else {
                throw EmulatorError.noEndpoint(request.method, request.path)
            }
            return response
        }
    }

    func subresource(_ container: RawContainer, name: String, path: [String], _ request: APIRequest) async throws -> APIResponse {
        let canonicalName = try canonical(name)
        if request.method == "POST" {
            return try await write(container, request) { context in
                guard let record = try context.db.liveObject(key(canonicalName, in: context.container)) else {
                    throw EmulatorError.doesNotExist(kind, context.container.qualified(canonicalName))
                }
                guard let response = try behaviour.changeSubresource(path, of: StoredObject<Family>(record: record), context: context) else {
                    throw EmulatorError.noEndpoint(request.method, request.path)
                }
                return response
            }
        }
        guard request.method == "GET" else { throw EmulatorError.methodNotAllowed(request.method, request.path) }
        return try await read(container, request) { context in
            guard let record = try context.db.liveObject(key(canonicalName, in: context.container)) else {
                throw EmulatorError.doesNotExist(kind, context.container.qualified(canonicalName))
            }
            guard let response = try behaviour.subresource(path, of: StoredObject<Family>(record: record), context: context) else {
                throw EmulatorError.noEndpoint(request.method, request.path)
            }
            return response
        }
    }

    private func undrop(_ container: RawContainer, name: String, _ request: APIRequest) async throws -> APIResponse {
        try await write(container, request) { context in
            let key = key(name, in: context.container)
            if try context.db.liveObject(key) != nil {
                throw EmulatorError.alreadyExists(Identifier.displayName(forCanonical: name))
            }
            guard let record = try context.db.newestDroppedObject(key, now: context.now) else {
                throw EmulatorError.sql(400, "090025", "\(kind) '\(context.container.qualified(name))' did not exist or was purged.")
            }
            try NameSpace.requireFree(name, for: descriptor, in: context.container, context: context)
            try context.db.markUndropped(id: record.id)
            try behaviour.didUndrop(record, context: context)
            return .success("\(kind) \(Identifier.displayName(forCanonical: name)) successfully restored.")
        }
    }

    private func clone(_ container: RawContainer, name: String, _ request: APIRequest) async throws -> APIResponse {
        let mode = try request.createMode()
        let ownBody = behaviour.hasOwnCloneBody
        let decoded: Family? = ownBody ? nil : try decodeBody(Family.self, request)
        let fields: [String: JSONValue] = ownBody ? try decodeBody([String: JSONValue].self, request) : [:]
        let pointOfTime = try decodeBody(CloneExtras.self, request).pointOfTime
        guard let copyName = try decoded?.name ?? decodeBody(CloneExtras.self, request).name else {
            throw EmulatorError.badRequest("Invalid \(kind) clone: missing required field 'name'.")
        }
        let targetName = try canonical(copyName)
        var target = container
        if scope != .account, let database = request.query["targetDatabase"], !database.isEmpty { target.database = database }
        if scope == .schema, let schema = request.query["targetSchema"], !schema.isEmpty { target.schema = schema }
        let targetContainer = target
        return try await write(container, request) { context in
            guard let record = try context.db.liveObject(key(name, in: context.container)) else {
                throw EmulatorError.doesNotExist(kind, context.container.qualified(name))
            }
            let source = try StoredObject<Family>(record: record)
            let moment = try PointOfTimeResolver.resolve(pointOfTime, now: context.now)
            guard moment >= record.createdOn, moment <= context.now else {
                throw EmulatorError.sql(
                    400, "000707",
                    "Time travel data is not available for \(kind) \(context.container.qualified(name)). The requested time is either beyond the allowed time travel period or before the object creation time.")
            }
            let target = try StoreContext(
                db: context.db, now: context.now, request: request,
                container: resolve(targetContainer, in: context.db))
            if let answer = try makeRoom(for: targetName, mode: mode, context: target) { return answer }
            var model: Family
            if let decoded {
                model = decoded
            } else {
                model = try behaviour.cloneDefinition(fields, source: source, context: target)
                model.name = copyName
            }
            try behaviour.prepareClone(&model, source: source, context: target)
            let clone = try insert(&model, serverState: [:], name: targetName, context: target, runCreateHook: false)
            try behaviour.didClone(from: source, to: clone, at: moment, context: target)
            return .success("\(kind) \(Identifier.displayName(forCanonical: targetName)) successfully created.")
        }
    }

    // MARK: Copies for container clones

    func copy(_ record: ObjectRecord, database: String, schema: String, context: StoreContext) throws {
        let source = try StoredObject<Family>(record: record)
        var model = source.model
        var serverState = source.serverState
        let target = StoreContext(
            db: context.db, now: context.now, request: context.request,
            container: ResolvedContainer(database: database, schema: schema))
        try behaviour.adaptCopy(&model, serverState: &serverState, from: record, context: target)
        stamp(&model, name: record.name, context: target, createdOn: context.now, owner: (model as? any OwnedObject)?.owner)
        try context.db.insertObject(
            key(record.name, in: target.container), body: try StoredObject<Family>.encode(model),
            serverState: try StoredObject<Family>.encode(serverState), createdOn: context.now)
    }

    func insertDefault(_ definition: [String: JSONValue], database: String, schema: String, owner: String, context: StoreContext) throws {
        var request = context.request
        request.principal.role = owner
        let target = StoreContext(
            db: context.db, now: context.now, request: request,
            container: ResolvedContainer(database: database, schema: schema))
        var model = try WireCoding.sharedDecoder.decode(Family.self, from: WireCoding.sharedEncoder.encode(definition))
        let name = try canonical(model.name)
        var serverState: [String: JSONValue] = [:]
        try behaviour.prepare(&model, serverState: &serverState, existing: nil, context: target)
        try insert(&model, serverState: serverState, name: name, context: target)
    }

    // MARK: Steps shared by the endpoints

    /// Stores a new object with its server fields and runs the create hook.
    @discardableResult
    private func insert(
        _ model: inout Family, serverState: [String: JSONValue], name: String, context: StoreContext, runCreateHook: Bool = true
    ) throws -> StoredObject<Family> {
        try NameSpace.requireFree(name, for: descriptor, in: context.container, context: context)
        stamp(&model, name: name, context: context, createdOn: context.now, owner: context.request.principal.role)
        let body = try StoredObject<Family>.encode(model)
        let state = try StoredObject<Family>.encode(serverState)
        let id = try context.db.insertObject(key(name, in: context.container), body: body, serverState: state, createdOn: context.now)
        let record = ObjectRecord(
            id: id, family: descriptor.family, databaseName: context.container.database, schemaName: context.container.schema,
            name: name, body: body, serverState: state, createdOn: context.now)
        let stored = StoredObject<Family>(record: record, model: model, serverState: serverState)
        if runCreateHook { try behaviour.didCreate(stored, context: context) }
        try GrantEngine(context: context).applyFutureGrants(to: descriptor, scope: scope, container: context.container, name: name)
        return stored
    }

    /// Applies a create mode to a live object of the name: a conflict, an early success
    /// (if-not-exists), or dropping it (or-replace). Nil when creation goes ahead.
    private func makeRoom(for name: String, mode: CreateMode, context: StoreContext) throws -> APIResponse? {
        guard let existing = try context.db.liveObject(key(name, in: context.container)) else { return nil }
        switch mode {
        case .errorIfExists: throw EmulatorError.alreadyExists(Identifier.displayName(forCanonical: name))
        case .ifNotExists: return .success("\(Identifier.displayName(forCanonical: name)) already exists, statement succeeded.")
        case .orReplace:
            try drop(StoredObject<Family>(record: existing), context: context)
            return nil
        }
    }

    /// Drops an object: keeps a dropped version for undrop within retention, else deletes it.
    private func drop(_ object: StoredObject<Family>, context: StoreContext) throws {
        try behaviour.willDrop(object, context: context)
        let days = try behaviour.retentionDays(of: object, context: context)
        let purgeAfter = context.now.addingTimeInterval(TimeInterval(days) * 86_400)
        if days > 0 {
            try context.db.markDropped(id: object.record.id, at: context.now, purgeAfter: purgeAfter)
        } else {
            try context.db.deleteObject(id: object.record.id)
        }
        try behaviour.didDrop(object, purgeAfter: purgeAfter, context: context)
        try GrantEngine(context: context).forget(descriptor, container: context.container, name: object.canonicalName)
    }

    /// Fills the server fields every family shares: its name as SHOW prints it, creation time,
    /// owner and containing names.
    private func stamp(_ model: inout Family, name: String, context: StoreContext, createdOn: Date, owner: String?) {
        model.name = Identifier.displayName(forCanonical: name)
        if var owned = model as? any OwnedObject {
            owned.createdOn = createdOn
            owned.owner = owner
            model = owned as! Family
        }
        if var owned = model as? any ReportsOwnerRoleType {
            owned.ownerRoleType = "ROLE"
            model = owned as! Family
        }
        if var contained = model as? any ReportsDatabaseName {
            contained.databaseName = Identifier.displayName(forCanonical: context.container.database)
            model = contained as! Family
        }
        if var contained = model as? any ReportsSchemaName {
            contained.schemaName = Identifier.displayName(forCanonical: context.container.schema)
            model = contained as! Family
        }
        if var dropped = model as? any ReportsDroppedOn {
            dropped.droppedOn = nil
            model = dropped as! Family
        }
    }

    private func key(_ name: String, in container: ResolvedContainer) -> ObjectKey {
        ObjectKey(family: descriptor.family, database: container.database, schema: container.schema, name: name)
    }

    private func canonical(_ name: String) throws -> String {
        do { return try Identifier.resolve(name) } catch { throw EmulatorError.invalidIdentifier(name) }
    }

    private func decodeBody<T: Decodable>(_ type: T.Type, _ request: APIRequest) throws -> T {
        try RequestBody.decode(T.self, from: request.body, as: "\(kind) definition")
    }

    static func settingDroppedOn(_ body: String, _ date: Date) throws -> String {
        var model = try WireCoding.sharedDecoder.decode(Family.self, from: Data(body.utf8))
        guard var dropped = model as? any ReportsDroppedOn else { return body }
        dropped.droppedOn = date
        model = dropped as! Family
        return try StoredObject<Family>.encode(model)
    }

    // MARK: Transactions

    private func read<T: Sendable>(
        _ container: RawContainer, _ request: APIRequest, _ body: @escaping @Sendable (StoreContext) throws -> T
    ) async throws -> T {
        return try await request.services.store.read { db in
            try body(StoreContext(db: db, now: request.now, request: request, container: try resolve(container, in: db)))
        }
    }

    private func write<T: Sendable>(
        _ container: RawContainer, _ request: APIRequest, _ body: @escaping @Sendable (StoreContext) throws -> T
    ) async throws -> T {
        return try await request.services.store.write { db in
            try body(StoreContext(db: db, now: request.now, request: request, container: try resolve(container, in: db)))
        }
    }

    /// Resolves container names and checks that each container exists (the containers are the
    /// families whose descriptors name a child scope).
    private func resolve(_ container: RawContainer, in db: Database) throws -> ResolvedContainer {
        var resolved = ResolvedContainer()
        if let database = container.database {
            let name = try canonical(database)
            try requireContainer(holding: .database, named: name, in: resolved, db: db)
            resolved.database = name
        }
        if let schema = container.schema {
            let name = try canonical(schema)
            try requireContainer(holding: .schema, named: name, in: resolved, db: db)
            resolved.schema = name
        }
        return resolved
    }

    private func requireContainer(holding scope: ResourceScope, named name: String, in parent: ResolvedContainer, db: Database) throws {
        guard let family = FamilyRegistry.standard.container(holding: scope) else { return }
        let key = ObjectKey(family: family.family, database: parent.database, schema: parent.schema, name: name)
        guard try db.liveObjectExists(key) else {
            throw EmulatorError.doesNotExist(family.objectKind, parent.qualified(name))
        }
    }
}

/// The extra field of a clone body.
private struct CloneExtras: Decodable {
    var pointOfTime: PointOfTime?
    /// The copy's name, read here for families with their own clone body.
    var name: String?
    private enum CodingKeys: String, CodingKey {
        case pointOfTime = "point_of_time"
        case name
    }
}
