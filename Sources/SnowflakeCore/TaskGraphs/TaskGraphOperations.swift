import Foundation
import SnowflakeModels

extension ResourceReference where Family == SchemaModel {
    /// Deploys, runs, inspects and drops task graphs in this schema (`DAGOperation` in
    /// `snowflake.core`).
    public var taskGraphs: TaskGraphOperations { TaskGraphOperations(tasks: tasks) }
}

/// Task graphs in one schema.
///
/// ```swift
/// let graphs = root.databases["db"].schemas["public"].taskGraphs
/// try await graphs.deploy(graph, mode: .orReplace)
/// try await graphs.run(graph)
/// let runs = try await graphs.completeRuns(of: graph, errorOnly: false)
/// ```
public struct TaskGraphOperations: Sendable {
    /// The schema's tasks.
    public let tasks: TaskCollection

    /// Operations on the graphs of the schema whose tasks these are.
    public init(tasks: TaskCollection) { self.tasks = tasks }

    /// Creates the graph's tasks: the root, then each task after its predecessors, each one
    /// resumed as it is created; a scheduled root is resumed last, which starts the schedule.
    ///
    /// - Parameter mode: ``CreateMode/errorIfExists`` fails with
    ///   ``SnowflakeError/Code/conflict`` when the root task exists; ``CreateMode/orReplace``
    ///   first drops the graph of that name (its finalizer too); ``CreateMode/ifNotExists``
    ///   leaves an existing graph as it is.
    /// - Throws: when a task cannot be created. The tasks this call created are then dropped
    ///   again, so a failed deploy leaves no half graph (with `orReplace`, the old graph is
    ///   gone already).
    public func deploy(_ graph: TaskGraph, mode: CreateMode = .errorIfExists) async throws {
        let models = graph.taskModels()
        switch mode {
        case .orReplace:
            try await drop(graph.name, dropFinalizer: true)
        case .ifNotExists:
            if try await exists(graph.name) { return }
        case .errorIfExists:
            break
        }
        var created: [TaskResource] = []
        do {
            created.append(try await tasks.create(models[0]))
            for model in models.dropFirst() {
                let task = try await tasks.create(model, mode: mode == .ifNotExists ? .errorIfExists : mode)
                created.append(task)
                try await task.resume()
            }
            if graph.schedule != nil { try await created[0].resume() }
        } catch {
            await undo(created)
            throw error
        }
    }

    private func exists(_ name: String) async throws -> Bool {
        do {
            _ = try await tasks[name].fetch()
            return true
        } catch let error as SnowflakeError where error.code == .notFound {
            return false
        }
    }

    private func undo(_ created: [TaskResource]) async {
        guard let root = created.first else { return }
        try? await root.suspend()
        for task in created.reversed() { try? await task.drop(ifExists: true) }
    }

    /// Drops a graph: suspends its root, then drops its tasks, the root last. A graph that does
    /// not exist is not an error.
    /// - Parameter dropFinalizer: also drop the finalizer (the default); false keeps it as a
    ///   standalone task.
    public func drop(_ graph: TaskGraph, dropFinalizer: Bool = true) async throws {
        try await drop(graph.name, dropFinalizer: dropFinalizer)
    }

    /// Drops the graph whose root task has this name.
    public func drop(_ name: String, dropFinalizer: Bool = true) async throws {
        let root = tasks[name]
        let model: TaskModel
        do { model = try await root.fetch() } catch let error as SnowflakeError where error.code == .notFound { return }
        if model.state == .started { try await root.suspend() }
        let members = try await root.dependents(recursive: true)
        let finalizer = model.finalizerTask
        for member in members.reversed() {
            if !dropFinalizer, let finalizer, Self.sameTask(member.name, finalizer) { continue }
            let task = tasks[member.name]
            do {
                try await task.suspend()
                try await task.drop()
            } catch let error as SnowflakeError where error.code == .notFound {
                continue
            }
        }
    }

    /// Starts a run of the graph now; a scheduled graph is resumed first.
    /// - Parameter retryLast: rerun the last failed run from its failed tasks instead.
    public func run(_ graph: TaskGraph, retryLast: Bool = false) async throws {
        try await run(graph.name, retryLast: retryLast)
    }

    /// Starts a run of the graph whose root task has this name.
    public func run(_ name: String, retryLast: Bool = false) async throws {
        let root = tasks[name]
        if try await root.fetch().schedule != nil { try await root.resume() }
        try await root.execute(retryLast: retryLast)
    }

    /// The names of the schema's graphs: its root tasks.
    public func names(like pattern: String? = nil) async throws -> [String] {
        try await tasks.list(like: pattern, rootOnly: true).collect().map(\.name)
    }

    /// The graph's runs that are scheduled or executing.
    public func currentRuns(of graph: TaskGraph) async throws -> [TaskRun] { try await currentRuns(of: graph.name) }

    /// The runs that are scheduled or executing of the graph whose root task has this name.
    public func currentRuns(of name: String) async throws -> [TaskRun] { try await tasks[name].currentGraphs() }

    /// The graph's finished runs, newest first.
    /// - Parameter errorOnly: only failed and cancelled runs (the default, as in
    ///   `snowflake.core`).
    public func completeRuns(of graph: TaskGraph, errorOnly: Bool = true) async throws -> [TaskRun] {
        try await completeRuns(of: graph.name, errorOnly: errorOnly)
    }

    /// The finished runs of the graph whose root task has this name, newest first.
    public func completeRuns(of name: String, errorOnly: Bool = true) async throws -> [TaskRun] {
        try await tasks[name].completeGraphs(errorOnly: errorOnly)
    }

    /// Whether a bare task name and a qualified one name the same task.
    static func sameTask(_ name: String, _ qualified: String) -> Bool {
        guard let last = try? QualifiedName.parse(qualified).name,
            let a = try? Identifier.resolve(name), let b = try? Identifier.resolve(last)
        else { return false }
        return a == b
    }
}
