import Foundation
import Synchronization

/// The emulator's notion of now. The server runs on the system clock; tests move a manual one.
public protocol EmulatorClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system's wall clock.
public struct SystemClock: EmulatorClock {
    /// The system clock.
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to. For tests: retention, schedules and timestamps become
/// exact.
public final class ManualClock: EmulatorClock {
    private let current: Mutex<Date>

    /// A clock showing `start`.
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }

    /// Sets the clock.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
