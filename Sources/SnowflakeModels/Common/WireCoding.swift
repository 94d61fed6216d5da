import Foundation

/// The JSON conventions of the REST API v2, shared by the client and the emulator:
/// snake_case keys (spelled out in each model's `CodingKeys`), ISO-8601 timestamps.
public enum WireCoding {
    /// A new encoder for wire JSON. Timestamps are written as ISO-8601 with milliseconds.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatTimestamp(date))
        }
        return encoder
    }

    /// One encoder for wire JSON shared by every caller (encoders are thread-safe); do not
    /// change its settings.
    public static let sharedEncoder = encoder()

    /// One decoder for wire JSON shared by every caller; do not change its settings.
    public static let sharedDecoder = decoder()

    /// A new decoder for wire JSON. Accepts ISO-8601 timestamps with or without fractional
    /// seconds and with `Z` or a numeric offset.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseTimestamp(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not an ISO-8601 timestamp")
            }
            return date
        }
        return decoder
    }

    /// Encodes a value for a request body: fields marked ``ReadOnly`` are left out, as the
    /// official client does.
    public static func encodeRequestBody(_ value: some Encodable, with encoder: JSONEncoder) throws -> Data {
        try $omitsReadOnlyFields.withValue(true) { try encoder.encode(value) }
    }

    /// While true, ``ReadOnly`` fields are not encoded.
    @TaskLocal public static var omitsReadOnlyFields = false

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    /// Formats a timestamp the way the emulator writes them (`2026-01-02T03:04:05.678Z`).
    public static func formatTimestamp(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1_000).rounded()
        guard milliseconds.magnitude < 253_402_300_800_000 else { return withFraction.format(date) }  // beyond year 9999
        let total = Int64(milliseconds)
        let millis = Int(((total % 1_000) + 1_000) % 1_000)
        let seconds = (total - Int64(millis)) / 1_000
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = civil(fromDays: days)
        guard year >= 0 else { return withFraction.format(date) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(48 + rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4); bytes.append(45); digits(month, 2); bytes.append(45); digits(day, 2)
        bytes.append(84)
        digits(secondOfDay / 3_600, 2); bytes.append(58); digits(secondOfDay / 60 % 60, 2); bytes.append(58)
        digits(secondOfDay % 60, 2); bytes.append(46); digits(millis, 3)
        bytes.append(90)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses an ISO-8601 timestamp with or without fractional seconds.
    public static func parseTimestamp(_ text: String) -> Date? {
        if let date = fastParse(text) { return date }
        if let date = try? withFraction.parse(text) { return date }
        return try? withoutFraction.parse(text)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` without a formatter; nil for anything else.
    private static func fastParse(_ text: String) -> Date? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Date? in
            func number(_ start: Int, _ count: Int) -> Int? {
                guard start + count <= bytes.count else { return nil }
                var value = 0
                for index in start..<(start + count) {
                    let digit = Int(bytes[index]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116, bytes[13] == 58,
                bytes[16] == 58, let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
            else { return nil }
            var index = 19
            var fraction = 0.0
            if bytes[index] == 46 {
                index += 1
                var numerator = 0
                var denominator = 1
                let start = index
                while index < bytes.count, (48...57).contains(bytes[index]) {
                    if denominator < 1_000_000_000 {
                        numerator = numerator * 10 + Int(bytes[index] - 48)
                        denominator *= 10
                    }
                    index += 1
                }
                guard index > start else { return nil }
                fraction = Double(numerator) / Double(denominator)
            }
            guard index < bytes.count else { return nil }
            var offset = 0
            switch bytes[index] {
            case 90, 122:
                index += 1
            case 43, 45:
                guard let hours = number(index + 1, 2), index + 3 < bytes.count, bytes[index + 3] == 58,
                    let minutes = number(index + 4, 2)
                else { return nil }
                offset = (hours * 3_600 + minutes * 60) * (bytes[index] == 45 ? -1 : 1)
                index += 6
            default:
                return nil
            }
            guard index == bytes.count else { return nil }
            let days = days(fromCivil: year, month, day)
            let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset)
            return Date(timeIntervalSince1970: seconds + fraction)
        } ?? nil
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    private static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Marks a model field the server fills in (`created_on`, `owner`, `state`, ...). Such a field
/// is optional, is read from responses, and is never sent in a request body.
@propertyWrapper
public struct ReadOnly<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    /// The server's value, or nil when the server did not send one.
    public var wrappedValue: Value?

    /// Wraps a value.
    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedEncodingContainer {
    /// Encodes a ``ReadOnly`` field only when it has a value and the encoding is not a request body.
    public mutating func encode<Value>(_ value: ReadOnly<Value>, forKey key: Key) throws {
        guard !WireCoding.omitsReadOnlyFields, let wrapped = value.wrappedValue else { return }
        try encode(wrapped, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Decodes a ``ReadOnly`` field; a missing key or `null` gives nil.
    public func decode<Value>(_ type: ReadOnly<Value>.Type, forKey key: Key) throws -> ReadOnly<Value> {
        ReadOnly(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
}
