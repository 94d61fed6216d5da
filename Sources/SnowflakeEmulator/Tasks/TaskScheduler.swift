import Foundation
import GRDB
import Logging
import ServiceLifecycle
import Synchronization

/// How an emulator moves its task runs on.
public enum TaskScheduling: Sendable, Equatable {
    /// A background loop runs due work as the clock reaches it: how a server runs.
    case automatic
    /// Nothing runs until ``RunningEmulator/runDueTasks()`` is called: how tests drive a
    /// manual clock, deterministically.
    case manual
}

/// Runs the task runtime against the store: on demand, and in a loop that sleeps until the
/// next due time or until a request adds work.
final class TaskScheduler: Sendable {
    private let store: EmulatorStore
    private let clock: any EmulatorClock
    private let logger: Logger
    private let signal = WakeSignal()

    init(store: EmulatorStore, clock: any EmulatorClock, logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// Runs everything due at the clock's current time, until nothing more changes.
    func runDue() async throws {
        while true {
            let now = clock.now()
            let changed = try await store.write { db in try TaskRuntime(db: db, now: now).advance() }
            if !changed { return }
        }
    }

    /// Tells the loop that a request added work (called after its transaction commits).
    func wake() { signal.signal() }

    /// Runs until cancelled.
    func loop() async {
        while !Task.isCancelled {
            do {
                try await runDue()
            } catch {
                logger.error("task scheduler: \(error)")
            }
            let next = (try? await store.read { db in try TaskRuntime.nextDue(db) }) ?? nil
            let wait = min(max(next.map { $0.timeIntervalSince(clock.now()) } ?? 60, 0.001), 60)
            await signal.wait(upTo: .milliseconds(Int64((wait * 1_000).rounded(.up))))
        }
    }
}

/// The scheduler loop as a service of the emulator's service group.
struct TaskSchedulerService: Service {
    let scheduler: TaskScheduler

    func run() async throws {
        await cancelWhenGracefulShutdown { await scheduler.loop() }
    }
}

/// A wake-up call that is not lost when it comes before the wait.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns when signalled, after `timeout`, or when cancelled.
    func wait(upTo timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: timeout) }
            group.addTask { await self.next() }
            await group.next()
            group.cancelAll()
        }
    }

    private func next() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
