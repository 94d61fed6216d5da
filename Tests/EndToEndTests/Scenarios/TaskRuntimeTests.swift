import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

/// The emulator's task runtime through the REST API: schedules under a manual clock, what a
/// run executes, retries, overlap, timeouts and restarts.
@Suite("Task runtime end to end")
struct TaskRuntimeTests {
    private func withSchema(
        clock: ManualClock = ManualClock(), dataDirectory: String? = nil,
        _ body: @Sendable (SchemaResource, RunningEmulator) async throws -> Void
    ) async throws {
        var configuration = TestEmulator.configuration(clock: clock)
        configuration.dataDirectory = dataDirectory
        try await TestEmulator.withRoot(configuration) { root, emulator in
            if try await root.databases.list(like: "DB").collect().isEmpty {
                try await root.databases.create(DatabaseModel(name: "db"))
            }
            try await body(root.databases["db"].schemas["public"], emulator)
        }
    }

    private func history(_ emulator: RunningEmulator) async throws -> [TaskHistoryEntry] {
        try await emulator.taskHistory(database: "db", schema: "public")
    }

    @Test("a resumed root runs on its interval: the next run waits in current-graphs, then runs with its children")
    func intervalSchedule() async throws {
        let clock = ManualClock()
        let start = clock.now()
        try await withSchema(clock: clock) { schema, emulator in
            let root = try await schema.tasks.create(TaskModel(name: "root", definition: "select 1", schedule: .minutes(10)))
            let child = try await schema.tasks.create(TaskModel(name: "child", definition: "select 2", predecessors: ["root"]))
            try await child.resume()
            try await root.resume()
            let scheduled = try await root.currentGraphs()
            #expect(scheduled.map(\.state) == [.scheduled])
            #expect(scheduled.first?.scheduledTime == start.addingTimeInterval(600))
            #expect(scheduled.first?.nextScheduledTime == start.addingTimeInterval(1_200))

            clock.advance(by: 599)
            try await emulator.runDueTasks()
            #expect(try await root.completeGraphs(errorOnly: false).isEmpty, "nothing runs before its time")

            clock.advance(by: 1)
            try await emulator.runDueTasks()
            let complete = try await root.completeGraphs(errorOnly: false)
            #expect(complete.map(\.state) == [.succeeded])
            #expect(complete.first?.scheduledTime == start.addingTimeInterval(600))
            #expect(complete.first?.runId == Int64(start.addingTimeInterval(600).timeIntervalSince1970 * 1_000))
            #expect(try await root.currentGraphs().map(\.scheduledTime) == [start.addingTimeInterval(1_200)])
            let entries = try await history(emulator)
            #expect(entries.map(\.name) == ["ROOT", "CHILD"])
            #expect(entries.allSatisfy { $0.state == "SUCCEEDED" && $0.scheduledFrom == "SCHEDULE" })

            // A clock that jumps past several times runs once, then schedules after now.
            clock.advance(by: 3_000)
            try await emulator.runDueTasks()
            #expect(try await root.completeGraphs(errorOnly: false).count == 2)
            #expect(try await root.currentGraphs().map(\.scheduledTime) == [start.addingTimeInterval(4_200)])

            try await root.suspend()
            #expect(try await root.currentGraphs().isEmpty, "suspending removes the scheduled run")
            clock.advance(by: 3_601)
            try await emulator.runDueTasks()
            #expect(try await history(emulator).count == 4)
            #expect(try await root.completeGraphs(errorOnly: false).isEmpty, "complete-graphs reports the last 60 minutes")
        }
    }

    @Test("a cron schedule is read in its time zone")
    func cronSchedule() async throws {
        let clock = ManualClock(start: try Date("2026-07-01T00:00:00Z", strategy: .iso8601))
        try await withSchema(clock: clock) { schema, emulator in
            let root = try await schema.tasks.create(
                TaskModel(name: "nightly", definition: "select 1", schedule: .cron("30 9 * * MON-FRI", timeZone: "America/New_York")))
            try await root.resume()
            // 2026-07-01 is a Wednesday; 09:30 in New York in summer is 13:30 UTC.
            #expect(try await root.currentGraphs().first?.scheduledTime == (try Date("2026-07-01T13:30:00Z", strategy: .iso8601)))
            clock.set(try Date("2026-07-03T14:00:00Z", strategy: .iso8601))  // Friday
            try await emulator.runDueTasks()
            // The next weekday after Friday is Monday the 6th.
            #expect(try await root.currentGraphs().first?.scheduledTime == (try Date("2026-07-06T13:30:00Z", strategy: .iso8601)))
            let invalid = await capturedError {
                try await schema.tasks.create(TaskModel(name: "bad", definition: "select 1", schedule: .cron("61 * * * *", timeZone: "UTC")))
            }
            #expect(invalid?.code == .badRequest)
        }
    }

