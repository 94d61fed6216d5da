import Foundation
import SnowflakeModels

/// Pipes: the copy statement must have the shape Snowpipe runs, `COPY INTO <table> FROM
/// <@stage | (SELECT ... FROM @stage)> [options]`; its target table and named stage must
/// exist once the emulator serves those families; its `PATTERN` shows as `pattern`; the
/// integrations it names must exist. `:refresh` records what was asked (prefix, modified
/// after) and loads nothing: the emulator has no files and runs no COPY.
struct PipeBehaviour: FamilyBehaviour {
    typealias Family = PipeModel

    /// The most refresh requests kept per pipe.
    static let keptRefreshes = 100

    func prepare(_ model: inout PipeModel, serverState: inout [String: JSONValue], existing: StoredObject<PipeModel>?, context: StoreContext) throws {
        let statement = try CopyStatement(model.copyStatement)
        try requireServed(family: "table", kind: "Table", statement.target, context: context)
        switch statement.stage {
        case .user: break
        case .table(let table): try requireServed(family: "table", kind: "Table", table, context: context)
        case .named(let stage): try requireServed(family: "stage", kind: "Stage", stage, context: context)
        }
        model.pattern = statement.pattern
        for integration in [model.errorIntegration, model.integration].compactMap({ $0 }) {
            let name = try StreamBehaviour.canonical(integration)
            let family = NotificationIntegrationModel.descriptor
            guard try context.db.liveObjectExists(ObjectKey(family: family.family, name: name)) else {
                throw EmulatorError.doesNotExist("Integration", Identifier.spelling(forCanonical: name))
            }
        }
        if model.awsSnsTopic != nil, model.autoIngest != true {
            throw EmulatorError.badRequest("aws_sns_topic applies only to a pipe with auto_ingest true.")
        }
    }

    /// Checks that a schema-level object exists when this emulator serves its family (while
    /// it does not, whether it exists cannot be decided and the pipe is accepted).
    private func requireServed(family: String, kind: String, _ name: QualifiedName, context: StoreContext) throws {
        let database = try name.database.map(StreamBehaviour.canonical) ?? context.container.database
        let schema = try name.schema.map(StreamBehaviour.canonical) ?? context.container.schema
        let object = try StreamBehaviour.canonical(name.name)
        try SourceObject.requireContainers(database: database, schema: schema, context: context)
        guard context.registry.endpoint(family: family) != nil else { return }
        guard try context.db.liveObjectExists(ObjectKey(family: family, database: database, schema: schema, name: object)) else {
            throw EmulatorError.doesNotExist(kind, ResolvedContainer(database: database, schema: schema).qualified(object))
        }
    }

    // MARK: Refresh

    func perform(_ verb: String, on object: StoredObject<PipeModel>, context: StoreContext) throws -> APIResponse? {
        guard verb == "refresh" else { return nil }
        let query = context.request.query
        var entry: [String: JSONValue] = ["requested_on": .string(WireCoding.formatTimestamp(context.now))]
        if let prefix = query["prefix"] { entry["prefix"] = .string(prefix) }
        if let text = query["modified_after"] {
            guard let date = Self.parseTimestamp(text) else {
                throw EmulatorError.badRequest(
                    "Query parameter 'modified_after' must be an ISO-8601 timestamp such as 2024-01-02T03:04:05+00:00, not '\(text)'.")
            }
            entry["modified_after"] = .string(WireCoding.formatTimestamp(date))
        }
        var pipe = object
        var refreshes = pipe.serverState["refreshes"]?.arrayValue ?? []
        refreshes.append(.object(entry))
        pipe.serverState["refreshes"] = .array(Array(refreshes.suffix(Self.keptRefreshes)))
        try pipe.save(in: context.db)
        return .success(
            "Refresh of pipe \(Identifier.displayName(forCanonical: object.canonicalName)) recorded; the emulator has no stage files, so no file was queued.")
    }

