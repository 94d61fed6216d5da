import Foundation

/// A Snowflake identifier: the name of a database, schema, task, ...
///
/// Unquoted identifiers (`my_db`) resolve to upper case (`MY_DB`); double-quoted identifiers
/// (`"My DB"`) keep their case and may contain any character, with `""` standing for one `"`.
/// Two identifiers are equal when they resolve to the same stored name:
///
/// ```swift
/// try Identifier("my_db") == Identifier("\"MY_DB\"")   // true
/// try Identifier("my_db") == Identifier("\"my_db\"")   // false
/// ```
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    /// The longest name Snowflake accepts, in characters.
    public static let maximumLength = 255

    /// The name as it was written.
    public let spelling: String
    /// The stored, case-sensitive name the spelling resolves to.
    public let canonical: String

    /// Parses an identifier as Snowflake does.
    /// - Throws: ``IdentifierError`` when the text is neither a valid unquoted nor a valid
    ///   quoted identifier.
    public init(_ spelling: String) throws(IdentifierError) {
        self.spelling = spelling
        self.canonical = try Identifier.resolve(spelling)
    }

    /// An identifier for a stored name (no parsing); its spelling is ``sqlSpelling``.
    public init(canonical: String) {
        self.canonical = canonical
        self.spelling = Identifier.spelling(forCanonical: canonical)
    }

    public static func == (lhs: Identifier, rhs: Identifier) -> Bool { lhs.canonical == rhs.canonical }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }
    public var description: String { spelling }

    /// The name as SHOW and the REST API print it: bare when it holds only identifier
    /// characters (whatever their case), otherwise in double quotes.
    public var displayName: String { Identifier.displayName(forCanonical: canonical) }

    /// A spelling that resolves back to this name: bare when it is a simple upper-case
    /// name, otherwise quoted with embedded quotes doubled.
    public var sqlSpelling: String { Identifier.spelling(forCanonical: canonical) }

    /// The name in double quotes, embedded quotes doubled (`"MY_DB"`).
    public var quoted: String { Identifier.quote(canonical: canonical) }

    // MARK: Rules

    /// True when `text` is a valid unquoted identifier (`[A-Za-z_][A-Za-z0-9_$]*`).
    public static func isSimple(_ text: some StringProtocol) -> Bool {
        guard let first = text.utf8.first, isLetterOrUnderscore(first) else { return false }
        return text.utf8.allSatisfy { isLetterOrUnderscore($0) || isDigit($0) || $0 == UInt8(ascii: "$") }
    }

    /// True when `text` is a valid double-quoted identifier (`"..."`, inner quotes doubled).
    public static func isQuoted(_ text: some StringProtocol) -> Bool {
        (try? unquoteStrict(text)) != nil
    }

    /// Resolves a spelling to the stored name.
    public static func resolve(_ spelling: String) throws(IdentifierError) -> String {
        let canonical: String
        if spelling.hasPrefix("\"") {
            guard let inner = try? unquoteStrict(spelling) else { throw IdentifierError(text: spelling) }
            canonical = inner
        } else if isSimple(spelling) {
            canonical = spelling.uppercased()
        } else {
            throw IdentifierError(text: spelling)
        }
        guard canonical.count <= maximumLength else { throw IdentifierError(text: spelling, tooLong: true) }
        return canonical
    }

    /// Puts a stored name in double quotes, doubling embedded quotes.
    public static func quote(canonical: String) -> String {
        "\"" + canonical.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The shortest spelling that resolves to `canonical`.
    public static func spelling(forCanonical canonical: String) -> String {
        isSimple(canonical) && canonical == canonical.uppercased() ? canonical : quote(canonical: canonical)
    }

    /// How the REST API renders a stored name: bare for identifier characters (whatever their
    /// case), otherwise quoted with embedded quotes doubled, so that every name it returns is a
    /// valid identifier (the specs' `Identifier` pattern) that resolves back to the same name.
    public static func displayName(forCanonical canonical: String) -> String {
        isSimple(canonical) ? canonical : quote(canonical: canonical)
    }

    /// Strips one pair of surrounding double quotes, if present, and un-doubles inner quotes
    /// when the text is a well-formed quoted identifier.
    public static func unquote(_ text: String) -> String {
        if let inner = try? unquoteStrict(text) { return inner }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { return String(text.dropFirst().dropLast()) }
        return text
    }

    private static func unquoteStrict(_ text: some StringProtocol) throws -> String {
        let characters = Array(text)
        guard characters.count >= 3, characters.first == "\"", characters.last == "\"" else { throw IdentifierError(text: String(text)) }
        var result = ""
        var index = 1
        while index < characters.count - 1 {
            let character = characters[index]
            if character == "\"" {
                guard index + 1 < characters.count - 1, characters[index + 1] == "\"" else { throw IdentifierError(text: String(text)) }
                index += 1
            }
            result.append(character)
            index += 1
        }
        return result
    }

    private static func isLetterOrUnderscore(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

/// A name that is not a valid Snowflake identifier.
public struct IdentifierError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that was given.
    public let text: String
    /// True when the text is well formed but longer than 255 characters.
    public var tooLong = false

    public var description: String {
        tooLong
            ? "'\(text)' is not a valid identifier: it is longer than \(Identifier.maximumLength) characters."
            : "'\(text)' is not a valid identifier."
    }
}

/// A fully qualified object name: `database.schema.name`, `database.name` or `name`.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
    /// The database part, if any.
    public var database: String?
    /// The schema part, if any.
    public var schema: String?
    /// The object's own name.
    public var name: String

    /// Builds a name from its parts as written.
    public init(database: String? = nil, schema: String? = nil, name: String) {
        self.database = database
        self.schema = schema
        self.name = name
    }

    /// The parts joined with dots, as written (`my_db.public.task1`).
    public var description: String {
        [database, schema, name].compactMap { $0 }.joined(separator: ".")
    }

    /// Splits `a.b.c`, `b.c` or `c` into parts, honouring dots inside double quotes.
    /// - Throws: ``IdentifierError`` when a part is not a valid identifier or there are more
    ///   than three parts.
    public static func parse(_ text: String) throws(IdentifierError) -> QualifiedName {
        var parts: [String] = []
        var current = ""
        var inQuotes = false
        for character in text {
            if character == "\"" { inQuotes.toggle() }
            if character == "." && !inQuotes {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        guard (1...3).contains(parts.count) else { throw IdentifierError(text: text) }
        for part in parts { _ = try Identifier(part) }
        switch parts.count {
        case 1: return QualifiedName(name: parts[0])
        case 2: return QualifiedName(schema: parts[0], name: parts[1])
        default: return QualifiedName(database: parts[0], schema: parts[1], name: parts[2])
        }
    }
}
