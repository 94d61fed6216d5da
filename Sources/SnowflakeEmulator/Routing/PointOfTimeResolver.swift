import Foundation
import SnowflakeModels

/// Turns a clone's `point_of_time` into a moment.
enum PointOfTimeResolver {
    /// The moment a point of time names; now when there is none.
    static func resolve(_ point: PointOfTime?, now: Date) throws -> Date {
        guard let point else { return now }
        let value = point.value.trimmingCharacters(in: .whitespaces)
        switch point.kind {
        case .offset:
            guard let seconds = evaluateOffset(value) else {
                throw EmulatorError.badRequest("The offset '\(point.value)' is not a number of seconds (such as -3600 or -60*60).")
            }
            return now.addingTimeInterval(seconds)
        case .timestamp:
            guard let date = parseTimestamp(value) else {
                throw EmulatorError.badRequest(
                    "The timestamp '\(point.value)' is not understood; use ISO-8601, 'YYYY-MM-DD HH:MM:SS' (UTC) or TO_TIMESTAMP(<epoch seconds>).")
            }
            return date
        case .statement:
            throw EmulatorError.badRequest(
                "The emulator does not record statement ids, so a point of time by statement cannot be resolved; use an offset or a timestamp.")
        }
    }

    /// `-3600`, `-60*60`, `-30 * 60`.
    static func evaluateOffset(_ text: String) -> Double? {
        let factors = text.replacingOccurrences(of: " ", with: "").split(separator: "*")
        guard !factors.isEmpty else { return nil }
        var product = 1.0
        for factor in factors {
            guard let number = Double(factor) else { return nil }
            product *= number
        }
        return product
    }

    static func parseTimestamp(_ text: String) -> Date? {
        if let date = WireCoding.parseTimestamp(text) { return date }
        let upper = text.uppercased()
        for prefix in ["TO_TIMESTAMP(", "TO_TIMESTAMP_LTZ(", "TO_TIMESTAMP_TZ(", "TO_TIMESTAMP_NTZ("] where upper.hasPrefix(prefix) && upper.hasSuffix(")") {
            let inner = text.dropFirst(prefix.count).dropLast().trimmingCharacters(in: CharacterSet(charactersIn: " '"))
            if let seconds = Double(inner) { return Date(timeIntervalSince1970: seconds) }
            return parseTimestamp(inner)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