    /// An ISO-8601 timestamp with a zone; a `+` decoded to a space on the way is put back.
    static func parseTimestamp(_ text: String) -> Date? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if let space = value.lastIndex(of: " "), value[value.index(after: space)...].allSatisfy({ $0.isNumber || $0 == ":" }) {
            value.replaceSubrange(space...space, with: "+")
        }
        for style in [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()] {
            if let date = try? style.parse(value) { return date }
        }
        return nil
    }
}

extension JSONValue {
    /// The elements of an array value, else nil.
    fileprivate var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }
}

/// One refresh request recorded for a pipe.
public struct PipeRefresh: Sendable, Hashable {
    /// When it was asked for.
    public var requestedOn: Date
    /// The path prefix asked for, if any.
    public var prefix: String?
    /// The oldest modification time asked for, if any.
    public var modifiedAfter: Date?
}

extension RunningEmulator {
    /// The refresh requests of a pipe, oldest first (at most the last 100): what `:refresh`
    /// asked for, since the emulator queues no files.
    public func pipeRefreshes(database: String, schema: String, pipe: String) async throws -> [PipeRefresh] {
        let key = ObjectKey(
            family: PipeModel.descriptor.family, database: try Identifier.resolve(database), schema: try Identifier.resolve(schema),
            name: try Identifier.resolve(pipe))
        let record = try await services.store.read { db in try db.liveObject(key) }
        guard let record else { return [] }
        let state = try StoredObject<PipeModel>(record: record).serverState
        return (state["refreshes"]?.arrayValue ?? []).compactMap { entry in
            guard case .object(let fields) = entry, case .string(let requested)? = fields["requested_on"],
                let requestedOn = PipeBehaviour.parseTimestamp(requested)
            else { return nil }
            var prefix: String?
            if case .string(let text)? = fields["prefix"] { prefix = text }
            var modifiedAfter: Date?
            if case .string(let text)? = fields["modified_after"] { modifiedAfter = PipeBehaviour.parseTimestamp(text) }
            return PipeRefresh(requestedOn: requestedOn, prefix: prefix, modifiedAfter: modifiedAfter)
        }
    }
}

/// The parts of a pipe's `COPY INTO <table> FROM ...` that the emulator checks.
struct CopyStatement {
    /// Where a COPY reads files from.
    enum Stage {
        /// `@~`, the user's stage.
        case user
        /// `@%table`, a table's stage.
        case table(QualifiedName)
        /// `@[db.][schema.]stage`.
        case named(QualifiedName)
    }

    /// The table loaded.
    let target: QualifiedName
    /// The stage read.
    let stage: Stage
    /// The `PATTERN` copy option.
    let pattern: String?

    static let shape = "COPY INTO <table> [(<columns>)] FROM <@stage[/path] | (SELECT ... FROM @stage[/path])> [options]"

    init(_ text: String) throws {
        var scanner = CopyScanner(text)
        try scanner.expectKeyword("COPY")
        try scanner.expectKeyword("INTO")
        scanner.skipSpace()
        if scanner.peek == "@" {
            throw Self.invalid("a pipe loads files into a table; COPY INTO @stage unloads data, which a pipe does not do")
        }
        target = try scanner.qualifiedName("the target table")
        scanner.skipSpace()
        if scanner.peek == "(" { _ = try scanner.balanced("the column list") }
        try scanner.expectKeyword("FROM")
        scanner.skipSpace()
        if scanner.peek == "@" {
            stage = try scanner.stageReference()
        } else if scanner.peek == "(" {
            stage = try Self.stageOfQuery(try scanner.balanced("the query"))
        } else {
            throw Self.invalid("FROM must name a stage (@stage) or a query over one ((SELECT ... FROM @stage))")
        }
        pattern = Self.copyOption("PATTERN", in: scanner.rest)
    }

    static func invalid(_ detail: String) -> EmulatorError {
        EmulatorError.badRequest("Invalid copy_statement: \(detail). A pipe's statement has the shape \(shape).", code: "001003")
    }

