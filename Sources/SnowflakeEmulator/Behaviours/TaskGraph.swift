import Foundation
import GRDB
import SnowflakeModels

/// The task graphs of one schema, read and changed inside a request's transaction. Tasks name
/// their predecessors by fully qualified name (`DB.SCHEMA.TASK`), as Snowflake reports them.
struct TaskGraph {
    let db: Database
    let container: ResolvedContainer
    let now: Date
    private let family = TaskModel.descriptor.family

    init(db: Database, container: ResolvedContainer, now: Date) {
        self.db = db
        self.container = container
        self.now = now
    }

    init(context: StoreContext) {
        self.init(db: context.db, container: context.container, now: context.now)
    }

    // MARK: Lookups

    /// Resolves a task reference (`t1`, `sc.t1`, `db.sc.t1`) in this schema to its qualified
    /// name; the task must exist.
    func resolveReference(_ spelling: String) throws -> String {
        let parsed: QualifiedName
        do { parsed = try QualifiedName.parse(spelling) } catch { throw EmulatorError.invalidIdentifier(spelling) }
        if let database = parsed.database, (try? Identifier.resolve(database)) != container.database {
            throw EmulatorError.badRequest("Task '\(spelling)' is not in schema \(container.qualified("")); a task's predecessors and finalized root must be in its own schema.")
        }
        if let schema = parsed.schema, (try? Identifier.resolve(schema)) != container.schema {
            throw EmulatorError.badRequest("Task '\(spelling)' is not in schema \(container.qualified("")); a task's predecessors and finalized root must be in its own schema.")
        }
        let name: String
        do { name = try Identifier.resolve(parsed.name) } catch { throw EmulatorError.invalidIdentifier(spelling) }
        let qualified = container.qualified(name)
        guard try record(name) != nil else { throw EmulatorError.doesNotExist("Task", qualified) }
        return qualified
    }

    /// The live task with a qualified name in this schema.
    func task(_ qualified: String) throws -> StoredObject<TaskModel>? {
        try record(try QualifiedNameParts.lastCanonical(qualified)).map(StoredObject<TaskModel>.init(record:))
    }

    private func record(_ canonical: String) throws -> ObjectRecord? {
        try db.liveObject(ObjectKey(family: family, database: container.database, schema: container.schema, name: canonical))
    }

