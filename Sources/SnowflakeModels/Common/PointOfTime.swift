/// A point in the past for time travel (`AT` / `BEFORE` in SQL), used by clones.
///
/// ```swift
/// .offset(seconds: -3600)                       // one hour ago
/// .timestamp("2026-01-01 00:00:00", reference: .at)
/// ```
public struct PointOfTime: Hashable, Sendable {
    /// Whether the point includes (`at`) or excludes (`before`) what happened at it.
    public enum Reference: String, Codable, Hashable, Sendable {
        /// Includes what happened at the point.
        case at
        /// Excludes what happened at the point.
        case before
    }

    /// How the point is given.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// Seconds relative to now.
        case offset
        /// A timestamp.
        case timestamp
        /// A statement's query id.
        case statement
    }

    /// How the point is given.
    public var kind: Kind
    /// `at` or `before`.
    public var reference: Reference
    /// The offset in seconds (negative), the timestamp, or the statement's query id, as text.
    public var value: String

    /// A point given by its kind, reference and value as the wire carries them.
    public init(kind: Kind, reference: Reference, value: String) {
        self.kind = kind
        self.reference = reference
        self.value = value
    }

    /// A point `seconds` from now (negative numbers are in the past).
    public static func offset(seconds: Int, reference: Reference = .at) -> PointOfTime {
        PointOfTime(kind: .offset, reference: reference, value: String(seconds))
    }

    /// A point given as a timestamp expression.
    public static func timestamp(_ timestamp: String, reference: Reference = .at) -> PointOfTime {
        PointOfTime(kind: .timestamp, reference: reference, value: timestamp)
    }

    /// The point of a statement, by its query id.
    public static func statement(_ queryID: String, reference: Reference = .before) -> PointOfTime {
        PointOfTime(kind: .statement, reference: reference, value: queryID)
    }
}

extension PointOfTime: Codable {
    private enum CodingKeys: String, CodingKey {
        case pointOfTimeType = "point_of_time_type"
        case reference, offset, timestamp, statement
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .pointOfTimeType)
        reference = try container.decodeIfPresent(Reference.self, forKey: .reference) ?? .at
        let key: CodingKeys = switch kind {
        case .offset: .offset
        case .timestamp: .timestamp
        case .statement: .statement
        }
        value = try container.decode(String.self, forKey: key)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .pointOfTimeType)
        try container.encode(reference, forKey: .reference)
        let key: CodingKeys = switch kind {
        case .offset: .offset
        case .timestamp: .timestamp
        case .statement: .statement
        }
        try container.encode(value, forKey: key)
    }
}
