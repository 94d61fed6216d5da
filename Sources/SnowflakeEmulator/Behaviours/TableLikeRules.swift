import Foundation
import SnowflakeModels

/// Rules the table-like objects of a schema share (tables, views, event tables, dynamic
/// tables, ...; the `table` name space): the objects a query reads, as far as that can be
/// decided without running SQL.
enum TableLikeRules {
    /// The live table-like object called `name` in a schema: its family and stored body.
    static func object(database: String, schema: String, name: String, context: StoreContext) throws -> (family: String, body: String)? {
        try NameSpace.object(named: name, in: "table", container: ResolvedContainer(database: database, schema: schema), context: context)
    }

    // MARK: Objects a query reads

    /// Checks that every object named right after `FROM` or `JOIN` in `query` exists, as
    /// Snowflake's compiler does when a view or dynamic table is created. Only plain names are
    /// decided: subqueries, table functions, stages, CTE names, `SNOWFLAKE.*` and
    /// `INFORMATION_SCHEMA` are left alone, and nothing else of the SQL is parsed.
    /// Unqualified names resolve in the request's schema. `ownName` (a recursive view) may be
    /// referenced. Returns the columns of the single source when the query is exactly
    /// `SELECT * FROM <object>`, else nil.
    @discardableResult
    static func checkSources(of query: String, ownName: String?, context: StoreContext) throws -> [JSONValue]? {
        let tokens = SQLTokens(query).tokens
        let cteNames = commonTableExpressionNames(tokens)
        var found: [(database: String, schema: String, name: String)] = []
        var opened: [Bool] = []  // per open parenthesis: true when it opened a function call
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            switch token {
            case .punctuation("("):
                if index > 0, case .word(let word) = tokens[index - 1], !keywords.contains(word.uppercased()) {
                    opened.append(true)
                } else if index > 0, case .quoted = tokens[index - 1] {
                    opened.append(true)
                } else {
                    opened.append(false)
                }
            case .punctuation(")"):
                _ = opened.popLast()
            case .word(let word) where ["FROM", "JOIN"].contains(word.uppercased()):
                let insideCall = opened.last == true
                let afterDistinct = index > 0 && tokens[index - 1].upperWord == "DISTINCT"
                if !insideCall && !afterDistinct {
                    index = try collect(tokens, from: index + 1, cteNames: cteNames, into: &found)
                    continue
                }
            default: break
            }
            index += 1
        }
        for source in found {
            let (database, schema, name) = source
            let resolvedDatabase = database.isEmpty ? context.container.database : database
            let resolvedSchema = schema.isEmpty ? context.container.schema : schema
            if resolvedDatabase == "SNOWFLAKE" || resolvedDatabase == "SNOWFLAKE_SAMPLE_DATA" || resolvedSchema == "INFORMATION_SCHEMA" { continue }
            if let ownName, database.isEmpty || resolvedDatabase == context.container.database,
                schema.isEmpty || resolvedSchema == context.container.schema, name == ownName
            {
                continue
            }
            try requireExists(database: resolvedDatabase, schema: resolvedSchema, name: name, context: context)
        }
        return try starColumns(tokens, sources: found, context: context)
    }

    private static func requireExists(database: String, schema: String, name: String, context: StoreContext) throws {
        let place = ResolvedContainer(database: database, schema: schema)
        guard try context.db.liveObjectExists(ObjectKey(family: DatabaseModel.descriptor.family, name: database)) else {
            throw EmulatorError.sql(
                404, "002003", "SQL compilation error:\nDatabase '\(Identifier.spelling(forCanonical: database))' does not exist or not authorized.")
        }
        guard try context.db.liveObjectExists(ObjectKey(family: SchemaModel.descriptor.family, database: database, name: schema)) else {
            throw EmulatorError.sql(
                404, "002003", "SQL compilation error:\nSchema '\(ResolvedContainer(database: database).qualified(schema))' does not exist or not authorized.")
        }
        guard try object(database: database, schema: schema, name: name, context: context) != nil else {
            throw EmulatorError.sql(404, "002003", "SQL compilation error:\nObject '\(place.qualified(name))' does not exist or not authorized.")
        }
    }

    /// Reads one or more comma-separated object names after `FROM`/`JOIN`; returns the index
    /// to continue scanning at.
    private static func collect(
        _ tokens: [SQLToken], from start: Int, cteNames: Set<String>, into found: inout [(database: String, schema: String, name: String)]
    ) throws -> Int {
        var index = start
        while index < tokens.count {
            let nameStart = index
            guard let (parts, next) = qualifiedName(tokens, at: index) else { return index }
            index = next
            // A table function (`FLATTEN(...)`, `TABLE(...)`) or `LATERAL`: not an object.
            if index < tokens.count, tokens[index] == .punctuation("(") { return index }
            if parts.count == 1, ["LATERAL", "TABLE"].contains(tokens[nameStart].upperWord ?? "") { return index }
            let isCommonTableExpression = parts.count == 1 && cteNames.contains(parts[0])
            if !isCommonTableExpression, parts.count <= 3 {
                let padded = Array(repeating: "", count: 3 - parts.count) + parts
                found.append((padded[0], padded[1], padded[2]))
            }
            // An alias, then maybe a comma and another object.
            if index < tokens.count, tokens[index].upperWord == "AS" { index += 1 }
            if index < tokens.count, let word = tokens[index].upperWord, !keywords.contains(word) { index += 1 }
            else if index < tokens.count, case .quoted = tokens[index] { index += 1 }
            guard index < tokens.count, tokens[index] == .punctuation(",") else { return index }
            index += 1
        }
        return index
    }

    /// The canonical parts of a dotted name starting at `index`, and the index after it.
    private static func qualifiedName(_ tokens: [SQLToken], at start: Int) -> ([String], Int)? {
        var parts: [String] = []
        var index = start
        while index < tokens.count {
            switch tokens[index] {
            case .word(let word):
                if parts.isEmpty, keywords.contains(word.uppercased()) && !["TABLE", "LATERAL"].contains(word.uppercased()) { return nil }
                parts.append(word.uppercased())
            case .quoted(let text): parts.append(text)
            default: return nil
            }
            index += 1
            guard index < tokens.count, tokens[index] == .punctuation(".") else { break }
            index += 1
        }
        return parts.isEmpty ? nil : (parts, index)
    }

    /// Names defined by `WITH name AS (` or `WITH name (columns) AS (`.
    private static func commonTableExpressionNames(_ tokens: [SQLToken]) -> Set<String> {
        var names: Set<String> = []
        for index in tokens.indices {
            let name: String
            switch tokens[index] {
            case .word(let word) where !keywords.contains(word.uppercased()): name = word.uppercased()
            case .quoted(let text): name = text
            default: continue
            }
            var next = index + 1
            if next < tokens.count, tokens[next] == .punctuation("(") {
                var depth = 0
                while next < tokens.count {
                    if tokens[next] == .punctuation("(") { depth += 1 }
                    if tokens[next] == .punctuation(")") { depth -= 1; if depth == 0 { break } }
                    next += 1
                }
                next += 1
            }
            if next + 1 < tokens.count, tokens[next].upperWord == "AS", tokens[next + 1] == .punctuation("(") { names.insert(name) }
        }
        return names
    }

    /// The single source's columns when the query is exactly `SELECT * FROM <object>`.
    private static func starColumns(
        _ tokens: [SQLToken], sources: [(database: String, schema: String, name: String)], context: StoreContext
    ) throws -> [JSONValue]? {
        var tokens = tokens
        if tokens.last == .punctuation(";") { tokens.removeLast() }
        guard sources.count == 1, tokens.count >= 4, tokens[0].upperWord == "SELECT", tokens[1] == .punctuation("*"),
            tokens[2].upperWord == "FROM", qualifiedName(tokens, at: 3)?.1 == tokens.count
        else { return nil }
        let source = sources[0]
        let database = source.database.isEmpty ? context.container.database : source.database
        let schema = source.schema.isEmpty ? context.container.schema : source.schema
        guard let found = try object(database: database, schema: schema, name: source.name, context: context),
            case .object(let body)? = try? WireCoding.sharedDecoder.decode(JSONValue.self, from: Data(found.body.utf8)),
            case .array(let columns)? = body["columns"]
        else { return nil }
        return columns
    }

    /// Words that end a name or an alias, or start a subquery.
    static let keywords: Set<String> = [
        "SELECT", "FROM", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL", "ASOF", "ON", "USING", "WHERE",
        "GROUP", "ORDER", "HAVING", "QUALIFY", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT", "MINUS", "AS", "IN",
        "EXISTS", "NOT", "AND", "OR", "ANY", "ALL", "SOME", "WITH", "RECURSIVE", "LATERAL", "TABLE", "SAMPLE", "TABLESAMPLE",
        "PIVOT", "UNPIVOT", "MATCH_RECOGNIZE", "AT", "BEFORE", "CHANGES", "CONNECT", "START", "WINDOW", "VALUES", "DISTINCT",
        "CASE", "WHEN", "THEN", "ELSE", "END", "IS", "NULL", "LIKE", "ILIKE", "BETWEEN", "BY",
    ]
}

