import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SnowflakeModels

/// A running emulator: where it listens and how to log in as its administrator.
public struct RunningEmulator: Sendable {
    /// `http://host:port`.
    public let baseURL: String
    /// The address it listens on.
    public let host: String
    /// The port it listens on.
    public let port: Int
    /// The administrator's user name.
    public let adminUser: String
    /// A programmatic access token of the administrator, issued at start.
    public let adminToken: String
    /// Where its data lives.
    public let dataDirectory: String

    let services: EmulatorServices

    /// Runs the task work that is due at the clock's time: starts scheduled and executed graph
    /// runs and moves running ones on. With ``TaskScheduling/manual`` this is the only way
    /// task runs progress; with ``TaskScheduling/automatic`` it only hurries the loop.
    public func runDueTasks() async throws {
        try await services.scheduler.runDue()
    }

    /// The task history of a schema, oldest first: one entry per attempt of each task run, as
    /// Snowflake's `TASK_HISTORY` shows it.
    /// - Parameters:
    ///   - database: the database, as an identifier (`db`, `"My DB"`).
    ///   - schema: the schema, as an identifier.
    ///   - rootTask: only runs of the graph with this root task.
    public func taskHistory(database: String, schema: String, rootTask: String? = nil) async throws -> [TaskHistoryEntry] {
        let database = try Identifier.resolve(database)
        let schema = try Identifier.resolve(schema)
        let root = try rootTask.map { try Identifier.resolve($0) }
        return try await services.store.read { db in
            try TaskHistoryEntry.fetch(db, database: database, schema: schema, rootTask: root)
        }
    }
}

/// The local Snowflake REST API v2 emulator.
///
/// Tests and the demo run one in-process for the length of a closure:
///
/// ```swift
/// try await Emulator.withRunning { emulator in
///     let root = try Root(.emulator(url: emulator.baseURL, token: emulator.adminToken))
///     ...
/// }
/// ```
///
/// `snowapi emulator` serves one until interrupted with ``serve(_:onReady:)``.
public enum Emulator {
    /// Starts an emulator, runs `body` with it, and stops it (removing a temporary data
    /// directory) when `body` returns or throws.
    public static func withRunning<Result: Sendable>(
        _ configuration: EmulatorConfiguration = EmulatorConfiguration(),
        _ body: @Sendable (RunningEmulator) async throws -> Result
    ) async throws -> Result {
        let prepared = try await prepare(configuration)
        defer { prepared.cleanUp() }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = prepared.application { port in continuation.yield(port) }
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [app as any Service] + prepared.backgroundServices, gracefulShutdownSignals: [], logger: configuration.logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await services.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await group.waitForAll()
                throw CancellationError()
            }
            do {
                let result = try await body(prepared.running(port: port))
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully. `onReady` is called once
    /// the server listens.
    public static func serve(
        _ configuration: EmulatorConfiguration, onReady: @escaping @Sendable (RunningEmulator) -> Void
    ) async throws {
        let prepared = try await prepare(configuration)
        defer { prepared.cleanUp() }
        let app = prepared.application { port in onReady(prepared.running(port: port)) }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [app as any Service] + prepared.backgroundServices, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: configuration.logger))
        try await group.run()
    }

    // MARK: Building

    private struct Prepared: Sendable {
        let configuration: EmulatorConfiguration
        let responder: EmulatorResponder
        let services: EmulatorServices
        let adminUser: String
        let adminToken: String
        let dataDirectory: String
        let temporary: Bool

        func running(port: Int) -> RunningEmulator {
            let hostPart = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            return RunningEmulator(
                baseURL: "http://\(hostPart):\(port)", host: configuration.host, port: port, adminUser: adminUser,
                adminToken: adminToken, dataDirectory: dataDirectory, services: services)
        }

        func application(onPort: @escaping @Sendable (Int) -> Void) -> some ApplicationProtocol {
            var logger = configuration.logger
            logger[metadataKey: "component"] = "http"
            return Application(
                responder: responder,
                configuration: ApplicationConfiguration(
                    address: .hostname(configuration.host, port: configuration.port), serverName: nil),
                onServerRunning: { channel in onPort(channel.localAddress?.port ?? configuration.port) },
                logger: logger)
        }

        /// The task scheduler's loop, unless tests drive it.
        var backgroundServices: [any Service] {
            configuration.taskScheduling == .automatic ? [TaskSchedulerService(scheduler: services.scheduler)] : []
        }

        func cleanUp() {
            if temporary { try? FileManager.default.removeItem(atPath: dataDirectory) }
        }
    }

    /// Issues a programmatic access token for a user of the emulator whose data lives in
    /// `dataDirectory`, whether or not that emulator is running, and returns the token (shown
    /// once; the emulator keeps only its hash).
    /// - Parameters:
    ///   - user: the user's name as an identifier (`alice`, `"Mixed Case"`).
    ///   - name: the token's name; a new token replaces the user's token of the same name.
    ///   - lifetime: how long the token is valid.
    public static func issueToken(
        dataDirectory: String, user: String, name: String = "SNOWAPI_CLI", lifetime: TimeInterval = 15 * 86_400,
        clock: any EmulatorClock = SystemClock()
    ) async throws -> String {
        let path = databasePath(in: dataDirectory)
        guard FileManager.default.fileExists(atPath: path) else {
            throw EmulatorFailure(description: "\(dataDirectory) holds no emulator data (no emulator.sqlite)")
        }
        let store = try EmulatorStore(path: path)
        let canonical: String
        do { canonical = try Identifier.resolve(user) } catch { throw EmulatorFailure(description: "'\(user)' is not a valid user name") }
        let tokenName = (try? Identifier.resolve(name)) ?? name
        let now = clock.now()
        do {
            return try await store.write { db in
                try AccessTokens.issue(in: db, user: canonical, name: tokenName, lifetime: lifetime, now: now)
            }
        } catch let error as EmulatorError {
            throw EmulatorFailure(description: error.message)
        }
    }

    static func databasePath(in directory: String) -> String {
        (directory as NSString).appendingPathComponent("emulator.sqlite")
    }

    /// The one build function the CLI, the demo and the tests use.
    private static func prepare(_ configuration: EmulatorConfiguration) async throws -> Prepared {
        let temporary = configuration.dataDirectory == nil
        let directory = configuration.dataDirectory
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("snowapi-emulator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        do {
            let store = try EmulatorStore(path: databasePath(in: directory))
            let services = EmulatorServices(configuration: configuration, store: store)
            let adminUser = try Identifier.resolve(configuration.adminUser)
            try await Bootstrap.ensureAdmin(services: services, user: adminUser, password: configuration.adminPassword)
            let now = configuration.clock.now()
            let adminToken = try await store.write { db in
                try AccessTokens.issue(in: db, user: adminUser, name: "SNOWAPI_EMULATOR", lifetime: 365 * 86_400, now: now)
            }
            let responder = EmulatorResponder(services: services)
            return Prepared(
                configuration: configuration, responder: responder, services: services, adminUser: adminUser, adminToken: adminToken,
                dataDirectory: directory, temporary: temporary)
        } catch {
            if temporary { try? FileManager.default.removeItem(atPath: directory) }
            throw error
        }
    }
}
