import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`) read in a time
/// zone, as a task's `USING CRON` schedule: `*`, lists, ranges, steps, month and day names.
/// When both day fields are restricted, a day matching either one matches, as in cron.
struct CronExpression: Sendable, Equatable {
    private let minutes: Set<Int>
    private let hours: Set<Int>
    private let daysOfMonth: Set<Int>
    private let months: Set<Int>
    private let daysOfWeek: Set<Int>
    private let dayOfMonthRestricted: Bool
    private let dayOfWeekRestricted: Bool
    let timeZone: TimeZone

    struct Invalid: Error {
        let message: String
    }

    init(_ expression: String, timeZone identifier: String) throws(Invalid) {
        guard let timeZone = TimeZone(identifier: identifier) else {
            throw Invalid(message: "Unknown time zone '\(identifier)' in the schedule.")
        }
        let fields = expression.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5 else {
            throw Invalid(message: "The cron expression '\(expression)' must have five fields: minute hour day-of-month month day-of-week.")
        }
        let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        minutes = try Self.field(fields[0], 0...59, names: [:], in: expression)
        hours = try Self.field(fields[1], 0...23, names: [:], in: expression)
        daysOfMonth = try Self.field(fields[2], 1...31, names: [:], in: expression)
        months = try Self.field(fields[3], 1...12, names: Dictionary(uniqueKeysWithValues: monthNames.enumerated().map { ($1, $0 + 1) }), in: expression)
        let weekdays = try Self.field(fields[4], 0...7, names: Dictionary(uniqueKeysWithValues: dayNames.enumerated().map { ($1, $0) }), in: expression)
        daysOfWeek = Set(weekdays.map { $0 % 7 })
        dayOfMonthRestricted = fields[2] != "*" && fields[2] != "?"
        dayOfWeekRestricted = fields[4] != "*" && fields[4] != "?"
        self.timeZone = timeZone
    }

    /// The first matching minute strictly after `date`; nil when none comes within five years.
    func next(after date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var candidate = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
        let limit = date.addingTimeInterval(5 * 366 * 86_400)
        while candidate <= limit {
            let parts = calendar.dateComponents([.month, .day, .weekday, .hour, .minute], from: candidate)
            guard let month = parts.month, let day = parts.day, let weekday = parts.weekday, let hour = parts.hour, let minute = parts.minute else {
                return nil
            }
            if !months.contains(month) || !dayMatches(day: day, weekday: weekday - 1) {
                guard let nextDay = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: candidate)) else { return nil }
                candidate = calendar.startOfDay(for: nextDay)
            } else if !hours.contains(hour) {
                candidate = candidate.addingTimeInterval(TimeInterval((60 - minute) * 60))
            } else if !minutes.contains(minute) {
                candidate = candidate.addingTimeInterval(60)
            } else {
                return candidate
            }
        }
        return nil
    }

    private func dayMatches(day: Int, weekday: Int) -> Bool {
        switch (dayOfMonthRestricted, dayOfWeekRestricted) {
        case (true, true): return daysOfMonth.contains(day) || daysOfWeek.contains(weekday)
        case (true, false): return daysOfMonth.contains(day)
        case (false, true): return daysOfWeek.contains(weekday)
        case (false, false): return true
        }
    }

    private static func field(_ text: String, _ range: ClosedRange<Int>, names: [String: Int], in expression: String) throws(Invalid) -> Set<Int> {
        func invalid() -> Invalid { Invalid(message: "The cron field '\(text)' of '\(expression)' is not valid: expected values in \(range.lowerBound)-\(range.upperBound), *, ranges, lists or steps.") }
        func value(_ part: Substring) throws(Invalid) -> Int {
            if let number = Int(part), range.contains(number) { return number }
            if let named = names[part.uppercased()] { return named }
            throw invalid()
        }
        var result: Set<Int> = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw invalid() }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0 else { throw invalid() }
                step = parsed
            }
            let base = pieces[0]
            let bounds: ClosedRange<Int>
            if base == "*" || base == "?" {
                bounds = range
            } else if let dash = base.firstIndex(of: "-") {
                let low = try value(base[..<dash])
                let high = try value(base[base.index(after: dash)...])
                guard low <= high else { throw invalid() }
                bounds = low...high
            } else {
                let single = try value(base)
                bounds = single...(pieces.count == 2 ? range.upperBound : single)
            }
            result.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return result
    }
}