    /// The stage a `SELECT ... FROM @stage` transformation reads.
    private static func stageOfQuery(_ query: String) throws -> Stage {
        var select = CopyScanner(query)
        try select.expectKeyword("SELECT")
        let upper = query.uppercased()
        var search = upper.startIndex
        while let range = upper.range(of: "FROM", range: search..<upper.endIndex) {
            search = range.upperBound
            let rest = query[range.upperBound...].drop(while: \.isWhitespace)
            let standsAlone = range.lowerBound == upper.startIndex || !upper[upper.index(before: range.lowerBound)].isLetter
            guard rest.first == "@", standsAlone else { continue }
            var stageScanner = CopyScanner(String(rest))
            return try stageScanner.stageReference()
        }
        throw invalid("the query of a pipe must select FROM a stage (@stage)")
    }

    /// The quoted value of a copy option such as `PATTERN = '.*[.]csv'`.
    static func copyOption(_ name: String, in options: String) -> String? {
        let upper = options.uppercased()
        guard let range = upper.range(of: name) else { return nil }
        var rest = options[range.upperBound...].drop(while: \.isWhitespace)
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: \.isWhitespace)
        guard rest.first == "'" else { return nil }
        var value = ""
        var iterator = rest.dropFirst().makeIterator()
        while let character = iterator.next() {
            if character == "'" {
                // '' is a quote inside the value.
                guard let after = iterator.next(), after == "'" else { return value }
                value.append("'")
            } else {
                value.append(character)
            }
        }
        return nil
    }
}

/// Reads a COPY statement left to right.
private struct CopyScanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    var peek: Character? { index < characters.count ? characters[index] : nil }
    var rest: String { String(characters[min(index, characters.count)...]) }

    mutating func skipSpace() {
        while let next = peek, next.isWhitespace { index += 1 }
    }

    mutating func expectKeyword(_ keyword: String) throws {
        skipSpace()
        let end = index + keyword.count
        guard end <= characters.count, String(characters[index..<end]).uppercased() == keyword,
            end == characters.count || !(characters[end].isLetter || characters[end].isNumber || characters[end] == "_")
        else {
            throw CopyStatement.invalid("expected \(keyword) at '\(rest.prefix(30))'")
        }
        index = end
    }

    /// `[db.][schema.]name`, parts quoted or not.
    mutating func qualifiedName(_ what: String) throws -> QualifiedName {
        var parts: [String] = [try identifier(what)]
        while peek == ".", parts.count < 3 {
            index += 1
            parts.append(try identifier(what))
        }
        switch parts.count {
        case 1: return QualifiedName(name: parts[0])
        case 2: return QualifiedName(schema: parts[0], name: parts[1])
        default: return QualifiedName(database: parts[0], schema: parts[1], name: parts[2])
        }
    }

    private mutating func identifier(_ what: String) throws -> String {
        let start = index
        if peek == "\"" {
            index += 1
            while index < characters.count {
                if characters[index] == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        index += 2
                        continue
                    }
                    index += 1
                    return String(characters[start..<index])
                }
                index += 1
            }
            throw CopyStatement.invalid("\(what) has an unclosed quoted name")
        }
        guard let first = peek, first.isLetter || first == "_" else { throw CopyStatement.invalid("\(what) is missing") }
        while let next = peek, next.isLetter || next.isNumber || next == "_" || next == "$" { index += 1 }
        return String(characters[start..<index])
    }

    /// The text inside a parenthesised part (quotes respected); reads past its closing parenthesis.
    mutating func balanced(_ what: String) throws -> String {
        let start = index + 1
        var depth = 0
        var quote: Character?
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth == 0 {
                    index += 1
                    return String(characters[start..<(index - 1)])
                }
            }
            index += 1
        }
        throw CopyStatement.invalid("\(what) has no closing parenthesis")
    }

    /// `@~`, `@%table` or `@[db.][schema.]stage`, with an optional `/path`.
    mutating func stageReference() throws -> CopyStatement.Stage {
        index += 1
        let stage: CopyStatement.Stage
        if peek == "~" {
            index += 1
            stage = .user
        } else if peek == "%" {
            index += 1
            stage = .table(try qualifiedName("the table stage"))
        } else {
            stage = .named(try qualifiedName("the stage"))
        }
        if peek == "/" { while let next = peek, !next.isWhitespace, next != ")" { index += 1 } }
        return stage
    }
}
