import Foundation
import SnowflakeModels
import Synchronization

/// A task graph declared in code and deployed in one call: the Swift form of `snowflake.core`'s
/// `DAG`.
///
/// Snowflake has no graph object. A graph named `NIGHTLY` becomes a root task `NIGHTLY` that
/// carries the schedule and the graph's settings, and one task `NIGHTLY$<name>` per task you
/// add; tasks without predecessors run after the root.
///
/// ```swift
/// let graph = TaskGraph("nightly", schedule: .minutes(60), warehouse: "etl_wh", config: ["env": "prod"])
/// let extract = try graph.task("extract", TaskContext.setReturnValue("'42 rows'"))
/// let load = try graph.task("load", "call load_rows()")
/// let report = try graph.task("report", "select 1")
/// try extract >> load
/// try load >> report
/// try graph.finalizer("cleanup", "call cleanup()")
/// try await schema.taskGraphs.deploy(graph, mode: .orReplace)
/// ```
///
/// Links are checked as they are made: a link to a task of another graph, a link that closes a
/// cycle, or a link to the finalizer throws ``SnowflakeError/Code/invalidArgument`` before
/// any request is sent.
public final class TaskGraph: Sendable, CustomStringConvertible {
    /// The graph's name, which is also its root task's name.
    public let name: String
    /// When the graph runs; nil runs it only when executed.
    public let schedule: TaskSchedule?
    /// The warehouse its tasks use unless they name their own or are serverless.
    public let warehouse: String?
    /// Settings of the root task that apply to the whole graph.
    public let settings: Settings
    private let state = Mutex(State())

    /// Graph-wide settings, sent on the root task.
    public struct Settings: Sendable, Hashable {
        /// A comment on the root task.
        public var comment: String?
        /// Notification integration told about errors.
        public var errorIntegration: String?
        /// How many times a failed run is retried from its failed tasks (0 to 30).
        public var taskAutoRetryAttempts: Int?
        /// Whether runs may overlap; nil is Snowflake's default, `NO_OVERLAP`.
        public var overlapPolicy: OverlapPolicy?
        /// How long a task may run, in milliseconds.
        public var userTaskTimeoutMs: Int?
        /// Consecutive failed runs after which the root is suspended.
        public var suspendTaskAfterNumFailures: Int?
        /// Configuration its tasks read with ``TaskContext/graphConfig(_:)``.
        public var config: [String: JSONValue]?
        /// Session parameters of the root task.
        public var sessionParameters: [String: JSONValue]?
        /// A `WHEN` condition on the root: the graph runs only when it holds.
        public var condition: String?

        /// Settings; every one is optional.
        public init(
            comment: String? = nil, errorIntegration: String? = nil, taskAutoRetryAttempts: Int? = nil,
            overlapPolicy: OverlapPolicy? = nil, userTaskTimeoutMs: Int? = nil, suspendTaskAfterNumFailures: Int? = nil,
            config: [String: JSONValue]? = nil, sessionParameters: [String: JSONValue]? = nil, condition: String? = nil
        ) {
            self.comment = comment
            self.errorIntegration = errorIntegration
            self.taskAutoRetryAttempts = taskAutoRetryAttempts
            self.overlapPolicy = overlapPolicy
            self.userTaskTimeoutMs = userTaskTimeoutMs
            self.suspendTaskAfterNumFailures = suspendTaskAfterNumFailures
            self.config = config
            self.sessionParameters = sessionParameters
            self.condition = condition
        }
    }

    /// Per-task settings, for ``task(_:_:options:)``.
    public struct TaskOptions: Sendable, Hashable {
        /// A `WHEN` condition; the task is skipped when it is false.
        public var condition: String?
        /// The warehouse; nil uses the graph's.
        public var warehouse: String?
        /// Run without a warehouse even when the graph has one.
        public var isServerless: Bool
        /// Session parameters.
        public var sessionParameters: [String: JSONValue]?
        /// Initial warehouse size of a serverless task.
        public var userTaskManagedInitialWarehouseSize: String?
        /// The interval a serverless task aims to finish within.
        public var targetCompletionInterval: MinutesSchedule?
        /// Smallest statement size of a serverless task.
        public var serverlessTaskMinStatementSize: String?
        /// Largest statement size of a serverless task.
        public var serverlessTaskMaxStatementSize: String?
        /// How long the task may run, in milliseconds.
        public var userTaskTimeoutMs: Int?
        /// Notification integration told about successes.
        public var successIntegration: String?
        /// The user the task runs as.
        public var executeAsUser: String?
        /// A comment.
        public var comment: String?

