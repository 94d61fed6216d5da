import Foundation
import GRDB
import SnowflakeModels

/// The task graphs of one schema, read and changed inside a request's transaction. Tasks name
/// their predecessors by fully qualified name (`DB.SCHEMA.TASK`), as Snowflake reports them.
struct TaskGraph {
    let context: StoreContext
    private var db: Database { context.db }
    private let family = TaskModel.descriptor.family

    // MARK: Lookups

    /// Resolves a task reference (`t1`, `sc.t1`, `db.sc.t1`) in this schema to its qualified
    /// name; the task must exist.
    func resolveReference(_ spelling: String) throws -> String {
        let parsed: QualifiedName
        do { parsed = try QualifiedName.parse(spelling) } catch { throw EmulatorError.invalidIdentifier(spelling) }
        if let database = parsed.database, (try? Identifier.resolve(database)) != context.container.database {
            throw EmulatorError.badRequest("Task '\(spelling)' is not in schema \(context.container.qualified("")); a task's predecessors and finalized root must be in its own schema.")
        }
        if let schema = parsed.schema, (try? Identifier.resolve(schema)) != context.container.schema {
            throw EmulatorError.badRequest("Task '\(spelling)' is not in schema \(context.container.qualified("")); a task's predecessors and finalized root must be in its own schema.")
        }
        let name: String
        do { name = try Identifier.resolve(parsed.name) } catch { throw EmulatorError.invalidIdentifier(spelling) }
        let qualified = context.container.qualified(name)
        guard try record(name) != nil else { throw EmulatorError.doesNotExist("Task", qualified) }
        return qualified
    }

    /// The live task with a qualified name in this schema.
    func task(_ qualified: String) throws -> StoredObject<TaskModel>? {
        try record(try QualifiedNameParts.lastCanonical(qualified)).map(StoredObject<TaskModel>.init(record:))
    }

    private func record(_ canonical: String) throws -> ObjectRecord? {
        try db.liveObject(ObjectKey(family: family, database: context.container.database, schema: context.container.schema, name: canonical))
    }

