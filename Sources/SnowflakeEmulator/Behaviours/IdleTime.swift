import Foundation
import SnowflakeModels

/// The idle time of objects that suspend themselves after a while without use (warehouses
/// after `auto_suspend`, compute pools after `auto_suspend_secs`). The last moment of activity
/// is kept in the object's server state; nothing is written when the time runs out: the
/// object shows suspended from then on (``FamilyBehaviour/present(_:now:)``).
enum IdleTime {
    /// Where the last activity is kept (seconds since 1970).
    static let key = "last_active"

    /// Records activity now: the idle time starts again.
    static func markActive(_ serverState: inout [String: JSONValue], at now: Date) {
        serverState[key] = .double(now.timeIntervalSince1970)
    }

    /// The last activity, if any was recorded.
    static func lastActive(_ serverState: [String: JSONValue]) -> Date? {
        switch serverState[key] {
        case .double(let seconds)?: Date(timeIntervalSince1970: seconds)
        case .integer(let seconds)?: Date(timeIntervalSince1970: TimeInterval(seconds))
        default: nil
        }
    }

    /// When a running object idle for `seconds` (nil or 0: never) suspended itself, if that
    /// moment has come by `now`.
    static func suspension(_ serverState: [String: JSONValue], afterSeconds seconds: Int?, now: Date) -> Date? {
        guard let seconds, seconds > 0, let last = lastActive(serverState) else { return nil }
        let moment = last.addingTimeInterval(TimeInterval(seconds))
        return now >= moment ? moment : nil
    }
}