    @Test("tasks pass return values, read the graph's config and their names; branches skip by condition")
    func returnValuesAndConditions() async throws {
        try await withSchema { schema, emulator in
            try await schema.tasks.create(
                TaskModel(
                    name: "g", definition: "call system$set_return_value('from root')", config: ["env": "prod", "level": 3]))
            try await schema.tasks.create(
                TaskModel(name: "g$a", definition: "select system$set_return_value(system$get_predecessor_return_value() || ' and a')", predecessors: ["g"]))
            try await schema.tasks.create(
                TaskModel(
                    name: "g$b",
                    definition: "call system$set_return_value(system$get_task_graph_config('env') || '/' || system$current_user_task_name())",
                    predecessors: ["g"]))
            try await schema.tasks.create(
                TaskModel(
                    name: "g$yes", definition: "select 'yes'", predecessors: ["g$a"],
                    condition: "SYSTEM$GET_PREDECESSOR_RETURN_VALUE('G$A') = 'from root and a'"))
            try await schema.tasks.create(
                TaskModel(name: "g$no", definition: "select 'no'", predecessors: ["g$a"], condition: "system$get_predecessor_return_value('g$a') = 'other'"))
            try await schema.tasks.create(TaskModel(name: "g$after_no", definition: "select 1", predecessors: ["g$no"]))
            try await schema.tasks.create(TaskModel(name: "g$join", definition: "select 1", predecessors: ["g$yes", "g$no"]))
            for name in ["g$a", "g$b", "g$yes", "g$no", "g$after_no", "g$join"] { try await schema.tasks[name].resume() }
            try await schema.tasks["g"].execute()
            try await emulator.runDueTasks()

            let entries = Dictionary(uniqueKeysWithValues: try await history(emulator).map { ($0.name, $0) })
            #expect(entries["G"]?.returnValue == "from root")
            #expect(entries["G$A"]?.returnValue == "from root and a")
            #expect(entries["G$B"]?.returnValue == "prod/DB.PUBLIC.G$B")
            #expect(entries["G$YES"]?.state == "SUCCEEDED")
            #expect(entries["G$NO"]?.state == "SKIPPED")
            #expect(entries["G$AFTER_NO"]?.state == "SKIPPED", "a task whose predecessors were all skipped is skipped")
            #expect(entries["G$JOIN"]?.state == "SUCCEEDED", "one predecessor succeeded, the other was skipped")
            #expect(entries.values.allSatisfy { $0.scheduledFrom == "EXECUTE_TASK" && $0.attemptNumber == 1 })
            #expect(try await schema.tasks["g"].completeGraphs(errorOnly: false).map(\.state) == [.succeeded])
        }
    }

    @Test("a failing task fails its run, is retried automatically and by retry-last, and suspends the root after repeated failures")
    func failuresAndRetries() async throws {
        let clock = ManualClock()
        try await withSchema(clock: clock) { schema, emulator in
            let root = try await schema.tasks.create(
                TaskModel(
                    name: "etl", definition: "call system$set_return_value('42')", schedule: .minutes(5), taskAutoRetryAttempts: 1,
                    suspendTaskAfterNumFailures: 2))
            try await schema.tasks.create(TaskModel(name: "load", definition: "select 100 / 0", predecessors: ["etl"]))
            try await schema.tasks.create(TaskModel(name: "report", definition: "select 1", predecessors: ["load"]))
            try await schema.tasks.create(TaskModel(name: "cleanup", definition: "select 'done'", finalize: "etl"))
            for name in ["load", "report", "cleanup"] { try await schema.tasks[name].resume() }
            try await root.resume()

            clock.advance(by: 300)
            try await emulator.runDueTasks()
            let failed = try await root.completeGraphs()
            #expect(failed.count == 2, "the first attempt and its automatic retry")
            #expect(failed.allSatisfy { $0.state == .failed && $0.firstErrorTaskName == "LOAD" && $0.firstErrorCode == 100_051 })
            #expect(failed.first?.firstErrorMessage == "Division by zero")
            #expect(Set(failed.map(\.runId)).count == 1, "a retry keeps the run's id")
            var entries = try await history(emulator)
            #expect(entries.map { "\($0.name):\($0.state):\($0.attemptNumber)" } == [
                "ETL:SUCCEEDED:1", "LOAD:FAILED:1", "CLEANUP:SUCCEEDED:1",
                "LOAD:FAILED:2", "CLEANUP:SUCCEEDED:2",
            ], "the retry reruns the failed task, not the root; the report never runs; the finalizer runs each time")
            #expect(try await root.fetch().state == .started, "one failed run is below suspend_task_after_num_failures")