        /// Options; every one is optional.
        public init(
            condition: String? = nil, warehouse: String? = nil, isServerless: Bool = false,
            sessionParameters: [String: JSONValue]? = nil, userTaskManagedInitialWarehouseSize: String? = nil,
            targetCompletionInterval: MinutesSchedule? = nil, serverlessTaskMinStatementSize: String? = nil,
            serverlessTaskMaxStatementSize: String? = nil, userTaskTimeoutMs: Int? = nil, successIntegration: String? = nil,
            executeAsUser: String? = nil, comment: String? = nil
        ) {
            self.condition = condition
            self.warehouse = warehouse
            self.isServerless = isServerless
            self.sessionParameters = sessionParameters
            self.userTaskManagedInitialWarehouseSize = userTaskManagedInitialWarehouseSize
            self.targetCompletionInterval = targetCompletionInterval
            self.serverlessTaskMinStatementSize = serverlessTaskMinStatementSize
            self.serverlessTaskMaxStatementSize = serverlessTaskMaxStatementSize
            self.userTaskTimeoutMs = userTaskTimeoutMs
            self.successIntegration = successIntegration
            self.executeAsUser = executeAsUser
            self.comment = comment
        }
    }

    enum Kind: Sendable, Hashable {
        case task, branch, finalizer
    }

    struct Entry: Sendable {
        var definition: TaskDefinition
        var options: TaskOptions
        var kind: Kind
        var predecessors: [String] = []
    }

    struct State: Sendable {
        var order: [String] = []
        var entries: [String: Entry] = [:]
    }

    /// The definition of the generated root task.
    public static let rootDefinition = "select 'dag dummy root'"

    /// A graph. Add tasks with ``task(_:_:options:)``, ``branch(_:_:options:)`` and
    /// ``finalizer(_:_:options:)``.
    /// - Parameters:
    ///   - name: the graph's name, which names its root task (`nightly` → `NIGHTLY`).
    ///   - schedule: when it runs; nil leaves it to ``TaskGraphOperations/run(_:retryLast:)``.
    ///   - warehouse: the warehouse of its tasks; nil makes them serverless.
    public init(_ name: String, schedule: TaskSchedule? = nil, warehouse: String? = nil, settings: Settings = Settings()) {
        self.name = name
        self.schedule = schedule
        self.warehouse = warehouse
        self.settings = settings
    }

    /// A graph with its settings spelled out.
    public convenience init(
        _ name: String, schedule: TaskSchedule? = nil, warehouse: String? = nil, comment: String? = nil,
        taskAutoRetryAttempts: Int? = nil, overlapPolicy: OverlapPolicy? = nil, userTaskTimeoutMs: Int? = nil,
        suspendTaskAfterNumFailures: Int? = nil, config: [String: JSONValue]? = nil,
        sessionParameters: [String: JSONValue]? = nil, errorIntegration: String? = nil, condition: String? = nil
    ) {
        self.init(
            name, schedule: schedule, warehouse: warehouse,
            settings: Settings(
                comment: comment, errorIntegration: errorIntegration, taskAutoRetryAttempts: taskAutoRetryAttempts,
                overlapPolicy: overlapPolicy, userTaskTimeoutMs: userTaskTimeoutMs,
                suspendTaskAfterNumFailures: suspendTaskAfterNumFailures, config: config, sessionParameters: sessionParameters,
                condition: condition))
    }

    public var description: String { "<TaskGraph: \(name), \(tasks.count) tasks>" }

    // MARK: Tasks

