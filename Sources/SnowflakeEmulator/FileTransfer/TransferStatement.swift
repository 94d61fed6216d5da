import Foundation
import SnowflakeFileTransfer
import SnowflakeModels

/// A `PUT` or `GET` statement, as the connectors send them through the query endpoint:
///
/// ```sql
/// PUT 'file:///tmp/data.csv' '@db.sc.stage/folder' PARALLEL = 4 AUTO_COMPRESS = TRUE SOURCE_COMPRESSION = AUTO_DETECT OVERWRITE = FALSE
/// GET '@db.sc.stage/folder/' 'file:///tmp/out' PARALLEL = 4 PATTERN = '.*[.]csv[.]gz'
/// ```
///
/// Paths may be quoted (`'...'`, with `\'` or `''` for a quote) or bare; comments (`/* */`,
/// `--`) and a trailing `;` are ignored; option names and values are case-insensitive.
struct TransferStatement: Sendable, Equatable {
    enum Command: String, Sendable { case put = "PUT", get = "GET" }

    /// A named stage and a path in it.
    struct StageReference: Sendable, Equatable {
        /// The name's parts as written (one to three), resolved to canonical identifiers.
        var nameParts: [String]
        /// The path in the stage, without a leading `/` (may end with `/`).
        var path: String
    }

    var command: Command
    /// The local file (`PUT`, may hold wildcards) or directory (`GET`), without `file://`.
    var localPath: String
    var stage: StageReference
    var parallel = 4
    var autoCompress = true
    var sourceCompression = "AUTO_DETECT"
    var overwrite = false
    var pattern: String?

    /// Whether a statement's text is a `PUT` or `GET` (after comments).
    static func isTransfer(_ sql: String) -> Bool {
        guard let first = (try? tokens(of: sql))?.first, case .word(let word) = first else { return false }
        return ["PUT", "GET"].contains(word.uppercased())
    }

    init(parsing sql: String) throws {
        var tokens = try Self.tokens(of: sql)
        guard case .word(let verb)? = tokens.first, let command = Command(rawValue: verb.uppercased()) else {
            throw Self.syntax("a PUT or GET statement must start with PUT or GET")
        }
        self.command = command
        tokens.removeFirst()
        guard tokens.count >= 2 else {
            throw Self.syntax(command == .put ? "PUT needs a local file and a stage: PUT 'file://<path>' @<stage>[/<path>]"
                : "GET needs a stage and a local directory: GET @<stage>[/<path>] 'file://<directory>'")
        }
        let (fileToken, stageToken) = command == .put ? (tokens[0], tokens[1]) : (tokens[1], tokens[0])
        localPath = try Self.localPath(fileToken.text)
        stage = try Self.stageReference(stageToken.text)
        var options = Array(tokens.dropFirst(2))
        while !options.isEmpty {
            guard case .word(let name) = options.removeFirst() else { throw Self.syntax("an option name was expected") }
            guard case .equals? = options.first else { throw Self.syntax("option \(name.uppercased()) needs '= <value>'") }
            options.removeFirst()
            guard let value = options.first, value != .equals else { throw Self.syntax("option \(name.uppercased()) needs a value") }
            options.removeFirst()
            try apply(name.uppercased(), value.text)
        }
    }

    private mutating func apply(_ name: String, _ value: String) throws {
        func flag() throws -> Bool {
            switch value.uppercased() {
            case "TRUE": return true
            case "FALSE": return false
            default: throw Self.syntax("\(name) must be TRUE or FALSE, not '\(value)'")
            }
        }
        switch (command, name) {
        case (_, "PARALLEL"):
            guard let count = Int(value), (1...99).contains(count) else { throw Self.syntax("PARALLEL must be a number from 1 to 99, not '\(value)'") }
            parallel = count
        case (.put, "AUTO_COMPRESS"): autoCompress = try flag()
        case (.put, "OVERWRITE"): overwrite = try flag()
        case (.put, "SOURCE_COMPRESSION"):
            let named = value.uppercased()
            guard named == "AUTO_DETECT" || StageCompression(rawValue: named) != nil else {
                throw Self.syntax("SOURCE_COMPRESSION must be AUTO_DETECT, GZIP, BZ2, BROTLI, ZSTD, DEFLATE, RAW_DEFLATE or NONE, not '\(value)'")
            }
            sourceCompression = named
        case (.get, "PATTERN"): pattern = value
        default: throw Self.syntax("\(command.rawValue) has no option \(name)")
        }
    }

