import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

/// Task graphs declared in Swift, deployed to the emulator, run on their schedule under a
/// manual clock.
@Suite("Task graphs end to end")
struct TaskGraphTests {
    private func withSchema(clock: ManualClock, _ body: @Sendable (SchemaResource, RunningEmulator) async throws -> Void) async throws {
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            try await root.databases.create(DatabaseModel(name: "db"))
            try await body(root.databases["db"].schemas["public"], emulator)
        }
    }

    /// extract >> route(branch) >> [load, skipped]; load >> report (fails); finalizer cleanup.
    private func nightly() throws -> TaskGraph {
        let graph = TaskGraph(
            "nightly", schedule: .minutes(30), warehouse: "wh", taskAutoRetryAttempts: 1, config: ["env": "prod"])
        let extract = try graph.task("extract", TaskContext.setReturnValue("42"))
        let route = try graph.branch("route", TaskContext.setReturnValue("load"))
        let load = try graph.task(
            "load",
            TaskContext.setReturnValue(
                TaskContext.predecessorReturnValue(route) + .literal(" in ") + TaskContext.graphConfig("env")))
        let skipped = try graph.task("skipped", "select 'not chosen'")
        let report = try graph.task("report", "select 100 / 0")
        try graph.finalizer("cleanup", TaskContext.setReturnValue(TaskContext.runtimeInfo(.currentRootTaskName)))
        try graph.chain(extract, route, [load, skipped])
        try load >> report
        return graph
    }

    @Test("a graph deploys, runs on its schedule, passes return values, branches, retries its failing task and records it all")
    func scheduledRun() async throws {
        let clock = ManualClock()
        let start = clock.now()
        try await withSchema(clock: clock) { schema, emulator in
            let graph = try nightly()
            let graphs = schema.taskGraphs
            try await graphs.deploy(graph)

            let tasks = try await schema.tasks.list().collect()
            #expect(Set(tasks.map(\.name)) == ["NIGHTLY", "NIGHTLY$EXTRACT", "NIGHTLY$ROUTE", "NIGHTLY$LOAD", "NIGHTLY$SKIPPED", "NIGHTLY$REPORT", "NIGHTLY$CLEANUP"])
            #expect(tasks.allSatisfy { $0.state == .started })
            #expect(try await graphs.names() == ["NIGHTLY"])
            #expect(try await graphs.currentRuns(of: graph).map(\.scheduledTime) == [start.addingTimeInterval(1_800)])

            clock.advance(by: 1_800)
            try await emulator.runDueTasks()

            let runs = try await graphs.completeRuns(of: graph)
            #expect(runs.count == 2, "the failed run and its automatic retry")
            #expect(runs.allSatisfy { $0.state == .failed && $0.firstErrorTaskName == "NIGHTLY$REPORT" && $0.firstErrorCode == 100_051 })
            #expect(runs.allSatisfy { $0.rootTaskName == "NIGHTLY" && $0.scheduledTime == start.addingTimeInterval(1_800) })

            let history = try await emulator.taskHistory(database: "db", schema: "public", rootTask: "nightly")
            let first = Dictionary(uniqueKeysWithValues: history.filter { $0.attemptNumber == 1 }.map { ($0.name, $0) })
            #expect(first["NIGHTLY"]?.state == "SUCCEEDED")
            #expect(first["NIGHTLY$EXTRACT"]?.returnValue == "42")
            #expect(first["NIGHTLY$ROUTE"]?.returnValue == "load")
            #expect(first["NIGHTLY$LOAD"]?.returnValue == "load in prod")
            #expect(first["NIGHTLY$SKIPPED"]?.state == "SKIPPED")
            #expect(first["NIGHTLY$REPORT"]?.state == "FAILED")
            #expect(first["NIGHTLY$REPORT"]?.errorMessage == "Division by zero")
            #expect(first["NIGHTLY$CLEANUP"]?.returnValue == "DB.PUBLIC.NIGHTLY")
            #expect(history.filter { $0.attemptNumber == 2 }.map(\.name) == ["NIGHTLY$REPORT", "NIGHTLY$CLEANUP"])

            try await graphs.run(graph, retryLast: true)
            try await emulator.runDueTasks()
            let retried = try await emulator.taskHistory(database: "db", schema: "public", rootTask: "nightly").filter { $0.attemptNumber == 3 }
            #expect(retried.map(\.name) == ["NIGHTLY$REPORT", "NIGHTLY$CLEANUP"])
            #expect(retried.allSatisfy { $0.scheduledFrom == "RETRY" })
        }
    }

    @Test("deploy modes: a second deploy conflicts, if-not-exists keeps the graph, or-replace rebuilds it; drop removes every task")
    func deployModesAndDrop() async throws {
        try await withSchema(clock: ManualClock()) { schema, emulator in
            let graphs = schema.taskGraphs
            let graph = try nightly()
            try await graphs.deploy(graph)
            let firstId = try await schema.tasks["nightly"].fetch().id

            let conflict = await capturedError { try await graphs.deploy(graph) }
            #expect(conflict?.code == .conflict)
            try await graphs.deploy(graph, mode: .ifNotExists)
            #expect(try await schema.tasks["nightly"].fetch().id == firstId)

            let smaller = TaskGraph("nightly")
            let only = try smaller.task("only", "select 1")
            try smaller.finalizer("fin", "select 1")
            _ = only
            try await graphs.deploy(smaller, mode: .orReplace)
            #expect(Set(try await schema.tasks.list().collect().map(\.name)) == ["NIGHTLY", "NIGHTLY$ONLY", "NIGHTLY$FIN"])
            #expect(try await schema.tasks["nightly"].fetch().state == .suspended, "an unscheduled root stays suspended")
            try await graphs.run(smaller)
            try await emulator.runDueTasks()
            #expect(try await graphs.completeRuns(of: smaller, errorOnly: false).map(\.state) == [.succeeded])

            try await graphs.drop(smaller)
            #expect(try await schema.tasks.list().collect().isEmpty)
            try await graphs.drop(smaller)
        }
    }

    @Test("a deploy that fails part way drops the tasks it created")
    func failedDeployLeavesNothing() async throws {
        try await withSchema(clock: ManualClock()) { schema, _ in
            try await schema.tasks.create(TaskModel(name: "g$second", definition: "select 'in the way'"))
            let graph = TaskGraph("g", schedule: .minutes(5))
            let first = try graph.task("first", "select 1")
            let second = try graph.task("second", "select 2")
            try first >> second
            let error = await capturedError { try await schema.taskGraphs.deploy(graph) }
            #expect(error?.code == .conflict)
            #expect(try await schema.tasks.list().collect().map(\.name) == ["G$SECOND"])
        }
    }
}