    /// The tasks that name `qualified` among their predecessors, by name.
    func children(of qualified: String) throws -> [ObjectRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM objects WHERE family = ? AND database_name = ? AND schema_name = ? AND dropped_on IS NULL
                AND EXISTS (SELECT 1 FROM json_each(objects.body, '$.predecessors') WHERE value = ?) ORDER BY name
                """, arguments: [family, container.database, container.schema, qualified]
        ).map(ObjectRecord.init(row:))
    }

    /// The qualified name of the finalizer of a root task, if it has one.
    func finalizer(of rootQualified: String) throws -> String? {
        let rootName = Identifier.displayName(forCanonical: try QualifiedNameParts.lastCanonical(rootQualified))
        let name = try String.fetchOne(
            db,
            sql: """
                SELECT name FROM objects WHERE family = ? AND database_name = ? AND schema_name = ? AND dropped_on IS NULL
                AND json_extract(body, '$.finalize') = ? LIMIT 1
                """, arguments: [family, container.database, container.schema, rootName])
        return name.map(container.qualified)
    }

    /// The root task of the graph `model` belongs to (itself for a standalone or root task).
    func root(of model: TaskModel, named qualified: String) throws -> StoredObject<TaskModel>? {
        var current = model
        var currentName = qualified
        for _ in 0..<1_001 {
            if let finalize = current.finalize {
                return try task(container.qualified(Identifier.unquote(finalize)))
            }
            guard let first = current.predecessors?.first else { return try task(currentName) }
            guard let parent = try task(first) else { return nil }
            current = parent.model
            currentName = first
        }
        return nil
    }

    // MARK: Rules

    /// Throws 091421 when the graph of the task is started.
    func requireSuspendedRoot(of model: TaskModel, named qualified: String) throws {
        guard let root = try root(of: model, named: qualified), root.model.state == .started else { return }
        throw EmulatorError.sql(
            400, "091421",
            "Unable to update graph with root task \(container.qualified(root.canonicalName)) since that root task is not suspended.")
    }

    /// Throws 091421 when the graph of the named task is started.
    func requireSuspendedRoot(ofTaskNamed qualified: String) throws {
        guard let task = try task(qualified) else { return }
        try requireSuspendedRoot(of: task.model, named: qualified)
    }

    /// Whether giving `task` these predecessors closes a cycle.
    func createsCycle(task: String, predecessors: [String], previous: [String]) throws -> Bool {
        var stack = predecessors.filter { !previous.contains($0) }
        var seen: Set<String> = []
        while let next = stack.popLast() {
            if next == task { return true }
            guard seen.insert(next).inserted, let node = try self.task(next) else { continue }
            stack.append(contentsOf: node.model.predecessors ?? [])
        }
        return false
    }

    // MARK: Relations and versions

    /// The `task_relations` text of a task.
    func relations(name: String, predecessors: [String], finalize: String?) throws -> String {
        try Self.relationsText(
            predecessors: predecessors, finalizer: finalize == nil ? try finalizer(of: name) : nil,
            finalizedRoot: finalize.map { container.qualified(Identifier.unquote($0)) })
    }

    static func relationsText(predecessors: [String], finalizer: String?, finalizedRoot: String?) throws -> String {
        var object: [String: JSONValue] = ["Predecessors": .array(predecessors.map(JSONValue.string))]
        if let finalizer { object["FinalizerTask"] = .string(finalizer) }
        if let finalizedRoot { object["FinalizedRootTask"] = .string(finalizedRoot) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(object), as: UTF8.self)
    }

    /// Recomputes the relations of the root a finalizer finalizes.
    func refreshRelationsOfFinalizedRoot(of finalizer: TaskModel) throws {
        guard let finalize = finalizer.finalize else { return }
        let rootName = container.qualified(Identifier.unquote(finalize))
        try refreshRelations(rootName)
    }

    private func refreshRelations(_ qualified: String) throws {
        guard var task = try task(qualified) else { return }
        task.model.taskRelations = try relations(name: qualified, predecessors: task.model.predecessors ?? [], finalize: task.model.finalize)
        try task.save(in: db)
    }

    /// Counts a change to a graph: its version goes up by one.
    func bumpVersion(ofGraphContaining model: TaskModel) throws {
        guard !(model.predecessors ?? []).isEmpty || model.finalize != nil else { return }
        guard var root = try root(of: model, named: container.qualified(try Identifier.resolve(model.name))) else { return }
        root.serverState["graph_version"] = .integer(Self.version(root.serverState) + 1)
        try root.save(in: db)
    }

    static func version(_ serverState: [String: JSONValue]) -> Int64 {
        if case .integer(let version) = serverState["graph_version"] { return version }
        return 1
    }

    /// After a task was dropped: its children lose it as a predecessor (and become suspended
    /// roots when it was their last), its finalizer is released, and relations are refreshed.
    func detach(_ dropped: StoredObject<TaskModel>) throws {
        let name = container.qualified(dropped.canonicalName)
        for record in try children(of: name) {
            var child = try StoredObject<TaskModel>(record: record)
            child.model.predecessors = child.model.predecessors?.filter { $0 != name }
            if child.model.predecessors?.isEmpty == true {
                child.model.predecessors = nil
                child.model.state = .suspended
                child.model.lastSuspendedOn = now
                child.serverState["graph_version"] = 1
            }
            child.model.taskRelations = try relations(
                name: container.qualified(child.canonicalName), predecessors: child.model.predecessors ?? [],
                finalize: child.model.finalize)
            try child.save(in: db)
        }
        if let finalizerName = try finalizer(of: name), var finalizer = try task(finalizerName) {
            finalizer.model.finalize = nil
            finalizer.model.state = .suspended
            finalizer.model.taskRelations = try Self.relationsText(predecessors: [], finalizer: nil, finalizedRoot: nil)
            try finalizer.save(in: db)
        }
        if dropped.model.finalize != nil { try refreshRelationsOfFinalizedRoot(of: dropped.model) }
        if let first = dropped.model.predecessors?.first, let parent = try task(first) {
            try bumpVersion(ofGraphContaining: parent.model)
        }
    }

    // MARK: Dependents

    /// The task's body and its dependents' bodies: the task first, then its descendants breadth
    /// first, then the graph's finalizer.
    func dependents(of object: StoredObject<TaskModel>, named qualified: String, recursive: Bool) throws -> [String] {
        try members(of: object.record, named: qualified, recursive: recursive).map(\.body)
    }

    /// The task, its descendants breadth first (or only its children), then the graph's
    /// finalizer.
    func members(of task: ObjectRecord, named qualified: String, recursive: Bool = true) throws -> [ObjectRecord] {
        var records = [task]
        var seen: Set<String> = [qualified]
        var queue = [qualified]
        while !queue.isEmpty {
            let current = queue.removeFirst()
            for child in try children(of: current) {
                let childName = container.qualified(child.name)
                guard seen.insert(childName).inserted else { continue }
                records.append(child)
                if recursive { queue.append(childName) }
            }
        }
        if let finalizerName = try finalizer(of: qualified), seen.insert(finalizerName).inserted, let finalizer = try self.task(finalizerName) {
            records.append(finalizer.record)
        }
        return records
    }
}
