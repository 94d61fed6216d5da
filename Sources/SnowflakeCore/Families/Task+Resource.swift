import Foundation
import SnowflakeModels

/// A reference to a task, as `snowflake.core` names it.
public typealias TaskResource = ResourceReference<TaskModel>
/// The tasks of a schema, as `snowflake.core` names it.
public typealias TaskCollection = ResourceCollection<TaskModel>

extension ResourceReference where Family == SchemaModel {
    /// The schema's tasks.
    public var tasks: TaskCollection { collection(TaskModel.self) }
}

extension ResourceCollection where Family == TaskModel {
    /// The schema's tasks; with `rootOnly`, only tasks without predecessors.
    public func list(
        like: String? = nil, startsWith: String? = nil, showLimit: Int? = nil, fromName: String? = nil, rootOnly: Bool
    ) -> ResourceListing<TaskModel> {
        list(ListOptions(like: like, startsWith: startsWith, showLimit: showLimit, fromName: fromName, rootOnly: rootOnly))
    }
}

extension ResourceReference where Family == TaskModel {
    /// Starts a run of this standalone or root task now, whatever its schedule and state.
    /// - Parameter retryLast: rerun the last failed graph run from its failed tasks instead.
    /// - Remark: HTTP `POST /api/v2/databases/{database}/schemas/{schema}/tasks/{name}:execute?retryLast=`
    public func execute(retryLast: Bool = false) async throws {
        try await perform("execute", query: [URLQueryItem(name: "retryLast", value: String(retryLast))])
    }

    /// The task and the tasks that depend on it, the task first.
    /// - Parameter recursive: all descendants (default) or only direct children.
    /// - Remark: HTTP `GET /api/v2/databases/{database}/schemas/{schema}/tasks/{name}/dependents`
    public func dependents(recursive: Bool = true) async throws -> [TaskModel] {
        try checkPath()
        return try await client.send(
            "GET", path.appending("dependents"), query: [URLQueryItem(name: "recursive", value: String(recursive))],
            as: [TaskModel].self)
    }

    /// Runs of this task's graph that are scheduled or executing.
    /// - Remark: HTTP `GET /api/v2/databases/{database}/schemas/{schema}/tasks/{name}/current-graphs`
    public func currentGraphs(resultLimit: Int? = nil) async throws -> [TaskRun] {
        try checkPath()
        return try await client.send(
            "GET", path.appending("current-graphs"),
            query: resultLimit.map { [URLQueryItem(name: "resultLimit", value: String($0))] } ?? [], as: [TaskRun].self)
    }

    /// Finished runs of this task's graph, newest first.
    /// - Parameter errorOnly: only runs that failed or were cancelled (the default, as in
    ///   `snowflake.core`).
    /// - Remark: HTTP `GET /api/v2/databases/{database}/schemas/{schema}/tasks/{name}/complete-graphs`
    public func completeGraphs(errorOnly: Bool = true, resultLimit: Int? = nil) async throws -> [TaskRun] {
        try checkPath()
        var query = [URLQueryItem(name: "errorOnly", value: String(errorOnly))]
        if let resultLimit { query.append(URLQueryItem(name: "resultLimit", value: String(resultLimit))) }
        return try await client.send("GET", path.appending("complete-graphs"), query: query, as: [TaskRun].self)
    }
}
