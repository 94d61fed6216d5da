import Foundation

/// A column's data type, parsed from any spelling Snowflake accepts (`int`, `string`,
/// `double precision`, `timestamp`, `number(10,2)`, ...) and shown as Snowflake shows it
/// (`NUMBER(38,0)`, `VARCHAR(16777216)`, `FLOAT`, `TIMESTAMP_NTZ(9)`, ...).
enum TableDataType: Hashable, Sendable {
    case number(precision: Int, scale: Int)
    case float
    case varchar(length: Int)
    case binary(length: Int)
    case boolean
    case date
    case time(precision: Int)
    case timestampNTZ(precision: Int)
    case timestampLTZ(precision: Int)
    case timestampTZ(precision: Int)
    case variant
    case object
    case array
    case geography
    case geometry
    case vector(element: String, dimension: Int)

    /// The longest VARCHAR (128 MB) and the default length (16 MB).
    static let maximumVarchar = 134_217_728
    static let defaultVarchar = 16_777_216
    /// The longest BINARY (64 MB) and the default length (8 MB).
    static let maximumBinary = 67_108_864
    static let defaultBinary = 8_388_608

    /// The type as Snowflake shows it.
    var spelling: String {
        switch self {
        case .number(let precision, let scale): "NUMBER(\(precision),\(scale))"
        case .float: "FLOAT"
        case .varchar(let length): "VARCHAR(\(length))"
        case .binary(let length): "BINARY(\(length))"
        case .boolean: "BOOLEAN"
        case .date: "DATE"
        case .time(let precision): "TIME(\(precision))"
        case .timestampNTZ(let precision): "TIMESTAMP_NTZ(\(precision))"
        case .timestampLTZ(let precision): "TIMESTAMP_LTZ(\(precision))"
        case .timestampTZ(let precision): "TIMESTAMP_TZ(\(precision))"
        case .variant: "VARIANT"
        case .object: "OBJECT"
        case .array: "ARRAY"
        case .geography: "GEOGRAPHY"
        case .geometry: "GEOMETRY"
        case .vector(let element, let dimension): "VECTOR(\(element), \(dimension))"
        }
    }

    /// Whether the type holds text (and so may have a collation).
    var isText: Bool {
        if case .varchar = self { return true }
        return false
    }

    /// Whether the type is a fixed-point number (and so may be an identity column).
    var isFixedPoint: Bool {
        if case .number = self { return true }
        return false
    }

