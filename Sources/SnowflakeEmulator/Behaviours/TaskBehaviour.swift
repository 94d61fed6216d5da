import Foundation
import GRDB
import SnowflakeModels

/// Tasks: created suspended; resume and suspend; predecessors, finalizers and the graph rules
/// Snowflake enforces (a child has no schedule, a graph changes only while its root is
/// suspended, no cycles); dependents and graph runs. Resuming a scheduled root schedules its
/// next run and `execute` adds one for now: ``TaskRuntime`` runs them.
struct TaskBehaviour: FamilyBehaviour {
    typealias Family = TaskModel

    // MARK: Definition rules

    func prepare(_ model: inout TaskModel, serverState: inout [String: JSONValue], existing: StoredObject<TaskModel>?, context: StoreContext) throws {
        let graph = TaskGraph(context: context)
        let name = try Identifier.resolve(model.name)
        let ownName = context.container.qualified(name)

        model.predecessors = try model.predecessors.map { try $0.map { try graph.resolveReference($0) } }
        if model.predecessors?.isEmpty == true { model.predecessors = nil }
        let predecessors = model.predecessors ?? []
        if predecessors.contains(ownName) {
            throw EmulatorError.badRequest("Task \(ownName) cannot be its own predecessor.")
        }
        if predecessors.count > 100 { throw EmulatorError.badRequest("A task can have at most 100 predecessors.") }
        if !predecessors.isEmpty, model.schedule != nil {
            throw EmulatorError.badRequest("Task \(ownName) has predecessors and so cannot have a schedule; only a root task is scheduled.")
        }
        if let finalize = model.finalize {
            let root = try graph.resolveReference(finalize)
            guard predecessors.isEmpty, model.schedule == nil else {
                throw EmulatorError.badRequest("A finalizer task has neither predecessors nor a schedule.")
            }
            guard let rootTask = try graph.task(root), (rootTask.model.predecessors ?? []).isEmpty, rootTask.model.finalize == nil else {
                throw EmulatorError.badRequest("Task \(root) is not a root task, so it cannot be finalized.")
            }
            if let other = try graph.finalizer(of: root), other != ownName {
                throw EmulatorError.badRequest("Root task \(root) already has the finalizer \(other).")
            }
            model.finalize = Identifier.displayName(forCanonical: try QualifiedNameParts.lastCanonical(root))
        }
        if let attempts = model.taskAutoRetryAttempts {
            guard (0...30).contains(attempts) else {
                throw EmulatorError.badRequest("task_auto_retry_attempts must be between 0 and 30, not \(attempts).")
            }
            if !predecessors.isEmpty || model.finalize != nil {
                throw EmulatorError.badRequest("cannot set parameter task_auto_retry_attempts on non-root task")
            }
        }
        if let schedule = model.schedule { try Self.validate(schedule) }
        if let config = model.config, config.values.contains(where: { !$0.isScalar }) {
            throw EmulatorError.badRequest("Values of config must be strings, numbers or booleans.")
        }

        // A graph changes only while its root is suspended: the graph the task leaves and the
        // one it joins.
        if let existing { try graph.requireSuspendedRoot(of: existing.model, named: ownName) }
        for predecessor in predecessors { try graph.requireSuspendedRoot(ofTaskNamed: predecessor) }
        if let existing, try graph.createsCycle(task: ownName, predecessors: predecessors, previous: existing.model.predecessors ?? []) {
            throw EmulatorError.badRequest("The predecessors of \(ownName) would make the task graph cyclic.")
        }

        model.comment = model.comment ?? ""
        model.state = existing?.model.state ?? .suspended
        model.id = existing?.model.id ?? UUID().uuidString.lowercased()
        model.lastCommittedOn = context.now
        model.lastSuspendedOn = existing?.model.lastSuspendedOn
        model.taskRelations = try graph.relations(name: ownName, predecessors: predecessors, finalize: model.finalize)
        if existing == nil, predecessors.isEmpty, model.finalize == nil { serverState["graph_version"] = 1 }
    }

    func didCreate(_ object: StoredObject<TaskModel>, context: StoreContext) throws {
        let graph = TaskGraph(context: context)
        if object.model.finalize != nil { try graph.refreshRelationsOfFinalizedRoot(of: object.model) }
        try graph.bumpVersion(ofGraphContaining: object.model)
    }

    func willDrop(_ object: StoredObject<TaskModel>, context: StoreContext) throws {
        let graph = TaskGraph(context: context)
        let name = context.container.qualified(object.canonicalName)
        let hasChildren = try !graph.children(of: name).isEmpty
        let hasFinalizer = try graph.finalizer(of: name) != nil
        let inGraph = !(object.model.predecessors ?? []).isEmpty || object.model.finalize != nil || hasChildren || hasFinalizer
        if inGraph { try graph.requireSuspendedRoot(of: object.model, named: name) }
    }

    func didDrop(_ object: StoredObject<TaskModel>, purgeAfter: Date, context: StoreContext) throws {
        try TaskGraph(context: context).detach(object)
        try runtime(context).unschedule(rootId: object.record.id)
    }