    /// The tasks that name `qualified` among their predecessors, by name.
    func children(of qualified: String) throws -> [ObjectRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM objects WHERE family = ? AND database_name = ? AND schema_name = ? AND dropped_on IS NULL
                AND EXISTS (SELECT 1 FROM json_each(objects.body, '$.predecessors') WHERE value = ?) ORDER BY name
                """, arguments: [family, context.container.database, context.container.schema, qualified]
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
                """, arguments: [family, context.container.database, context.container.schema, rootName])
        return name.map(context.container.qualified)
    }

    /// The root task of the graph `model` belongs to (itself for a standalone or root task).
    func root(of model: TaskModel, named qualified: String) throws -> StoredObject<TaskModel>? {
        var current = model
        var currentName = qualified
        for _ in 0..<1_001 {
            if let finalize = current.finalize {
                return try task(context.container.qualified(Identifier.unquote(finalize)))
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
            "Unable to update graph with root task \(context.container.qualified(root.canonicalName)) since that root task is not suspended.")
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
            finalizedRoot: finalize.map { context.container.qualified(Identifier.unquote($0)) })
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
        let rootName = context.container.qualified(Identifier.unquote(finalize))
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
        guard var root = try root(of: model, named: context.container.qualified(try Identifier.resolve(model.name))) else { return }
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
        let name = context.container.qualified(dropped.canonicalName)
        for record in try children(of: name) {
            var child = try StoredObject<TaskModel>(record: record)
            child.model.predecessors = child.model.predecessors?.filter { $0 != name }
            if child.model.predecessors?.isEmpty == true {
                child.model.predecessors = nil
                child.model.state = .suspended
                child.model.lastSuspendedOn = context.now
                child.serverState["graph_version"] = 1
            }
            child.model.taskRelations = try relations(
                name: context.container.qualified(child.canonicalName), predecessors: child.model.predecessors ?? [],
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
        var bodies = [object.record.body]
        var seen: Set<String> = [qualified]
        var queue = [qualified]
        while !queue.isEmpty {
            let current = queue.removeFirst()
            for child in try children(of: current) {
                let childName = context.container.qualified(child.name)
                guard seen.insert(childName).inserted else { continue }
                bodies.append(child.body)
                if recursive { queue.append(childName) }
            }
        }
        if let finalizerName = try finalizer(of: qualified), seen.insert(finalizerName).inserted, let finalizer = try task(finalizerName) {
            bodies.append(finalizer.record.body)
        }
        return bodies
    }

    // MARK: Runs

    /// Records a run of the graph rooted at `root`, as `EXECUTE TASK` does.
    func execute(_ root: StoredObject<TaskModel>, retryLast: Bool) throws {
        let rootName = context.container.qualified(root.canonicalName)
        guard (root.model.predecessors ?? []).isEmpty, root.model.finalize == nil else {
            throw EmulatorError.badRequest(
                "Task \(rootName) is a child task: only a standalone or root task can be executed.", code: "091092")
        }
        let last = try Row.fetchOne(
            db, sql: "SELECT state FROM task_graph_runs WHERE root_id = ? ORDER BY id DESC LIMIT 1", arguments: [root.record.id])
        var scheduledFrom = "EXECUTE_TASK"
        if retryLast {
            guard let last else {
                throw EmulatorError.sql(400, "091457", "Cannot perform retry: task graph \(rootName) has never run.")
            }
            let state: String = last["state"]
            guard state == "FAILED" || state == "CANCELLED" else {
                throw EmulatorError.sql(
                    400, "091456", "Cannot perform retry: the last run of task graph \(rootName) did not fail (it is \(state)).")
            }
            scheduledFrom = "RETRY"
        }
        let now = context.now
        let running = try Bool.fetchOne(
            db, sql: "SELECT EXISTS(SELECT 1 FROM task_graph_runs WHERE root_id = ? AND state IN ('SCHEDULED', 'EXECUTING'))",
            arguments: [root.record.id]) ?? false
        let overlapAllowed = root.model.overlapPolicy == .allowAllOverlap
        let state = running && !overlapAllowed ? "SKIPPED" : "SCHEDULED"
        var next = now
        if root.model.state == .started, case .interval(let interval) = root.model.schedule {
            next = now.addingTimeInterval(TimeInterval(interval.totalSeconds))
        }
        try db.execute(
            sql: """
                INSERT INTO task_graph_runs (root_id, database_name, schema_name, root_task_name, root_task_id, run_id,
                    graph_version, state, scheduled_from, scheduled_time, next_scheduled_time, completed_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                root.record.id, context.container.database, context.container.schema, root.canonicalName, root.model.id ?? "",
                Int64((now.timeIntervalSince1970 * 1000).rounded()), Self.version(root.serverState), state, scheduledFrom,
                now.timeIntervalSince1970, next.timeIntervalSince1970, state == "SKIPPED" ? now.timeIntervalSince1970 : nil,
            ])
        let graphRun = db.lastInsertedRowID
        for body in try dependents(of: root, named: rootName, recursive: true) {
            let task = try WireCoding.decoder().decode(TaskModel.self, from: Data(body.utf8))
            try db.execute(
                sql: """
                    INSERT INTO task_runs (graph_run, task_id, name, query_text, condition_text, state, scheduled_time)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [graphRun, root.record.id, task.name, task.definition, task.condition, state, now.timeIntervalSince1970])
        }
    }

    /// The graph runs of the graph a task belongs to: current (scheduled or executing, oldest
    /// first) or complete (newest completion first).
    func runs(ofGraphContaining model: TaskModel, named qualified: String, current: Bool, errorOnly: Bool, limit: Int) throws -> [TaskRun] {
        guard let root = try root(of: model, named: qualified) else { return [] }
        let states: String
        let order: String
        if current {
            states = "'SCHEDULED', 'EXECUTING'"
            order = "scheduled_time ASC, id ASC"
        } else {
            states = errorOnly ? "'FAILED', 'CANCELLED'" : "'SUCCEEDED', 'FAILED', 'CANCELLED'"
            order = "completed_time DESC, id DESC"
        }
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM task_graph_runs WHERE root_id = ? AND state IN (\(states)) ORDER BY \(order) LIMIT ?",
            arguments: [root.record.id, limit])
        return rows.map { row in
            func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
            return TaskRun(
                rootTaskName: Identifier.displayName(forCanonical: row["root_task_name"]),
                databaseName: Identifier.displayName(forCanonical: row["database_name"]),
                schemaName: Identifier.displayName(forCanonical: row["schema_name"]),
                state: TaskRun.State(rawValue: row["state"]) ?? .scheduled,
                firstErrorTaskName: row["first_error_task_name"], firstErrorCode: row["first_error_code"],
                firstErrorMessage: row["first_error_message"], scheduledTime: date("scheduled_time")!,
                queryStartTime: date("query_start_time"), nextScheduledTime: date("next_scheduled_time")!,
                completedTime: date("completed_time"), rootTaskId: row["root_task_id"], graphVersion: row["graph_version"],
                runId: row["run_id"])
        }
    }
}