            try await root.execute(retryLast: true)
            try await emulator.runDueTasks()
            entries = try await history(emulator)
            #expect(entries.suffix(2).map { "\($0.name):\($0.state):\($0.attemptNumber):\($0.scheduledFrom)" } == [
                "LOAD:FAILED:3:RETRY", "CLEANUP:SUCCEEDED:3:RETRY",
            ])

            clock.advance(by: 300)
            try await emulator.runDueTasks()
            let suspended = try await root.fetch()
            #expect(suspended.state == .suspended, "the second failed run in a row suspends the root")
            #expect(try await root.currentGraphs().isEmpty)
        }
    }

    @Test("statements take their time; overlapping runs are skipped; timeouts fail the task")
    func durationsOverlapAndTimeouts() async throws {
        let clock = ManualClock()
        try await withSchema(clock: clock) { schema, emulator in
            let root = try await schema.tasks.create(TaskModel(name: "slow", definition: "select 1", schedule: .minutes(1)))
            let child = try await schema.tasks.create(TaskModel(name: "slow$wait", definition: "select system$wait(90)", predecessors: ["slow"]))
            try await child.resume()
            try await root.resume()
            clock.advance(by: 60)
            try await emulator.runDueTasks()
            #expect(try await root.currentGraphs().map(\.state) == [.executing, .scheduled])
            clock.advance(by: 60)
            try await emulator.runDueTasks()
            #expect(try await root.completeGraphs(errorOnly: false).isEmpty, "the run at 2 min was skipped: no overlap")
            clock.advance(by: 30)
            try await emulator.runDueTasks()
            let done = try await root.completeGraphs(errorOnly: false)
            #expect(done.map(\.state) == [.succeeded])
            #expect(done.first?.completedTime == done.first?.queryStartTime?.addingTimeInterval(90))
            try await root.suspend()

            let overlapping = try await schema.tasks.create(
                TaskModel(name: "all", definition: "select system$wait(90)", schedule: .minutes(1), overlapPolicy: .allowAllOverlap))
            try await overlapping.resume()
            clock.advance(by: 60)
            try await emulator.runDueTasks()
            clock.advance(by: 60)
            try await emulator.runDueTasks()
            #expect(try await overlapping.currentGraphs().map(\.state) == [.executing, .executing, .scheduled], "ALLOW_ALL_OVERLAP runs them side by side")
            try await overlapping.suspend()

            let timed = try await schema.tasks.create(
                TaskModel(name: "timed", definition: "select system$wait(10)", userTaskTimeoutMs: 5_000))
            try await timed.execute()
            try await emulator.runDueTasks()
            clock.advance(by: 5)
            try await emulator.runDueTasks()
            let timedOut = try await timed.completeGraphs()
            #expect(timedOut.first?.firstErrorCode == 630)
            #expect(timedOut.first?.completedTime == clock.now())
        }
    }

    @Test("a statement the emulator cannot run fails its run with a clear error, never a pretended success")
    func unsupportedStatements() async throws {
        try await withSchema { schema, emulator in
            let task = try await schema.tasks.create(TaskModel(name: "load", definition: "insert into t values (1)"))
            try await task.execute()
            try await emulator.runDueTasks()
            let run = try #require(try await task.completeGraphs().first)
            #expect(run.state == .failed)
            #expect(run.firstErrorCode == 2)
            #expect(run.firstErrorMessage?.contains("the emulator does not run SQL yet") == true)

            let typo = try await schema.tasks.create(TaskModel(name: "typo", definition: "select nosuchfunction(1)"))
            try await typo.execute()
            try await emulator.runDueTasks()
            #expect(try await typo.completeGraphs().first?.firstErrorMessage == "SQL compilation error: Unknown function NOSUCHFUNCTION")
        }
    }

    @Test("a restart keeps finished and running runs and does not run a scheduled time twice")
    func restart() async throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("snowapi-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock()
        let start = clock.now()
        try await withSchema(clock: clock, dataDirectory: directory) { schema, emulator in
            let root = try await schema.tasks.create(TaskModel(name: "r", definition: "select 1", schedule: .minutes(10)))
            let child = try await schema.tasks.create(TaskModel(name: "r$c", definition: "select system$wait(2, 'minutes')", predecessors: ["r"]))
            try await child.resume()
            try await root.resume()
            clock.advance(by: 600)
            try await emulator.runDueTasks()
            #expect(try await root.currentGraphs().map(\.state) == [.executing, .scheduled])
        }
        try await withSchema(clock: clock, dataDirectory: directory) { schema, emulator in
            let root = schema.tasks["r"]
            try await emulator.runDueTasks()
            #expect(try await root.currentGraphs().map(\.state) == [.executing, .scheduled], "the same scheduled time does not run again")
            clock.advance(by: 120)
            try await emulator.runDueTasks()
            let complete = try await root.completeGraphs(errorOnly: false)
            #expect(complete.map(\.state) == [.succeeded])
            #expect(complete.first?.scheduledTime == start.addingTimeInterval(600))
            #expect(try await history(emulator).map(\.state) == ["SUCCEEDED", "SUCCEEDED"])
        }
    }
}