    func adaptCopy(_ model: inout TaskModel, serverState: inout [String: JSONValue], from source: ObjectRecord, context: StoreContext) throws {
        let prefix = ResolvedContainer(database: source.databaseName, schema: source.schemaName).qualified("")
        let target = context.container.qualified("")
        func moved(_ name: String) -> String { name.hasPrefix(prefix) ? target + name.dropFirst(prefix.count) : name }
        model.predecessors = model.predecessors?.map(moved)
        model.state = .suspended
        model.id = UUID().uuidString.lowercased()
        let finalizer = model.finalizerTask.map(moved)
        model.taskRelations = try TaskGraph.relationsText(
            predecessors: model.predecessors ?? [], finalizer: finalizer,
            finalizedRoot: model.finalize.map { context.container.qualified(Identifier.unquote($0)) })
    }

    // MARK: Actions

    func perform(_ verb: String, on object: StoredObject<TaskModel>, context: StoreContext) throws -> APIResponse? {
        let graph = TaskGraph(context: context)
        let name = context.container.qualified(object.canonicalName)
        var task = object
        switch verb {
        case "resume":
            let isRoot = (task.model.predecessors ?? []).isEmpty && task.model.finalize == nil
            if !isRoot { try graph.requireSuspendedRoot(of: task.model, named: name) }
            if task.model.state != .started {
                task.model.state = .started
                if isRoot { try runtime(context).scheduleAfterResume(&task, container: context.container) }
                try task.save(in: context.db)
                wakeScheduler(context)
            }
            return .success("Statement executed successfully.")
        case "suspend":
            if task.model.state != .suspended {
                task.model.state = .suspended
                task.model.lastSuspendedOn = context.now
                try task.save(in: context.db)
                try runtime(context).unschedule(rootId: task.record.id)
            }
            return .success("Statement executed successfully.")
        case "execute":
            try runtime(context).execute(task, container: context.container, retryLast: try context.request.flag("retryLast") ?? false)
            wakeScheduler(context)
            return .success("Task \(Identifier.displayName(forCanonical: object.canonicalName)) is scheduled to run immediately.")
        default:
            return nil
        }
    }

    func subresource(_ path: [String], of object: StoredObject<TaskModel>, context: StoreContext) throws -> APIResponse? {
        guard path.count == 1 else { return nil }
        let graph = TaskGraph(context: context)
        let name = context.container.qualified(object.canonicalName)
        switch path[0] {
        case "dependents":
            let recursive = try context.request.flag("recursive") ?? true
            return .json("[" + (try graph.dependents(of: object, named: name, recursive: recursive)).joined(separator: ",") + "]")
        case "current-graphs", "current_graphs":
            let limit = try context.request.integer("resultLimit", in: 1...10_000) ?? 1000
            guard let root = try graph.root(of: object.model, named: name) else { return try .encoded([TaskRun]()) }
            return try .encoded(try runtime(context).runs(ofRootId: root.record.id, current: true, errorOnly: false, limit: limit))
        case "complete-graphs", "complete_graphs":
            let limit = try context.request.integer("resultLimit", in: 1...10_000) ?? 1000
            let errorOnly = try context.request.flag("errorOnly") ?? false
            guard let root = try graph.root(of: object.model, named: name) else { return try .encoded([TaskRun]()) }
            return try .encoded(try runtime(context).runs(ofRootId: root.record.id, current: false, errorOnly: errorOnly, limit: limit))
        default:
            return nil
        }
    }

    func listingCondition(_ request: APIRequest) throws -> (sql: String, arguments: StatementArguments)? {
        guard try request.flag("rootOnly") == true else { return nil }
        return ("json_type(body, '$.predecessors') IS NULL AND json_type(body, '$.finalize') IS NULL", [])
    }

    // MARK: Helpers

    private func runtime(_ context: StoreContext) -> TaskRuntime { TaskRuntime(db: context.db, now: context.now) }

    /// Tells the scheduler about new work once the request's transaction commits.
    private func wakeScheduler(_ context: StoreContext) {
        let scheduler = context.services.scheduler
        context.db.afterNextTransaction { _ in scheduler.wake() }
    }

    static func validate(_ schedule: TaskSchedule) throws {
        switch schedule {
        case .interval(let interval):
            guard interval.minutes >= 0, (0...59).contains(interval.seconds ?? 0), interval.totalSeconds >= 10,
                interval.totalSeconds <= 11_520 * 60
            else {
                throw EmulatorError.badRequest("A schedule interval must be between 10 seconds and 11520 minutes, with seconds from 0 to 59.")
            }
        case .cron(let cron):
            do { _ = try CronExpression(cron.cronExpr, timeZone: cron.timezone) } catch { throw EmulatorError.badRequest(error.message) }
        }
    }
}

/// Splits fully qualified task names.
enum QualifiedNameParts {
    /// The canonical last part of a qualified name such as `DB.SC."my task"`.
    static func lastCanonical(_ qualified: String) throws -> String {
        let parsed = try QualifiedName.parse(qualified)
        return try Identifier.resolve(parsed.name)
    }
}