    /// Adds a task. Its Snowflake name is `<graph>$<name>`.
    /// - Throws: ``SnowflakeError/Code/invalidArgument`` when the graph has a task of that
    ///   name, or the options ask for a serverless task with a warehouse.
    @discardableResult
    public func task(_ name: String, _ definition: TaskDefinition, options: TaskOptions = TaskOptions()) throws -> GraphTask {
        try add(name, definition, options: options, kind: .task)
    }

    /// Adds a branch task: it returns, with ``TaskContext/setReturnValue(_:)``, the name of the
    /// successor that should run; its other successors are skipped.
    @discardableResult
    public func branch(_ name: String, _ definition: TaskDefinition, options: TaskOptions = TaskOptions()) throws -> GraphTask {
        try add(name, definition, options: options, kind: .branch)
    }

    /// Adds the graph's finalizer, which runs after every other task finished or failed. A
    /// graph has at most one; it has no predecessors or successors.
    @discardableResult
    public func finalizer(_ name: String, _ definition: TaskDefinition, options: TaskOptions = TaskOptions()) throws -> GraphTask {
        if let existing = finalizerTask {
            throw Self.invalid("task graph \(self.name) already has the finalizer \(existing.name)")
        }
        return try add(name, definition, options: options, kind: .finalizer)
    }

    private func add(_ name: String, _ definition: TaskDefinition, options: TaskOptions, kind: Kind) throws -> GraphTask {
        guard !name.isEmpty else { throw Self.invalid("a task of graph \(self.name) needs a name") }
        if options.isServerless, options.warehouse != nil {
            throw Self.invalid("task \(name) cannot be serverless and name the warehouse \(options.warehouse ?? "")")
        }
        try state.withLock { state in
            guard state.entries[name] == nil else { throw Self.invalid("task graph \(self.name) already has a task \(name)") }
            state.order.append(name)
            state.entries[name] = Entry(definition: definition, options: options, kind: kind)
        }
        return GraphTask(name: name, graph: self)
    }

    /// The graph's tasks in the order they were added.
    public var tasks: [GraphTask] { state.withLock { $0.order }.map { GraphTask(name: $0, graph: self) } }

    /// The task with this (short) name.
    public subscript(name: String) -> GraphTask? {
        state.withLock { $0.entries[name] } == nil ? nil : GraphTask(name: name, graph: self)
    }

    /// The graph's finalizer, if it has one.
    public var finalizerTask: GraphTask? {
        state.withLock { state in state.order.first { state.entries[$0]?.kind == .finalizer } }.map { GraphTask(name: $0, graph: self) }
    }

    func entry(_ name: String) -> Entry? { state.withLock { $0.entries[name] } }

    // MARK: Links

    /// Makes `predecessor` run before `successor`.
    func link(_ predecessor: GraphTask, _ successor: GraphTask) throws {
        guard predecessor.graph === self, successor.graph === self else {
            let foreign = predecessor.graph === self ? successor : predecessor
            throw Self.invalid("task \(foreign.name) belongs to graph \(foreign.graph.name), not to \(name)")
        }
        try state.withLock { state in
            guard let from = state.entries[predecessor.name], let to = state.entries[successor.name] else {
                throw Self.invalid("task graph \(name) has no task \(state.entries[predecessor.name] == nil ? predecessor.name : successor.name)")
            }
            if from.kind == .finalizer || to.kind == .finalizer {
                throw Self.invalid("the finalizer of graph \(name) can have no predecessors or successors")
            }
            guard predecessor.name != successor.name else { throw Self.invalid("task \(successor.name) cannot precede itself") }
            if state.entries[successor.name]!.predecessors.contains(predecessor.name) { return }
            // A cycle: the successor already leads to the predecessor.
            var stack = [predecessor.name]
            var seen: Set<String> = []
            while let current = stack.popLast() {
                if current == successor.name {
                    throw Self.invalid("linking \(predecessor.name) before \(successor.name) would make task graph \(name) cyclic")
                }
                guard seen.insert(current).inserted else { continue }
                stack.append(contentsOf: state.entries[current]?.predecessors ?? [])
            }
            state.entries[successor.name]!.predecessors.append(predecessor.name)
        }
    }

    func predecessors(of name: String) -> [String] { state.withLock { $0.entries[name]?.predecessors ?? [] } }

