import Foundation
import SnowflakeCore
import SnowflakeEmulator

/// An emulator for one test: loopback, a free port, a temporary SQLite file, and a client
/// logged in as its administrator.
public enum TestEmulator {
    /// A configuration for tests: quiet logs, the given clock (the system clock by default), and
    /// task runs that move only when the test calls ``RunningEmulator/runDueTasks()``.
    public static func configuration(clock: any EmulatorClock = SystemClock()) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration(clock: clock, taskScheduling: .manual)
        configuration.logger.logLevel = .warning
        configuration.trafficRecorder = TrafficRecorder.fromEnvironment()
        return configuration
    }

    /// Runs `body` with a fresh emulator and a root connected to it.
    public static func withRoot<Result: Sendable>(
        _ configuration: EmulatorConfiguration = TestEmulator.configuration(),
        retryPolicy: RetryPolicy = .default,
        _ body: @Sendable (Root, RunningEmulator) async throws -> Result
    ) async throws -> Result {
        try await Emulator.withRunning(configuration) { emulator in
            var connection = try ConnectionConfiguration.emulator(url: emulator.baseURL, token: emulator.adminToken, user: emulator.adminUser)
            connection.retryPolicy = retryPolicy
            return try await body(try Root(connection), emulator)
        }
    }
}

/// A retry clock for tests: waits return at once and move its time forward; it records them.
public final class ManualRetryClock: Sendable {
    private let state = LockedState()

    /// A clock at time zero.
    public init() {}

    /// The clock to put in a ``RetryPolicy``.
    public var clock: RetryClock {
        RetryClock(now: { [state] in state.now }, sleep: { [state] duration in state.sleep(duration) })
    }

    /// Every wait asked for, in order.
    public var sleeps: [Duration] { state.sleeps }

    private final class LockedState: @unchecked Sendable {
        private let lock = NSLock()
        private var time = Duration.zero
        private var recorded: [Duration] = []

        var now: Duration { lock.withLock { time } }
        var sleeps: [Duration] { lock.withLock { recorded } }

        func sleep(_ duration: Duration) {
            lock.withLock {
                time += duration
                recorded.append(duration)
            }
        }
    }
}