    /// Parses a spelling; a 400 in Snowflake's words when it is not a type.
    static func parse(_ text: String) throws -> TableDataType {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        var head = trimmed
        var arguments: [String] = []
        if let open = trimmed.firstIndex(of: "(") {
            guard trimmed.hasSuffix(")") else { throw unsupported(text) }
            head = String(trimmed[..<open])
            let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            guard !inner.contains("("), !inner.contains(")") else { throw unsupported(text) }
            arguments = inner.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !arguments.contains(where: \.isEmpty) else { throw unsupported(text) }
        }
        head = head.split(whereSeparator: \.isWhitespace).joined(separator: " ")

        func integers(_ count: ClosedRange<Int>) throws -> [Int] {
            guard count.contains(arguments.count) else { throw unsupported(text) }
            return try arguments.map { argument in
                guard let value = Int(argument) else { throw unsupported(text) }
                return value
            }
        }
        func length(default value: Int, maximum: Int, name: String) throws -> Int {
            guard let given = try integers(0...1).first else { return value }
            guard (1...maximum).contains(given) else {
                throw EmulatorError.badRequest("Invalid length \(given) for type \(name): it must be between 1 and \(maximum).", code: "002041")
            }
            return given
        }
        func fractionalPrecision(_ name: String) throws -> Int {
            guard let given = try integers(0...1).first else { return 9 }
            guard (0...9).contains(given) else {
                throw EmulatorError.badRequest("Invalid precision \(given) for type \(name): it must be between 0 and 9.", code: "002041")
            }
            return given
        }

        switch head {
        case "NUMBER", "DECIMAL", "DEC", "NUMERIC":
            let values = try integers(0...2)
            let precision = values.first ?? 38, scale = values.count > 1 ? values[1] : 0
            guard (1...38).contains(precision) else {
                throw EmulatorError.badRequest("Invalid precision \(precision) for type NUMBER: it must be between 1 and 38.", code: "002041")
            }
            guard (0...precision).contains(scale), scale <= 37 else {
                throw EmulatorError.badRequest(
                    "Invalid scale \(scale) for type NUMBER(\(precision)): it must be between 0 and the precision.", code: "002041")
            }
            return .number(precision: precision, scale: scale)
        case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT":
            _ = try integers(0...0)
            return .number(precision: 38, scale: 0)
        case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL":
            _ = try integers(0...0)
            return .float
        case "VARCHAR", "STRING", "TEXT", "NVARCHAR", "NVARCHAR2", "CHAR VARYING", "NCHAR VARYING", "CHARACTER VARYING":
            return .varchar(length: try length(default: defaultVarchar, maximum: maximumVarchar, name: "VARCHAR"))
        case "CHAR", "CHARACTER", "NCHAR":
            return .varchar(length: try length(default: 1, maximum: maximumVarchar, name: "CHAR"))
        case "BINARY", "VARBINARY":
            return .binary(length: try length(default: defaultBinary, maximum: maximumBinary, name: "BINARY"))
        case "BOOLEAN", "BOOL":
            _ = try integers(0...0)
            return .boolean
        case "DATE":
            _ = try integers(0...0)
            return .date
        case "TIME":
            return .time(precision: try fractionalPrecision("TIME"))
        case "TIMESTAMP", "DATETIME", "TIMESTAMP_NTZ", "TIMESTAMPNTZ", "TIMESTAMP WITHOUT TIME ZONE":
            return .timestampNTZ(precision: try fractionalPrecision("TIMESTAMP_NTZ"))
        case "TIMESTAMP_LTZ", "TIMESTAMPLTZ", "TIMESTAMP WITH LOCAL TIME ZONE":
            return .timestampLTZ(precision: try fractionalPrecision("TIMESTAMP_LTZ"))
        case "TIMESTAMP_TZ", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE":
            return .timestampTZ(precision: try fractionalPrecision("TIMESTAMP_TZ"))
        case "VARIANT", "OBJECT", "ARRAY", "GEOGRAPHY", "GEOMETRY":
            guard arguments.isEmpty else { throw unsupported(text) }
            switch head {
            case "VARIANT": return .variant
            case "OBJECT": return .object
            case "ARRAY": return .array
            case "GEOGRAPHY": return .geography
            default: return .geometry
            }
        case "VECTOR":
            guard arguments.count == 2, ["INT", "FLOAT"].contains(arguments[0]), let dimension = Int(arguments[1]) else {
                throw unsupported(text)
            }
            guard (1...4096).contains(dimension) else {
                throw EmulatorError.badRequest("Invalid dimension \(dimension) for type VECTOR: it must be between 1 and 4096.", code: "002041")
            }
            return .vector(element: arguments[0], dimension: dimension)
        default:
            throw unsupported(text)
        }
    }

    private static func unsupported(_ text: String) -> EmulatorError {
        EmulatorError.sql(400, "002040", "Unsupported data type '\(text.trimmingCharacters(in: .whitespaces).uppercased())'.")
    }

    /// Whether an existing column of this type may become `new` (ALTER COLUMN ... SET DATA
    /// TYPE): the same type, a longer VARCHAR, or a NUMBER of another precision with the same
    /// scale. Nil when allowed, else why not.
    func refusalToBecome(_ new: TableDataType) -> String? {
        if self == new { return nil }
        switch (self, new) {
        case (.varchar(let old), .varchar(let length)):
            return length > old ? nil : "reducing the byte-length of a varchar is not supported"
        case (.number(_, let oldScale), .number(_, let scale)):
            return scale == oldScale ? nil : "changing the scale of a number is not supported"
        default:
            return "the types are not compatible"
        }
    }
}