/// A lexical token of SQL, as much as ``TableLikeRules`` needs: words, quoted identifiers and
/// punctuation; string literals, numbers and comments are dropped.
enum SQLToken: Equatable {
    case word(String)
    case quoted(String)
    case punctuation(Character)

    var upperWord: String? {
        if case .word(let word) = self { return word.uppercased() }
        return nil
    }
}

struct SQLTokens {
    var tokens: [SQLToken] = []

    init(_ text: String) {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                index += 2
                while index + 1 < characters.count, !(characters[index] == "*" && characters[index + 1] == "/") { index += 1 }
                index += 2
            } else if character == "'" || character == "$" && index + 1 < characters.count && characters[index + 1] == "$" {
                let dollar = character == "$"
                index += dollar ? 2 : 1
                while index < characters.count {
                    if dollar, characters[index] == "$", index + 1 < characters.count, characters[index + 1] == "$" { index += 2; break }
                    if !dollar, characters[index] == "\\" { index += 2; continue }
                    if !dollar, characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" { index += 2; continue }
                        index += 1
                        break
                    }
                    index += 1
                }
            } else if character == "\"" {
                var text = ""
                index += 1
                while index < characters.count {
                    if characters[index] == "\"" {
                        if index + 1 < characters.count, characters[index + 1] == "\"" { text.append("\""); index += 2; continue }
                        index += 1
                        break
                    }
                    text.append(characters[index])
                    index += 1
                }
                tokens.append(.quoted(text))
            } else if character.isLetter || character == "_" {
                var word = ""
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" || characters[index] == "$" {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(.word(word))
            } else if character.isNumber {
                while index < characters.count, characters[index].isNumber || characters[index] == "." || characters[index].isLetter { index += 1 }
                tokens.append(.punctuation("0"))
            } else {
                tokens.append(.punctuation(character))
                index += 1
            }
        }
    }
}
