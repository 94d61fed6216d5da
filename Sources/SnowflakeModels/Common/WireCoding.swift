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
        withFraction.format(date)
    }

    /// Parses an ISO-8601 timestamp with or without fractional seconds.
    public static func parseTimestamp(_ text: String) -> Date? {
        if let date = try? withFraction.parse(text) { return date }
        return try? withoutFraction.parse(text)
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