    func successors(of name: String) -> [String] {
        state.withLock { state in state.order.filter { state.entries[$0]?.predecessors.contains(name) == true } }
    }

    /// Links each step before the next: `try graph.chain(extract, [clean, enrich], load)`.
    /// A list fans out to (or in from) each of its tasks.
    public func chain(_ steps: any TaskGraphStep...) throws {
        for (before, after) in zip(steps, steps.dropFirst()) {
            for predecessor in before.graphTasks {
                for successor in after.graphTasks { try link(predecessor, successor) }
            }
        }
    }

    // MARK: Lowering

    /// The graph's tasks as Snowflake task definitions, in the order a deploy creates them:
    /// the root first, then each task after its predecessors (ties in the order added).
    public func taskModels() -> [TaskModel] {
        let snapshot = state.withLock { $0 }
        var models = [rootModel()]
        for name in Self.dependencyOrder(snapshot) {
            guard let entry = snapshot.entries[name] else { continue }
            models.append(model(for: name, entry, in: snapshot))
        }
        return models
    }

    /// The Snowflake name of a task of this graph (`NIGHTLY$LOAD` for `load`).
    public func fullName(of taskName: String) -> String { "\(name)$\(taskName)" }

    private func rootModel() -> TaskModel {
        TaskModel(
            name: name, definition: Self.rootDefinition, warehouse: warehouse, schedule: schedule, comment: settings.comment,
            taskAutoRetryAttempts: settings.taskAutoRetryAttempts, config: settings.config,
            sessionParameters: settings.sessionParameters, userTaskTimeoutMs: settings.userTaskTimeoutMs,
            suspendTaskAfterNumFailures: settings.suspendTaskAfterNumFailures, condition: settings.condition,
            errorIntegration: settings.errorIntegration, overlapPolicy: settings.overlapPolicy)
    }

    private func model(for name: String, _ entry: Entry, in snapshot: State) -> TaskModel {
        let options = entry.options
        var conditions: [String] = []
        for predecessor in entry.predecessors where snapshot.entries[predecessor]?.kind == .branch {
            conditions.append(
                "SYSTEM$GET_PREDECESSOR_RETURN_VALUE('\(Self.literal(Self.normalized(fullName(of: predecessor))))') = '\(Self.literal(name))'")
        }
        if let condition = options.condition { conditions.append(condition) }
        let isFinalizer = entry.kind == .finalizer
        return TaskModel(
            name: fullName(of: name), definition: entry.definition.sql,
            warehouse: options.isServerless ? nil : (options.warehouse ?? warehouse), comment: options.comment,
            finalize: isFinalizer ? self.name : nil, sessionParameters: options.sessionParameters,
            predecessors: isFinalizer ? nil : (entry.predecessors.isEmpty ? [self.name] : entry.predecessors.map(fullName(of:))),
            userTaskManagedInitialWarehouseSize: options.userTaskManagedInitialWarehouseSize,
            targetCompletionInterval: options.targetCompletionInterval,
            serverlessTaskMinStatementSize: options.serverlessTaskMinStatementSize,
            serverlessTaskMaxStatementSize: options.serverlessTaskMaxStatementSize, userTaskTimeoutMs: options.userTaskTimeoutMs,
            condition: conditions.isEmpty ? nil : conditions.joined(separator: " and "),
            successIntegration: options.successIntegration, executeAsUser: options.executeAsUser)
    }

    /// Kahn's order over predecessor links; ties follow the order tasks were added. The
    /// finalizer comes last.
    private static func dependencyOrder(_ state: State) -> [String] {
        var remaining = state.order
        var placed: Set<String> = []
        var result: [String] = []
        while !remaining.isEmpty {
            guard let next = remaining.firstIndex(where: { name in
                (state.entries[name]?.predecessors ?? []).allSatisfy(placed.contains) && state.entries[name]?.kind != .finalizer
            }) ?? remaining.firstIndex(where: { state.entries[$0]?.kind == .finalizer }) else { break }
            let name = remaining.remove(at: next)
            placed.insert(name)
            result.append(name)
        }
        return result
    }