    // MARK: Parts

    private static func localPath(_ text: String) throws -> String {
        guard text.lowercased().hasPrefix("file://") else {
            throw syntax("the local path must be a file:// URI, not '\(text)'")
        }
        let path = String(text.dropFirst("file://".count))
        guard !path.isEmpty else { throw syntax("the local path of file:// is empty") }
        return path
    }

    private static func stageReference(_ text: String) throws -> StageReference {
        guard text.hasPrefix("@") else { throw syntax("the stage must start with @, as in @my_stage/path, not '\(text)'") }
        let body = text.dropFirst()
        if body.hasPrefix("~") || body.hasPrefix("%") {
            throw EmulatorError.sql(
                400, "0A000", "User stages (@~) and table stages (@%table) are not emulated; put files on a named internal stage.")
        }
        // The name ends at the first '/' outside double quotes.
        var parts: [String] = [], current = "", quoted = false, rest = Substring("")
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if character == "\"" { quoted.toggle() }
            if !quoted, character == "/" {
                rest = body[body.index(after: index)...]
                break
            }
            if !quoted, character == "." {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
            index = body.index(after: index)
        }
        parts.append(current)
        guard !quoted, (1...3).contains(parts.count) else { throw syntax("'\(text)' is not a stage name") }
        let resolved = try parts.map { part -> String in
            do { return try Identifier.resolve(part) } catch { throw EmulatorError.invalidIdentifier(part) }
        }
        var path = String(rest)
        while path.hasPrefix("/") { path.removeFirst() }
        return StageReference(nameParts: resolved, path: path)
    }

    private static func syntax(_ detail: String) -> EmulatorError {
        EmulatorError.sql(400, "001003", "SQL compilation error: \(detail).")
    }

    // MARK: Tokens

    enum Token: Equatable {
        case word(String)
        case quoted(String)
        case equals

        var text: String {
            switch self {
            case .word(let text), .quoted(let text): text
            case .equals: "="
            }
        }
    }

    static func tokens(of sql: String) throws -> [Token] {
        var tokens: [Token] = []
        let characters = Array(sql)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c.isWhitespace || c == ";" {
                i += 1
            } else if c == "/", i + 1 < characters.count, characters[i + 1] == "*" {
                guard let end = (i + 2..<max(i + 2, characters.count - 1)).first(where: { characters[$0] == "*" && characters[$0 + 1] == "/" }) else {
                    throw syntax("a comment is not closed")
                }
                i = end + 2
            } else if c == "-", i + 1 < characters.count, characters[i + 1] == "-" {
                while i < characters.count, characters[i] != "\n" { i += 1 }
            } else if c == "=" {
                tokens.append(.equals)
                i += 1
            } else if c == "'" {
                var text = ""
                i += 1
                var closed = false
                while i < characters.count {
                    if characters[i] == "\\", i + 1 < characters.count {
                        text.append(characters[i + 1])
                        i += 2
                    } else if characters[i] == "'" {
                        if i + 1 < characters.count, characters[i + 1] == "'" {
                            text.append("'")
                            i += 2
                        } else {
                            i += 1
                            closed = true
                            break
                        }
                    } else {
                        text.append(characters[i])
                        i += 1
                    }
                }
                guard closed else { throw syntax("a quoted string is not closed") }
                tokens.append(.quoted(text))
            } else {
                var text = ""
                var quoted = false
                while i < characters.count {
                    let d = characters[i]
                    if d == "\"" { quoted.toggle() }
                    if !quoted, d.isWhitespace || d == "=" || d == ";" { break }
                    text.append(d)
                    i += 1
                }
                tokens.append(.word(text))
            }
        }
        return tokens
    }
}
