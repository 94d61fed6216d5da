import Foundation
import GRDB
import SnowflakeModels

/// Schedules and runs task graphs, inside one write transaction of the store at a time.
///
/// Everything is a row: a started root task with a schedule has one `SCHEDULED` graph run
/// waiting for its next time; `EXECUTE TASK` adds one for now; a retry adds one that starts
/// from the failed tasks. ``advance()`` starts the runs that are due and moves the running
/// ones on as far as the clock allows, so a restart resumes exactly where the rows say, and a
/// scheduled time is run once (a unique index on the root and the scheduled time).
///
/// Times are the emulator's: a task starts when its predecessors finished (or when the graph
/// run started), takes as long as its statement (`SYSTEM$WAIT`), and a clock moved forward by
/// an hour plays out that hour.
struct TaskRuntime {
    let db: Database
    let now: Date

    /// How long finished runs are kept: `RETRY LAST` reaches back 14 days.
    static let retention: TimeInterval = 14 * 86_400
    /// How far back `complete-graphs` reports (the `COMPLETE_TASK_GRAPHS` table function).
    static let completeWindow: TimeInterval = 3_600
    /// How far ahead `current-graphs` reports scheduled runs.
    static let currentWindow: TimeInterval = 8 * 86_400

    // MARK: Schedules

    /// Called when a root task with a schedule was resumed: its next run is scheduled from now.
    func scheduleAfterResume(_ root: inout StoredObject<TaskModel>, container: ResolvedContainer) throws {
        root.serverState["schedule_base"] = .double(now.timeIntervalSince1970)
        try unschedule(rootId: root.record.id)
        try scheduleNext(root, container: container, after: now)
    }

    /// Removes the scheduled (not yet started) runs of a root task: it was suspended, dropped
    /// or stopped being a root.
    func unschedule(rootId: Int64) throws {
        try db.execute(
            sql: "DELETE FROM task_graph_runs WHERE root_id = ? AND state = 'SCHEDULED' AND scheduled_from = 'SCHEDULE'",
            arguments: [rootId])
    }

    /// The first scheduled time of `root` strictly after `date`.
    static func nextTime(of root: StoredObject<TaskModel>, after date: Date) -> Date? {
        switch root.model.schedule {
        case .interval(let interval)?:
            let period = TimeInterval(max(interval.totalSeconds, 1))
            var base = date
            if case .double(let seconds) = root.serverState["schedule_base"] { base = Date(timeIntervalSince1970: seconds) }
            if case .integer(let seconds) = root.serverState["schedule_base"] { base = Date(timeIntervalSince1970: TimeInterval(seconds)) }
            let elapsed = max(0, date.timeIntervalSince(base))
            return base.addingTimeInterval((elapsed / period).rounded(.down) * period + period)
        case .cron(let cron)?:
            return (try? CronExpression(cron.cronExpr, timeZone: cron.timezone))?.next(after: date)
        case nil:
            return nil
        }
    }