    /// A name as Snowflake stores it: unquoted names fold to upper case.
    static func normalized(_ name: String) -> String {
        guard let canonical = try? Identifier.resolve(name) else { return name }
        return Identifier.spelling(forCanonical: canonical)
    }

    /// Text inside a SQL string literal: backslashes, then quotes, doubled.
    static func literal(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''")
    }

    static func invalid(_ detail: String) -> SnowflakeError { SnowflakeError(code: .invalidArgument, detail: detail) }
}

/// A task of a ``TaskGraph``: a handle to link with `>>` and `<<`, or with
/// ``addSuccessors(_:)`` and ``addPredecessors(_:)``.
///
/// Swift's shift operators do not chain, so `a >> b >> c` needs parentheses or
/// ``TaskGraph/chain(_:)``.
public struct GraphTask: Sendable, Hashable, CustomStringConvertible, TaskGraphStep {
    /// The task's short name in its graph.
    public let name: String
    /// The graph it belongs to.
    public let graph: TaskGraph

    /// The task's Snowflake name, `<graph>$<name>`.
    public var fullName: String { graph.fullName(of: name) }
    /// What it runs.
    public var definition: TaskDefinition? { graph.entry(name)?.definition }
    /// Whether it is the graph's finalizer.
    public var isFinalizer: Bool { graph.entry(name)?.kind == .finalizer }
    /// Whether it is a branch task.
    public var isBranch: Bool { graph.entry(name)?.kind == .branch }
    /// The tasks that run before it.
    public var predecessors: [GraphTask] { graph.predecessors(of: name).map { GraphTask(name: $0, graph: graph) } }
    /// The tasks that run after it.
    public var successors: [GraphTask] { graph.successors(of: name).map { GraphTask(name: $0, graph: graph) } }
    public var description: String { "<GraphTask: \(fullName)>" }
    public var graphTasks: [GraphTask] { [self] }

    /// Makes each of `tasks` run after this one.
    public func addSuccessors(_ tasks: GraphTask...) throws {
        for task in tasks { try graph.link(self, task) }
    }

    /// Makes this task run after each of `tasks`.
    public func addPredecessors(_ tasks: GraphTask...) throws {
        for task in tasks { try graph.link(task, self) }
    }

    public static func == (lhs: GraphTask, rhs: GraphTask) -> Bool { lhs.graph === rhs.graph && lhs.name == rhs.name }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(graph))
        hasher.combine(name)
    }

    /// `a >> b`: `b` runs after `a`. Returns `b`.
    @discardableResult
    public static func >> (lhs: GraphTask, rhs: GraphTask) throws -> GraphTask {
        try lhs.graph.link(lhs, rhs)
        return rhs
    }

    /// `a >> [b, c]`: each runs after `a`. Returns the list.
    @discardableResult
    public static func >> (lhs: GraphTask, rhs: [GraphTask]) throws -> [GraphTask] {
        for task in rhs { try lhs.graph.link(lhs, task) }
        return rhs
    }

    /// `[a, b] >> c`: `c` runs after each. Returns `c`.
    @discardableResult
    public static func >> (lhs: [GraphTask], rhs: GraphTask) throws -> GraphTask {
        for task in lhs { try rhs.graph.link(task, rhs) }
        return rhs
    }

    /// `a << b`: `a` runs after `b`. Returns `b`.
    @discardableResult
    public static func << (lhs: GraphTask, rhs: GraphTask) throws -> GraphTask {
        try lhs.graph.link(rhs, lhs)
        return rhs
    }

    /// `a << [b, c]`: `a` runs after each. Returns the list.
    @discardableResult
    public static func << (lhs: GraphTask, rhs: [GraphTask]) throws -> [GraphTask] {
        for task in rhs { try lhs.graph.link(task, lhs) }
        return rhs
    }
}

/// One step of ``TaskGraph/chain(_:)``: a task or a list of tasks.
public protocol TaskGraphStep: Sendable {
    /// The step's tasks.
    var graphTasks: [GraphTask] { get }
}

extension Array: TaskGraphStep where Element == GraphTask {
    public var graphTasks: [GraphTask] { self }
}
