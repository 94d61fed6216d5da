import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Tasks end to end")
struct TaskTests {
    /// Runs `body` with a fresh `db.public` schema.
    private func withSchema(
        clock: ManualClock = ManualClock(), _ body: @Sendable (SchemaResource, Root) async throws -> Void
    ) async throws {
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, _ in
            try await root.databases.create(DatabaseModel(name: "db"))
            try await body(root.databases["db"].schemas["public"], root)
        }
    }

    @Test("a new task is suspended and carries every server field")
    func create() async throws {
        try await withSchema { schema, _ in
            let config: [String: JSONValue] = ["env": "test", "retries": 3]
            let task = try await schema.tasks.create(
                TaskModel(name: "task1", definition: "select 1", warehouse: "wh", schedule: .minutes(60), config: config,
                          userTaskTimeoutMs: 1000, overlapPolicy: .noOverlap))
            #expect(task.fullyQualifiedName == "db.public.task1")
            let fetched = try await task.fetch()
            #expect(fetched.name == "TASK1")
            #expect(fetched.state == .suspended)
            #expect(fetched.schedule == .minutes(60))
            #expect(fetched.databaseName == "DB")
            #expect(fetched.schemaName == "PUBLIC")
            #expect(fetched.owner == "ACCOUNTADMIN")
            #expect(fetched.id != nil)
            #expect(fetched.comment == "")
            #expect(fetched.config == config)
            #expect(fetched.overlapPolicy == .noOverlap)
            #expect(fetched.taskRelations == #"{"Predecessors":[]}"#)
        }
    }

    @Test("resume and suspend change the state; suspending twice is fine")
    func resumeSuspend() async throws {
        try await withSchema { schema, _ in
            let task = try await schema.tasks.create(TaskModel(name: "t", definition: "select 1", schedule: .cron("0 * * * *", timeZone: "UTC")))
            try await task.resume()
            #expect(try await task.fetch().state == .started)
            try await task.suspend()
            try await task.suspend()
            let suspended = try await task.fetch()
            #expect(suspended.state == .suspended)
            #expect(suspended.lastSuspendedOn != nil)
            #expect(await capturedError { try await schema.tasks["missing"].resume() }?.code == .notFound)
        }
    }

    @Test("predecessors: children have no schedule, names come back fully qualified, relations are reported")
    func predecessors() async throws {
        try await withSchema { schema, _ in
            try await schema.tasks.create(TaskModel(name: "root", definition: "select 1", schedule: .minutes(5)))
            try await schema.tasks.create(TaskModel(name: "a", definition: "select 2", predecessors: ["root"]))
            try await schema.tasks.create(TaskModel(name: "b", definition: "select 3", predecessors: ["db.public.a", "root"]))
            let b = try await schema.tasks["b"].fetch()
            #expect(b.predecessors == ["DB.PUBLIC.A", "DB.PUBLIC.ROOT"])
            #expect(b.taskRelations == #"{"Predecessors":["DB.PUBLIC.A","DB.PUBLIC.ROOT"]}"#)
            let scheduledChild = await capturedError {
                try await schema.tasks.create(TaskModel(name: "c", definition: "x", schedule: .minutes(5), predecessors: ["root"]))
            }
            #expect(scheduledChild?.code == .badRequest)
            let missing = await capturedError { try await schema.tasks.create(TaskModel(name: "c", definition: "x", predecessors: ["ghost"])) }
            #expect(missing?.code == .notFound)
            let elsewhere = await capturedError { try await schema.tasks.create(TaskModel(name: "c", definition: "x", predecessors: ["other.s.root"])) }
            #expect(elsewhere?.code == .badRequest)
            let retries = await capturedError {
                try await schema.tasks.create(TaskModel(name: "c", definition: "x", taskAutoRetryAttempts: 2, predecessors: ["root"]))
            }
            #expect(retries?.code == .badRequest)
            #expect(retries?.message == "cannot set parameter task_auto_retry_attempts on non-root task")
            #expect(try await schema.tasks.list(rootOnly: true).collect().map(\.name) == ["ROOT"])
            #expect(try await schema.tasks.list(rootOnly: false).collect().map(\.name) == ["A", "B", "ROOT"])
        }
    }

    @Test("a graph changes only while its root is suspended")
    func rootMustBeSuspended() async throws {
        try await withSchema { schema, _ in
            try await schema.tasks.create(TaskModel(name: "root", definition: "select 1", schedule: .minutes(5)))
            try await schema.tasks.create(TaskModel(name: "child", definition: "select 2", predecessors: ["root"]))
            try await schema.tasks["child"].resume()
            try await schema.tasks["root"].resume()
            let blocked: [(String, () async throws -> Void)] = [
                ("create a child", { try await schema.tasks.create(TaskModel(name: "late", definition: "x", predecessors: ["root"])) }),
                ("alter a child", { try await schema.tasks["child"].createOrAlter(TaskModel(name: "child", definition: "select 3", predecessors: ["root"])) }),
                ("alter the root", { try await schema.tasks["root"].createOrAlter(TaskModel(name: "root", definition: "select 9", schedule: .minutes(5))) }),
                ("drop a child", { try await schema.tasks["child"].drop() }),
                ("resume a child", { try await schema.tasks["child"].resume() }),
            ]
            for (what, change) in blocked {
                let error = await capturedError(change)
                #expect(error?.snowflakeCode == "091421", "\(what)")
                #expect(error?.message?.contains("unable to update graph with root task db.public.root") == true, "\(what)")
            }
            try await schema.tasks["root"].suspend()
            try await schema.tasks["child"].createOrAlter(TaskModel(name: "child", definition: "select 3", predecessors: ["root"]))
            #expect(try await schema.tasks["child"].fetch().definition == "select 3")
        }
    }

    @Test("finalizers: one per root, linked both ways in the relations")
    func finalizers() async throws {
        try await withSchema { schema, _ in
            try await schema.tasks.create(TaskModel(name: "root", definition: "select 1"))
            try await schema.tasks.create(TaskModel(name: "child", definition: "select 2", predecessors: ["root"]))
            try await schema.tasks.create(TaskModel(name: "fin", definition: "select 3", finalize: "root"))
            #expect(try await schema.tasks["root"].fetch().taskRelations == #"{"FinalizerTask":"DB.PUBLIC.FIN","Predecessors":[]}"#)
            let fin = try await schema.tasks["fin"].fetch()
            #expect(fin.finalize == "ROOT")
            #expect(fin.taskRelations == #"{"FinalizedRootTask":"DB.PUBLIC.ROOT","Predecessors":[]}"#)
            let second = await capturedError { try await schema.tasks.create(TaskModel(name: "fin2", definition: "x", finalize: "root")) }
            #expect(second?.code == .badRequest)
            let ofChild = await capturedError { try await schema.tasks.create(TaskModel(name: "fin2", definition: "x", finalize: "child")) }
            #expect(ofChild?.code == .badRequest)
            let dependents = try await schema.tasks["root"].dependents()
            #expect(dependents.map(\.name) == ["ROOT", "CHILD", "FIN"])
            try await schema.tasks["fin"].drop()
            #expect(try await schema.tasks["root"].fetch().taskRelations == #"{"Predecessors":[]}"#)
        }
    }

    @Test("dependents list the task first, then its descendants breadth first")
    func dependents() async throws {
        try await withSchema { schema, _ in
            try await schema.tasks.create(TaskModel(name: "r", definition: "1"))
            try await schema.tasks.create(TaskModel(name: "b", definition: "1", predecessors: ["r"]))
            try await schema.tasks.create(TaskModel(name: "a", definition: "1", predecessors: ["r"]))
            try await schema.tasks.create(TaskModel(name: "c", definition: "1", predecessors: ["a"]))
            #expect(try await schema.tasks["r"].dependents().map(\.name) == ["R", "A", "B", "C"])
            #expect(try await schema.tasks["r"].dependents(recursive: false).map(\.name) == ["R", "A", "B"])
            #expect(try await schema.tasks["a"].dependents().map(\.name) == ["A", "C"])
        }
    }

    @Test("execute schedules a graph run that then runs; children, missing tasks and retry-last are refused")
    func execute() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { client, emulator in
            try await client.databases.create(DatabaseModel(name: "db"))
            let schema = client.databases["db"].schemas["public"]
            let root = try await schema.tasks.create(TaskModel(name: "root", definition: "select 1", schedule: .minutes(10)))
            try await schema.tasks.create(TaskModel(name: "child", definition: "select 2", predecessors: ["root"]))
            let neverRan = await capturedError { try await root.execute(retryLast: true) }
            #expect(neverRan?.code == .badRequest)
            #expect(neverRan?.snowflakeCode == "091457")

            try await root.execute()
            let runs = try await root.currentGraphs()
            #expect(runs.count == 1)
            let run = try #require(runs.first)
            #expect(run.state == .scheduled)
            #expect(run.rootTaskName == "ROOT")
            #expect(run.databaseName == "DB")
            #expect(run.schemaName == "PUBLIC")
            #expect(run.scheduledTime == clock.now())
            #expect(run.runId == Int64(clock.now().timeIntervalSince1970 * 1000))
            #expect(run.rootTaskId == (try await root.fetch().id))
            #expect(try await schema.tasks["child"].currentGraphs() == runs, "a child reports its graph's runs")
            #expect(try await root.completeGraphs(errorOnly: false).isEmpty)

            try await emulator.runDueTasks()
            #expect(try await root.currentGraphs().isEmpty)
            let complete = try await root.completeGraphs(errorOnly: false)
            #expect(complete.map(\.state) == [.succeeded])
            #expect(complete.first?.runId == run.runId)
            #expect(complete.first?.completedTime == clock.now())
            #expect(try await root.completeGraphs().isEmpty, "errorOnly is the default")
            let notFailed = await capturedError { try await root.execute(retryLast: true) }
            #expect(notFailed?.snowflakeCode == "091456")
            let child = await capturedError { try await schema.tasks["child"].execute() }
            #expect(child?.code == .badRequest)
            let missing = await capturedError { try await schema.tasks["ghost"].execute() }
            #expect(missing?.code == .notFound)
            #expect(missing?.message == "task 'db.public.ghost' does not exist or not authorized.")
        }
    }

    @Test("create-or-alter replaces the definition, unsets omitted fields and keeps state and id")
    func createOrAlter() async throws {
        try await withSchema { schema, _ in
            let task = schema.tasks["t"]
            try await task.createOrAlter(TaskModel(name: "t", definition: "select 1", schedule: .minutes(5), comment: "c"))
            let before = try await task.fetch()
            try await task.createOrAlter(TaskModel(name: "t", definition: "select 2"))
            let after = try await task.fetch()
            #expect(after.definition == "select 2")
            #expect(after.schedule == nil)
            #expect(after.comment == "")
            #expect(after.id == before.id)
            #expect(after.state == .suspended)
        }
    }

    @Test("cycles are refused")
    func cycles() async throws {
        try await withSchema { schema, _ in
            try await schema.tasks.create(TaskModel(name: "a", definition: "1"))
            try await schema.tasks.create(TaskModel(name: "b", definition: "1", predecessors: ["a"]))
            try await schema.tasks.create(TaskModel(name: "c", definition: "1", predecessors: ["b"]))
            let cycle = await capturedError { try await schema.tasks["a"].createOrAlter(TaskModel(name: "a", definition: "1", predecessors: ["c"])) }
            #expect(cycle?.code == .badRequest)
            let own = await capturedError { try await schema.tasks["a"].createOrAlter(TaskModel(name: "a", definition: "1", predecessors: ["a"])) }
            #expect(own?.code == .badRequest)
        }
    }

    @Test("dropping a predecessor leaves its children as suspended roots")
    func dropPredecessor() async throws {
        try await withSchema { schema, _ in
            try await schema.tasks.create(TaskModel(name: "root", definition: "1", schedule: .minutes(5)))
            try await schema.tasks.create(TaskModel(name: "child", definition: "1", predecessors: ["root"]))
            try await schema.tasks["child"].resume()
            try await schema.tasks["root"].drop()
            let child = try await schema.tasks["child"].fetch()
            #expect(child.predecessors == nil)
            #expect(child.state == .suspended)
            #expect(try await schema.tasks.list(rootOnly: true).collect().map(\.name) == ["CHILD"])
        }
    }

    @Test("schedules are checked: intervals, cron fields, time zones")
    func scheduleValidation() async throws {
        try await withSchema { schema, _ in
            for schedule in [TaskSchedule.minutes(0), .cron("* * *", timeZone: "UTC"), .cron("0 * * * *", timeZone: "Mars/Base")] {
                let error = await capturedError { try await schema.tasks.create(TaskModel(name: "t", definition: "1", schedule: schedule)) }
                #expect(error?.code == .badRequest, "\(schedule)")
            }
            try await schema.tasks.create(TaskModel(name: "t", definition: "1", schedule: .cron("0 9 * * MON-FRI", timeZone: "America/Los_Angeles")))
            #expect(try await schema.tasks["t"].fetch().schedule == .cron("0 9 * * MON-FRI", timeZone: "America/Los_Angeles"))
        }
    }
}
