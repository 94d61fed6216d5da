import ArgumentParser
import Foundation
import SnowflakeCore
import SnowflakeEmulator

/// `snowapi demo`: the seed's walkthrough against an embedded emulator.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the seed's walkthrough (a task in my_db.public) against an embedded emulator.",
        discussion: """
            Starts an emulator in this process on a free loopback port with a temporary data directory, walks through creating, fetching, resuming, suspending, executing and dropping a task, and stops the emulator. Nothing leaves this machine.

            Example:
              snowapi demo
            """)

    func run() async throws {
        try await DemoWalkthrough.run { Console.write($0) }
    }
}

/// The seed's walkthrough, printing each step through `output`.
public enum DemoWalkthrough {
    /// Runs the walkthrough on an embedded emulator.
    public static func run(output: @escaping @Sendable (String) -> Void) async throws {
        var configuration = EmulatorConfiguration()
        configuration.logger.logLevel = .warning
        try await Emulator.withRunning(configuration) { emulator in
            output("Embedded emulator listening on \(emulator.baseURL) (data in a temporary directory).")
            let root = try Root(.emulator(url: emulator.baseURL, token: emulator.adminToken, user: emulator.adminUser))
            try await walk(root, output: output)
        }
    }

    /// The walkthrough itself, against any root.
    public static func walk(_ root: Root, output: @Sendable (String) -> Void) async throws {
        try await root.databases.create(DatabaseModel(name: "my_db"), mode: .ifNotExists)
        output("Created database my_db (it comes with schema PUBLIC).")
        output("")

        let schema = root.databases["my_db"].schemas["public"]
        output(#"let schema = root.databases["my_db"].schemas["public"]   // local: no request sent"#)
        output("  schema.name          = \(schema.name)")
        output("  schema.database.name = \(schema.database.name)")
        output("")

        let tasks = schema.tasks
        let definition = TaskModel(name: "task1", definition: "select 1", schedule: .every(.seconds(3600)))
        let task = try await tasks.create(definition)
        output(#"let task = try await tasks.create(TaskModel(name: "task1", definition: "select 1", schedule: .every(.seconds(3600))))"#)
        output("  task.name = \(task.name)")

        let snapshot = try await task.fetch()
        output("let snapshot = try await task.fetch()")
        output("  snapshot.name       = \(snapshot.name)")
        output("  snapshot.schedule   = \(describe(snapshot.schedule))")
        output("  snapshot.schemaName = \(snapshot.schemaName ?? "")")
        output("  snapshot.state      = \(snapshot.state?.rawValue ?? "")")
        output("  task.fullyQualifiedName = \(task.fullyQualifiedName)")
        output("")

        try await task.resume()
        output("try await task.resume()   -> state \(try await task.fetch().state?.rawValue ?? "")")
        try await task.suspend()
        output("try await task.suspend()  -> state \(try await task.fetch().state?.rawValue ?? "")")
        try await task.execute()
        output("try await task.execute()  -> a run starts now")
        var finished: [TaskRun] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while finished.isEmpty, ContinuousClock.now < deadline {
            finished = try await task.completeGraphs(errorOnly: false)
            if finished.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        }
        output("try await task.completeGraphs(errorOnly: false)")
        for run in finished {
            output("  \(run.state.rawValue), started \(run.queryStartTime.map(WireCoding.formatTimestamp) ?? "-"), finished \(run.completedTime.map(WireCoding.formatTimestamp) ?? "-")")
        }
        try await task.drop()
        output("try await task.drop()")
        output("")

        output("try await task.execute()  // the task is gone")
        do {
            try await task.execute()
            output("  unexpectedly succeeded")
        } catch let error as SnowflakeError {
            output(String(describing: error))
        }
    }

    static func describe(_ schedule: TaskSchedule?) -> String {
        switch schedule {
        case .interval(let interval)?:
            let seconds = interval.totalSeconds
            let hours = seconds % 3600 == 0 ? " (\(seconds / 3600) hour\(seconds == 3600 ? "" : "s"))" : ""
            return "every \(interval.minutes) minutes\(interval.seconds.map { $0 > 0 ? " \($0) seconds" : "" } ?? "")\(hours)"
        case .cron(let cron)?:
            return "cron '\(cron.cronExpr)' in \(cron.timezone)"
        case nil:
            return "none"
        }
    }
}