    private func scheduleNext(_ root: StoredObject<TaskModel>, container: ResolvedContainer, after date: Date) throws {
        guard root.model.state == .started, let time = Self.nextTime(of: root, after: date) else { return }
        let following = Self.nextTime(of: root, after: time) ?? time
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO task_graph_runs (root_id, database_name, schema_name, root_task_name, root_task_id, run_id,
                    graph_version, state, scheduled_from, scheduled_time, next_scheduled_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', 'SCHEDULE', ?, ?)
                """,
            arguments: [
                root.record.id, container.database, container.schema, root.canonicalName, root.model.id ?? "",
                Self.milliseconds(time), TaskGraph.version(root.serverState), time.timeIntervalSince1970,
                following.timeIntervalSince1970,
            ])
    }

    // MARK: EXECUTE TASK

    /// Adds a graph run of `root` that starts now, or with `retryLast`, one that reruns the
    /// failed tasks of its last run.
    func execute(_ root: StoredObject<TaskModel>, container: ResolvedContainer, retryLast: Bool) throws {
        let rootName = container.qualified(root.canonicalName)
        guard (root.model.predecessors ?? []).isEmpty, root.model.finalize == nil else {
            throw EmulatorError.badRequest(
                "Task \(rootName) is a child task: only a standalone or root task can be executed.", code: "091092")
        }
        let pending = try Double.fetchOne(
            db, sql: "SELECT scheduled_time FROM task_graph_runs WHERE root_id = ? AND state = 'SCHEDULED' AND scheduled_from = 'SCHEDULE'",
            arguments: [root.record.id])
        let next = pending ?? now.timeIntervalSince1970
        guard retryLast else {
            try db.execute(
                sql: """
                    INSERT INTO task_graph_runs (root_id, database_name, schema_name, root_task_name, root_task_id, run_id,
                        graph_version, state, scheduled_from, scheduled_time, next_scheduled_time)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', 'EXECUTE_TASK', ?, ?)
                    """,
                arguments: [
                    root.record.id, container.database, container.schema, root.canonicalName, root.model.id ?? "",
                    Self.milliseconds(now), TaskGraph.version(root.serverState), now.timeIntervalSince1970, next,
                ])
            return
        }
        guard let last = try GraphRun.fetchLastComplete(db, rootId: root.record.id) else {
            throw EmulatorError.sql(400, "091457", "Cannot perform retry: task graph \(rootName) has never run.")
        }
        guard last.state == "FAILED" || last.state == "CANCELLED" else {
            throw EmulatorError.sql(
                400, "091456", "Cannot perform retry: the last run of task graph \(rootName) did not fail (it is \(last.state)).")
        }
        guard last.graphVersion == TaskGraph.version(root.serverState), last.rootTaskId == root.model.id else {
            throw EmulatorError.sql(
                400, "091456", "Cannot perform retry: task graph \(rootName) changed since its last run failed.")
        }
        guard now.timeIntervalSince(last.completedTime ?? now) <= Self.retention else {
            throw EmulatorError.sql(400, "091456", "Cannot perform retry: the last run of task graph \(rootName) is older than 14 days.")
        }
        try insertRetry(of: last, at: now, scheduledFrom: "RETRY", next: next)
    }

    private func insertRetry(of failed: GraphRun, at time: Date, scheduledFrom: String, next: Double) throws {
        var carried = failed.carried
        for row in try TaskRunRow.fetchAll(db, graphRun: failed.id) where row.state == "SUCCEEDED" || row.state == "SKIPPED" {
            if failed.snapshot?.node(row.name)?.isFinalizer == true { continue }
            carried[row.name] = CarriedResult(state: row.state, returnValue: row.returnValue)
        }
        try db.execute(
            sql: """
                INSERT INTO task_graph_runs (root_id, database_name, schema_name, root_task_name, root_task_id, run_id,
                    graph_version, state, scheduled_from, scheduled_time, next_scheduled_time, attempt_number, graph, carried)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                failed.rootId, failed.databaseName, failed.schemaName, failed.rootTaskName, failed.rootTaskId, failed.runId,
                failed.graphVersion, scheduledFrom, time.timeIntervalSince1970, next, failed.attempt + 1, failed.graphText,
                try Self.json(carried),
            ])
    }

    // MARK: Advancing

    /// Starts the due runs and moves every running one on to the current time. Returns whether
    /// anything changed.
    @discardableResult
    func advance() throws -> Bool {
        var changed = false
        let due = try GraphRun.fetchAll(
            db, sql: "SELECT * FROM task_graph_runs WHERE state = 'SCHEDULED' AND scheduled_time <= ? ORDER BY scheduled_time, id",
            arguments: [now.timeIntervalSince1970])
        for run in due {
            try start(run)
            changed = true
        }
        for run in try GraphRun.fetchAll(db, sql: "SELECT * FROM task_graph_runs WHERE state = 'EXECUTING' ORDER BY id", arguments: []) {
            changed = try progress(run) || changed
        }
        try db.execute(
            sql: "DELETE FROM task_graph_runs WHERE completed_time IS NOT NULL AND completed_time < ?",
            arguments: [now.addingTimeInterval(-Self.retention).timeIntervalSince1970])
        return changed
    }

    /// When something will next be due: a scheduled run or the end of a running statement.
    static func nextDue(_ db: Database) throws -> Date? {
        let time = try Double.fetchOne(
            db,
            sql: """
                SELECT MIN(t) FROM (
                    SELECT MIN(scheduled_time) AS t FROM task_graph_runs WHERE state = 'SCHEDULED'
                    UNION ALL SELECT MIN(completes_at) FROM task_runs WHERE state = 'EXECUTING')
                """)
        return time.map(Date.init(timeIntervalSince1970:))
    }

    private func start(_ run: GraphRun) throws {
        guard let rootRecord = try db.object(id: run.rootId), rootRecord.droppedOn == nil else {
            try finish(run, state: "CANCELLED", completed: now, error: nil)
            return
        }
        let root = try StoredObject<TaskModel>(record: rootRecord)
        let container = ResolvedContainer(database: rootRecord.databaseName, schema: rootRecord.schemaName)
        if run.scheduledFrom == "SCHEDULE" {
            guard root.model.state == .started else {
                try db.execute(sql: "DELETE FROM task_graph_runs WHERE id = ?", arguments: [run.id])
                return
            }
            try scheduleNext(root, container: container, after: max(now, run.scheduledTime))
        }
        if run.scheduledFrom != "RETRY", try overlaps(root, excluding: run.id) {
            try finish(run, state: "SKIPPED", completed: now, error: nil)
            return
        }
        var snapshotText = run.graphText
        if snapshotText == nil {
            let graph = TaskGraph(db: db, container: container, now: now)
            let members = try graph.members(of: rootRecord, named: container.qualified(rootRecord.name))
            snapshotText = try Self.json(try GraphSnapshot(root: root, members: members, container: container))
        }
        let startTime = run.scheduledFrom == "RETRY" ? min(run.scheduledTime, now) : now
        try db.execute(
            sql: "UPDATE task_graph_runs SET state = 'EXECUTING', query_start_time = ?, graph = ?, graph_version = ? WHERE id = ?",
            arguments: [startTime.timeIntervalSince1970, snapshotText, run.scheduledFrom == "RETRY" ? run.graphVersion : TaskGraph.version(root.serverState), run.id])
        guard let started = try GraphRun.fetchOne(db, id: run.id) else { return }
        _ = try progress(started)
    }

    /// Whether a new run of `root` must be skipped because a run is still going, by its
    /// overlap policy.
    private func overlaps(_ root: StoredObject<TaskModel>, excluding id: Int64) throws -> Bool {
        let policy = root.model.overlapPolicy ?? (root.model.allowOverlappingExecution == true ? .allowChildOverlap : .noOverlap)
        switch policy {
        case .allowAllOverlap:
            return false
        case .noOverlap:
            return try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM task_graph_runs WHERE root_id = ? AND state = 'EXECUTING' AND id != ?)",
                arguments: [root.record.id, id]) ?? false
        case .allowChildOverlap:
            return try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS(SELECT 1 FROM task_runs JOIN task_graph_runs g ON g.id = task_runs.graph_run
                        WHERE g.root_id = ? AND g.state = 'EXECUTING' AND g.id != ? AND task_runs.task_id = ? AND task_runs.state = 'EXECUTING')
                    """, arguments: [root.record.id, id, root.record.id]) ?? false
        }
    }

    /// Moves a running graph run on: finishes statements whose time has come, starts the tasks
    /// whose predecessors are done, then the finalizer, then closes the run.
    private func progress(_ run: GraphRun) throws -> Bool {
        guard let snapshot = run.snapshot, let rootNode = snapshot.nodes.first else {
            try finish(run, state: "FAILED", completed: now, error: (TaskStatement.taskFunctionError, "The graph run has no recorded graph."))
            return true
        }
        var changed = false
        var rows = try TaskRunRow.fetchAll(db, graphRun: run.id)
        for index in rows.indices where rows[index].state == "EXECUTING" {
            guard let completesAt = rows[index].completesAt, completesAt <= now, let outcome = rows[index].outcome else { continue }
            rows[index].complete(outcome, at: completesAt)
            try rows[index].update(db)
            changed = true
        }
        var status: [String: NodeStatus] = [:]
        let runStart = run.queryStartTime ?? now
        for (name, result) in run.carried { status[name] = .done(result.state, runStart, result.returnValue) }
        for row in rows {
            status[row.name] = row.isTerminal ? .done(row.state, row.completedTime ?? runStart, row.returnValue) : .running
        }
        let names = Set(snapshot.nodes.map(\.name))
        var progressing = true
        while progressing {
            progressing = false
            for node in snapshot.nodes where status[node.name] == nil && !node.isFinalizer {
                let predecessors = node.predecessors.filter(names.contains)
                var startTime = runStart
                var predecessorValues: [(name: String, value: String?)] = []
                var blocked = false
                var allSkipped = !predecessors.isEmpty
                for predecessor in predecessors {
                    switch status[predecessor] {
                    case .done(let state, let completed, let value)?:
                        if state == "SKIPPED" {
                            predecessorValues.append((predecessor, nil))
                        } else if state == "SUCCEEDED" {
                            allSkipped = false
                            predecessorValues.append((predecessor, value))
                        } else {
                            status[node.name] = .unreached
                        }
                        startTime = max(startTime, completed)
                    case .unreached?:
                        status[node.name] = .unreached
                    case .running?, nil:
                        blocked = true
                    }
                }
                if status[node.name] == .unreached {
                    progressing = true
                    continue
                }
                guard !blocked else { continue }
                let skipReason: String? = allSkipped ? "all predecessors were skipped" : (node.suspended && node.name != rootNode.name ? "the task is suspended" : nil)
                status[node.name] = try startTask(node, of: run, snapshot: snapshot, at: startTime, predecessors: predecessorValues, skip: skipReason)
                changed = true
                progressing = true
            }
        }
        let others = snapshot.nodes.filter { !$0.isFinalizer }
        guard others.allSatisfy({ status[$0.name]?.isSettled == true }) else { return changed }
        if case .done("SKIPPED", let completed, _)? = status[rootNode.name], run.carried[rootNode.name] == nil {
            try finish(run, state: "SKIPPED", completed: completed, error: nil)
            return true
        }
        let lastCompletion = status.values.compactMap(\.completedTime).max() ?? runStart
        if let finalizer = snapshot.nodes.first(where: \.isFinalizer), status[finalizer.name] == nil {
            status[finalizer.name] = try startTask(
                finalizer, of: run, snapshot: snapshot, at: lastCompletion, predecessors: [],
                skip: finalizer.suspended ? "the task is suspended" : nil)
            changed = true
        }
        guard status.values.allSatisfy(\.isSettled), snapshot.nodes.allSatisfy({ status[$0.name] != nil }) else { return changed }

        let finished = try TaskRunRow.fetchAll(db, graphRun: run.id)
        let failed = finished.filter { $0.state == "FAILED" }.min { ($0.completedTime ?? now, $0.id) < ($1.completedTime ?? now, $1.id) }
        let state = failed != nil ? "FAILED" : finished.contains { $0.state == "CANCELLED" } ? "CANCELLED" : "SUCCEEDED"
        let completed = status.values.compactMap(\.completedTime).max() ?? runStart
        try finish(
            run, state: state, completed: completed,
            error: failed.map { ($0.errorCode ?? 0, $0.errorMessage ?? "") }, failedTask: failed?.name)
        if state == "FAILED" { try afterFailure(run, snapshot: snapshot, completed: completed) }
        return true
    }

    private enum NodeStatus: Equatable {
        case done(String, Date, String?)
        case running
        case unreached

        var isSettled: Bool { self != .running }
        var completedTime: Date? {
            if case .done(_, let date, _) = self { return date }
            return nil
        }
    }

    private func startTask(
        _ node: GraphSnapshot.Node, of run: GraphRun, snapshot: GraphSnapshot, at start: Date,
        predecessors: [(name: String, value: String?)], skip: String?
    ) throws -> NodeStatus {
        let row = TaskRunRow(
            id: 0, graphRun: run.id, taskId: node.objectId, name: node.name, queryText: node.definition,
            conditionText: node.condition, state: "EXECUTING", scheduledTime: run.scheduledTime, queryStartTime: start,
            attempt: run.attempt)
        if skip != nil { return try record(row, outcome: PendingOutcome(state: "SKIPPED"), completion: start) }
        let statement = TaskStatement(environment: try environment(for: node, of: run, snapshot: snapshot, predecessors: predecessors))
        var outcome: PendingOutcome
        var duration: TimeInterval = 0
        do throws(TaskStatement.Failure) {
            if let condition = node.condition, !condition.trimmingCharacters(in: .whitespaces).isEmpty,
                try !statement.condition(condition)
            {
                outcome = PendingOutcome(state: "SKIPPED")
            } else {
                let result = try statement.run(node.definition)
                outcome = PendingOutcome(state: "SUCCEEDED", returnValue: result.returnValue)
                duration = result.duration
            }
        } catch {
            outcome = PendingOutcome(state: "FAILED", errorCode: error.code, errorMessage: error.message)
        }
        if let timeout = node.timeoutMs, duration * 1_000 > Double(timeout) {
            duration = Double(timeout) / 1_000
            outcome = PendingOutcome(
                state: "FAILED", errorCode: 630,
                errorMessage: "Task \(node.name) timed out after \(timeout) ms (user_task_timeout_ms) and was canceled.")
        }
        return try record(row, outcome: outcome, completion: start.addingTimeInterval(duration))
    }

    /// Stores a task run: finished when its completion time has come, else executing until then.
    private func record(_ started: TaskRunRow, outcome: PendingOutcome, completion: Date) throws -> NodeStatus {
        var row = started
        if completion <= now {
            row.complete(outcome, at: completion)
            try row.insert(db)
            return .done(outcome.state, completion, outcome.returnValue)
        }
        row.completesAt = completion
        row.outcome = outcome
        try row.insert(db)
        return .running
    }

    private func environment(
        for node: GraphSnapshot.Node, of run: GraphRun, snapshot: GraphSnapshot, predecessors: [(name: String, value: String?)]
    ) throws -> TaskStatement.Environment {
        let rootName = snapshot.nodes.first?.name ?? node.name
        var info: [String: String] = [
            "CURRENT_ROOT_TASK_NAME": rootName,
            "CURRENT_ROOT_TASK_UUID": run.rootTaskId,
            "CURRENT_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP": Self.timestamp(Date(timeIntervalSince1970: Double(run.runId) / 1_000)),
            "CURRENT_TASK_GRAPH_RUN_GROUP_ID": "\(run.rootTaskId)_\(run.runId)",
        ]
        if let last = try GraphRun.fetchOne(
            db, sql: "SELECT * FROM task_graph_runs WHERE root_id = ? AND state = 'SUCCEEDED' ORDER BY completed_time DESC, id DESC LIMIT 1",
            arguments: [run.rootId])
        {
            info["LAST_SUCCESSFUL_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP"] = Self.timestamp(Date(timeIntervalSince1970: Double(last.runId) / 1_000))
            info["LAST_SUCCESSFUL_TASK_GRAPH_RUN_GROUP_ID"] = "\(last.rootTaskId)_\(last.runId)"
        }
        return TaskStatement.Environment(
            taskName: node.name, predecessorValues: predecessors,
            config: snapshot.config, runtimeInfo: info)
    }

    private func finish(_ run: GraphRun, state: String, completed: Date, error: (Int, String)?, failedTask: String? = nil) throws {
        try db.execute(
            sql: """
                UPDATE task_graph_runs SET state = ?, completed_time = ?, first_error_task_name = ?, first_error_code = ?,
                    first_error_message = ?, query_start_time = COALESCE(query_start_time, ?) WHERE id = ?
                """,
            arguments: [
                state, completed.timeIntervalSince1970, failedTask.map { Self.lastPart($0) }, error?.0, error?.1,
                completed.timeIntervalSince1970, run.id,
            ])
    }

    /// After a failed run: retry it automatically (`task_auto_retry_attempts`), or count the
    /// failure towards `suspend_task_after_num_failures`.
    private func afterFailure(_ run: GraphRun, snapshot: GraphSnapshot, completed: Date) throws {
        if run.attempt <= snapshot.autoRetryAttempts {
            guard let failed = try GraphRun.fetchOne(db, id: run.id) else { return }
            try insertRetry(of: failed, at: completed, scheduledFrom: "RETRY", next: run.nextScheduledTime.timeIntervalSince1970)
            return
        }
        guard let limit = snapshot.suspendAfterFailures, limit > 0 else { return }
        let recent = try Row.fetchAll(
            db,
            sql: """
                SELECT run_id, state FROM task_graph_runs WHERE root_id = ? AND state IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
                ORDER BY completed_time DESC, id DESC LIMIT 1000
                """, arguments: [run.rootId])
        var seen: Set<Int64> = []
        var failures = 0
        for row in recent {
            let runId: Int64 = row["run_id"]
            guard seen.insert(runId).inserted else { continue }
            guard (row["state"] as String) == "FAILED" else { break }
            failures += 1
        }
        guard failures >= limit, let record = try db.object(id: run.rootId), record.droppedOn == nil else { return }
        var root = try StoredObject<TaskModel>(record: record)
        guard root.model.state == .started else { return }
        root.model.state = .suspended
        root.model.lastSuspendedOn = now
        root.serverState["last_suspended_reason"] = .string("SUSPENDED_AFTER_FAILURES")
        try root.save(in: db)
        try unschedule(rootId: run.rootId)
    }

    // MARK: Reading

    /// The graph runs of a root task: current (scheduled within 8 days, or executing; oldest
    /// first) or complete (finished within the last hour; newest first).
    func runs(ofRootId rootId: Int64, current: Bool, errorOnly: Bool, limit: Int) throws -> [TaskRun] {
        let runs: [GraphRun]
        if current {
            runs = try GraphRun.fetchAll(
                db,
                sql: """
                    SELECT * FROM task_graph_runs WHERE root_id = ? AND state IN ('SCHEDULED', 'EXECUTING') AND scheduled_time <= ?
                    ORDER BY scheduled_time ASC, id ASC LIMIT ?
                    """, arguments: [rootId, now.addingTimeInterval(Self.currentWindow).timeIntervalSince1970, limit])
        } else {
            let states = errorOnly ? "'FAILED', 'CANCELLED'" : "'SUCCEEDED', 'FAILED', 'CANCELLED'"
            runs = try GraphRun.fetchAll(
                db,
                sql: """
                    SELECT * FROM task_graph_runs WHERE root_id = ? AND state IN (\(states)) AND completed_time >= ?
                    ORDER BY completed_time DESC, id DESC LIMIT ?
                    """, arguments: [rootId, now.addingTimeInterval(-Self.completeWindow).timeIntervalSince1970, limit])
        }
        return runs.map(\.wire)
    }

    // MARK: Helpers

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000).rounded()) }

    static func timestamp(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        style.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(style)
    }

    static func lastPart(_ qualified: String) -> String {
        (try? QualifiedName.parse(qualified)).map { $0.name } ?? qualified
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

// MARK: Rows

/// What a finished task of an earlier attempt passes to a retry.
struct CarriedResult: Codable, Equatable {
    var state: String
    var returnValue: String?
}

/// The graph as it was when a run started: the run uses these definitions whatever changes
/// later.
struct GraphSnapshot: Codable {
    struct Node: Codable {
        var objectId: Int64
        var name: String
        var definition: String
        var condition: String?
        var predecessors: [String]
        var isFinalizer: Bool
        var timeoutMs: Int?
        var suspended: Bool
    }

    var nodes: [Node]
    var config: String?
    var autoRetryAttempts: Int
    var suspendAfterFailures: Int?

    init(root: StoredObject<TaskModel>, members: [ObjectRecord], container: ResolvedContainer) throws {
        nodes = try members.map { record in
            let task = try StoredObject<TaskModel>(record: record)
            return Node(
                objectId: record.id, name: container.qualified(record.name), definition: task.model.definition,
                condition: task.model.condition, predecessors: task.model.predecessors ?? [], isFinalizer: task.model.finalize != nil,
                timeoutMs: task.model.userTaskTimeoutMs, suspended: task.model.state != .started)
        }
        config = try root.model.config.map { try TaskRuntime.json($0) }
        autoRetryAttempts = root.model.taskAutoRetryAttempts ?? 0
        suspendAfterFailures = root.model.suspendTaskAfterNumFailures
    }

    func node(_ name: String) -> Node? { nodes.first { $0.name == name } }
}

/// A statement's result, kept while it runs.
struct PendingOutcome: Codable, Equatable {
    var state: String
    var returnValue: String?
    var errorCode: Int?
    var errorMessage: String?
}

/// A row of `task_graph_runs`.
struct GraphRun {
    var id: Int64
    var rootId: Int64
    var databaseName: String
    var schemaName: String
    var rootTaskName: String
    var rootTaskId: String
    var runId: Int64
    var graphVersion: Int64
    var state: String
    var scheduledFrom: String
    var scheduledTime: Date
    var nextScheduledTime: Date
    var queryStartTime: Date?
    var completedTime: Date?
    var firstErrorTaskName: String?
    var firstErrorCode: Int?
    var firstErrorMessage: String?
    var attempt: Int
    var graphText: String?
    var carried: [String: CarriedResult]

    init(row: Row) {
        id = row["id"]
        rootId = row["root_id"]
        databaseName = row["database_name"]
        schemaName = row["schema_name"]
        rootTaskName = row["root_task_name"]
        rootTaskId = row["root_task_id"]
        runId = row["run_id"]
        graphVersion = row["graph_version"]
        state = row["state"]
        scheduledFrom = row["scheduled_from"]
        scheduledTime = row.date("scheduled_time") ?? Date(timeIntervalSince1970: 0)
        nextScheduledTime = row.date("next_scheduled_time") ?? scheduledTime
        queryStartTime = row.date("query_start_time")
        completedTime = row.date("completed_time")
        firstErrorTaskName = row["first_error_task_name"]
        firstErrorCode = row["first_error_code"]
        firstErrorMessage = row["first_error_message"]
        attempt = row["attempt_number"]
        graphText = row["graph"]
        let carriedText: String? = row["carried"]
        carried = carriedText.flatMap { try? JSONDecoder().decode([String: CarriedResult].self, from: Data($0.utf8)) } ?? [:]
    }

    var snapshot: GraphSnapshot? {
        graphText.flatMap { try? JSONDecoder().decode(GraphSnapshot.self, from: Data($0.utf8)) }
    }

    var wire: TaskRun {
        TaskRun(
            rootTaskName: Identifier.displayName(forCanonical: rootTaskName),
            databaseName: Identifier.displayName(forCanonical: databaseName),
            schemaName: Identifier.displayName(forCanonical: schemaName),
            state: TaskRun.State(rawValue: state) ?? .scheduled, firstErrorTaskName: firstErrorTaskName,
            firstErrorCode: firstErrorCode, firstErrorMessage: firstErrorMessage, scheduledTime: scheduledTime,
            queryStartTime: queryStartTime, nextScheduledTime: nextScheduledTime, completedTime: completedTime,
            rootTaskId: rootTaskId, graphVersion: Int(graphVersion), runId: runId)
    }

    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments) throws -> [GraphRun] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map(GraphRun.init(row:))
    }

    static func fetchOne(_ db: Database, sql: String, arguments: StatementArguments) throws -> GraphRun? {
        try Row.fetchOne(db, sql: sql, arguments: arguments).map(GraphRun.init(row:))
    }

    static func fetchOne(_ db: Database, id: Int64) throws -> GraphRun? {
        try fetchOne(db, sql: "SELECT * FROM task_graph_runs WHERE id = ?", arguments: [id])
    }

    /// The last finished run of a root (skipped runs aside).
    static func fetchLastComplete(_ db: Database, rootId: Int64) throws -> GraphRun? {
        try fetchOne(
            db,
            sql: """
                SELECT * FROM task_graph_runs WHERE root_id = ? AND state IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
                ORDER BY completed_time DESC, id DESC LIMIT 1
                """, arguments: [rootId])
    }
}

/// A row of `task_runs`: one attempt of one task in one graph run.
struct TaskRunRow {
    var id: Int64
    var graphRun: Int64
    var taskId: Int64
    var name: String
    var queryText: String
    var conditionText: String?
    var state: String
    var scheduledTime: Date
    var queryStartTime: Date?
    var completedTime: Date?
    var errorCode: Int?
    var errorMessage: String?
    var returnValue: String?
    var attempt: Int
    var completesAt: Date?
    var outcome: PendingOutcome?

    init(
        id: Int64, graphRun: Int64, taskId: Int64, name: String, queryText: String, conditionText: String?, state: String,
        scheduledTime: Date, queryStartTime: Date?, attempt: Int
    ) {
        self.id = id
        self.graphRun = graphRun
        self.taskId = taskId
        self.name = name
        self.queryText = queryText
        self.conditionText = conditionText
        self.state = state
        self.scheduledTime = scheduledTime
        self.queryStartTime = queryStartTime
        self.attempt = attempt
    }

    init(row: Row) {
        id = row["id"]
        graphRun = row["graph_run"]
        taskId = row["task_id"]
        name = row["name"]
        queryText = row["query_text"]
        conditionText = row["condition_text"]
        state = row["state"]
        scheduledTime = row.date("scheduled_time") ?? Date(timeIntervalSince1970: 0)
        queryStartTime = row.date("query_start_time")
        completedTime = row.date("completed_time")
        errorCode = row["error_code"]
        errorMessage = row["error_message"]
        returnValue = row["return_value"]
        attempt = row["attempt_number"]
        completesAt = row.date("completes_at")
        let outcomeText: String? = row["outcome"]
        outcome = outcomeText.flatMap { try? JSONDecoder().decode(PendingOutcome.self, from: Data($0.utf8)) }
    }

    var isTerminal: Bool { state != "EXECUTING" && state != "SCHEDULED" }

    mutating func complete(_ outcome: PendingOutcome, at time: Date) {
        state = outcome.state
        returnValue = outcome.returnValue
        errorCode = outcome.errorCode
        errorMessage = outcome.errorMessage
        completedTime = time
        completesAt = nil
        self.outcome = nil
    }

    static func fetchAll(_ db: Database, graphRun: Int64) throws -> [TaskRunRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM task_runs WHERE graph_run = ? ORDER BY id", arguments: [graphRun]).map(TaskRunRow.init(row:))
    }

    func insert(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO task_runs (graph_run, task_id, name, query_text, condition_text, state, scheduled_time,
                    query_start_time, completed_time, error_code, error_message, return_value, attempt_number, completes_at, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: arguments)
    }

    func update(_ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE task_runs SET state = ?, completed_time = ?, error_code = ?, error_message = ?, return_value = ?,
                    completes_at = ?, outcome = ? WHERE id = ?
                """,
            arguments: [
                state, completedTime?.timeIntervalSince1970, errorCode, errorMessage, returnValue, completesAt?.timeIntervalSince1970,
                try outcome.map { try TaskRuntime.json($0) }, id,
            ])
    }

    private var arguments: StatementArguments {
        [
            graphRun, taskId, name, queryText, conditionText, state, scheduledTime.timeIntervalSince1970,
            queryStartTime?.timeIntervalSince1970, completedTime?.timeIntervalSince1970, errorCode, errorMessage, returnValue,
            attempt, completesAt?.timeIntervalSince1970, outcome.flatMap { try? TaskRuntime.json($0) },
        ]
    }
}
