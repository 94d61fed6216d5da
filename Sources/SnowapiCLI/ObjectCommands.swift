import ArgumentParser
import Foundation
import SnowflakeCore

/// `snowapi object ...`: manage objects of any supported family, as the Snowflake CLI does.
struct ObjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "object",
        abstract: "List, describe, create, drop and act on objects of any supported type.",
        discussion: "Types: \(ResourceFamilies.all.map { $0.descriptor.family }.joined(separator: ", ")).",
        subcommands: [
            ObjectListCommand.self, ObjectDescribeCommand.self, ObjectCreateCommand.self, ObjectDropCommand.self,
            ObjectResumeCommand.self, ObjectSuspendCommand.self, ObjectExecuteCommand.self, ObjectUndropCommand.self,
        ])
}

/// The object type and where it lives.
struct ObjectTarget: ParsableArguments {
    @Argument(help: "The object type (database, schema, task, user, warehouse, role, ...; see `snowapi object --help`).")
    var type: String

    @Option(help: "The database (for schema- and database-level types).")
    var database: String?

    @Option(help: "The schema (for schema-level types).")
    var schema: String?

    /// The family the type names.
    func family() throws -> any ResourceFamily.Type {
        guard let family = ResourceFamilies.named(type) else {
            throw ValidationError("Unknown object type '\(type)'. Known types: \(ResourceFamilies.all.map { $0.descriptor.family }.joined(separator: ", ")).")
        }
        return family
    }

    /// Resolves the family and its container, then runs `body` with a root for the connection;
    /// failures are reported as one paragraph with a distinct exit code.
    func perform(
        _ connection: ConnectionOptions, asking asked: (ResourceDescriptor) -> String,
        _ body: (Root, any ResourceFamily.Type, ContainerPath) async throws -> Void
    ) async throws {
        let family = try family()
        let container = try container(for: family)
        try await reportingFailures(asked(family.descriptor)) {
            try await body(try Root(try connection.configuration()), family, container)
        }
    }

    /// The container, checked against the family's scope.
    func container(for family: any ResourceFamily.Type) throws -> ContainerPath {
        switch family.scope {
        case .account:
            return .account
        case .database:
            guard let database else { throw ValidationError("A \(family.descriptor.family) lives in a database: give --database.") }
            return ContainerPath(database: database)
        case .schema:
            guard let database, let schema else {
                throw ValidationError("A \(family.descriptor.family) lives in a schema: give --database and --schema.")
            }
            return ContainerPath(database: database, schema: schema)
        }
    }
}

/// `table` for people, `json` (the wire model) for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

struct ObjectListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List objects of a type.",
        discussion: """
            Examples:
              snowapi object list database --like 'test%'
              snowapi object list task --database my_db --schema public --format json
            """)

    @OptionGroup var target: ObjectTarget
    @Option(help: "Case-insensitive SQL pattern for names (% any run, _ one character).") var like: String?
    @Option(name: .customLong("starts-with"), help: "Case-sensitive name prefix.") var startsWith: String?
    @Option(help: "At most this many objects (1 to 10000).") var limit: Int?
    @Option(help: "table or json.") var format: OutputFormat = .table
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let family = try target.family()
        var options = ListOptions(like: like)
        if let startsWith {
            guard family.descriptor.listFilters.contains(.startsWith) else { throw ValidationError("\(family.descriptor.family) listings take no --starts-with.") }
            options.startsWith = startsWith
        }
        if let limit {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000.") }
            options.showLimit = limit
        }
        try await target.perform(connection, asking: { "listing \($0.collectionPath)" }) { root, family, container in
            let objects = try await root.listObjects(family, in: container, options: options)
            Output.print(objects, columns: family.descriptor.columns, format: format)
        }
    }
}

struct ObjectDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "Show one object.",
        discussion: """
            Example:
              snowapi object describe task task1 --database my_db --schema public
            """)

    @OptionGroup var target: ObjectTarget
    @Argument(help: "The object's name.") var name: String
    @Option(help: "table or json.") var format: OutputFormat = .table
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await target.perform(connection, asking: { "describing \($0.family) \(name)" }) { root, family, container in
            Output.describe(try await root.describeObject(family, in: container, name: name), format: format)
        }
    }
}

struct ObjectCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an object from key=value pairs or a JSON definition.",
        discussion: """
            Values true/false become booleans and whole numbers integers; use --json for nested fields.

            Examples:
              snowapi object create database name=sales comment='numbers'
              snowapi object create task --database my_db --schema public --json task.json --mode or-replace
            """)

    @OptionGroup var target: ObjectTarget
    @Argument(help: "Fields as key=value (name=x comment=y).") var fields: [String] = []
    @Option(help: "A JSON definition in a file, or - for standard input.") var json: String?
    @Option(help: "error-if-exists, or-replace or if-not-exists.") var mode: CreateModeOption = .errorIfExists
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let definition = try Self.definition(fields: fields, json: json)
        try await target.perform(connection, asking: { "creating a \($0.family)" }) { root, family, container in
            let name = try await root.createObject(family, in: container, definition: definition, mode: mode.createMode)
            Console.write("\(family.descriptor.objectKind) \(name) created.")
        }
    }

    static func definition(fields: [String], json: String?) throws -> Data {
        if let json {
            guard fields.isEmpty else { throw ValidationError("Give either key=value fields or --json, not both.") }
            let data = json == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: json)
            guard let data else { throw ValidationError("Cannot read \(json).") }
            return data
        }
        guard !fields.isEmpty else { throw ValidationError("Give the object's fields as key=value (at least name=...) or --json FILE.") }
        var object: [String: JSONValue] = [:]
        for field in fields {
            guard let equals = field.firstIndex(of: "="), equals != field.startIndex else {
                throw ValidationError("'\(field)' is not key=value.")
            }
            let key = String(field[..<equals])
            let value = String(field[field.index(after: equals)...])
            if value == "true" || value == "false" {
                object[key] = .bool(value == "true")
            } else if let number = Int64(value) {
                object[key] = .integer(number)
            } else {
                object[key] = .string(value)
            }
        }
        return try JSONEncoder().encode(object)
    }
}

/// `--mode` spelled as the Snowflake CLI spells it.
enum CreateModeOption: String, ExpressibleByArgument, CaseIterable {
    case errorIfExists = "error-if-exists"
    case orReplace = "or-replace"
    case ifNotExists = "if-not-exists"

    var createMode: CreateMode {
        switch self {
        case .errorIfExists: .errorIfExists
        case .orReplace: .orReplace
        case .ifNotExists: .ifNotExists
        }
    }
}

struct ObjectDropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop", abstract: "Drop an object.",
        discussion: """
            Example:
              snowapi object drop database sales --if-exists
            """)

    @OptionGroup var target: ObjectTarget
    @Argument(help: "The object's name.") var name: String
    @Flag(name: .customLong("if-exists"), help: "Succeed when the object does not exist.") var ifExists = false
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await target.perform(connection, asking: { "dropping \($0.family) \(name)" }) { root, family, container in
            try await root.dropObject(family, in: container, name: name, ifExists: ifExists)
            Console.write("\(family.descriptor.objectKind) \(name) dropped.")
        }
    }
}

/// The family actions as subcommands (`snowapi object resume task t1 ...`).
struct ObjectResumeCommand: AsyncParsableCommand {
    static let configuration = ObjectActionArguments.configuration("resume", "Resume an object (tasks).")
    @OptionGroup var action: ObjectActionArguments
    func run() async throws { try await action.perform("resume") }
}

struct ObjectSuspendCommand: AsyncParsableCommand {
    static let configuration = ObjectActionArguments.configuration("suspend", "Suspend an object (tasks).")
    @OptionGroup var action: ObjectActionArguments
    func run() async throws { try await action.perform("suspend") }
}

struct ObjectExecuteCommand: AsyncParsableCommand {
    static let configuration = ObjectActionArguments.configuration("execute", "Execute an object now (tasks).")
    @OptionGroup var action: ObjectActionArguments
    func run() async throws { try await action.perform("execute") }
}

struct ObjectUndropCommand: AsyncParsableCommand {
    static let configuration = ObjectActionArguments.configuration(
        "undrop", "Restore the most recently dropped object of a name (databases, schemas).")
    @OptionGroup var action: ObjectActionArguments
    func run() async throws { try await action.perform("undrop") }
}

/// What every action takes: the type, where it lives, the name, the connection.
struct ObjectActionArguments: ParsableArguments {
    @OptionGroup var target: ObjectTarget
    @Argument(help: "The object's name.") var name: String
    @OptionGroup var connection: ConnectionOptions

    static func configuration(_ verb: String, _ summary: String) -> CommandConfiguration {
        CommandConfiguration(
            commandName: verb, abstract: summary,
            discussion: "Example:\n  snowapi object \(verb) task task1 --database my_db --schema public")
    }

    func perform(_ verb: String) async throws {
        let family = try target.family()
        guard Root.actions(of: family).contains(verb) else {
            throw ValidationError("A \(family.descriptor.family) has no action \(verb); its actions: \(Root.actions(of: family).joined(separator: ", ")).")
        }
        try await target.perform(connection, asking: { "\(verb) \($0.family) \(name)" }) { root, family, container in
            try await root.performAction(verb, on: family, in: container, name: name)
            Console.write("\(family.descriptor.objectKind) \(name): \(verb) done.")
        }
    }
}

/// Renders objects for people (a table) or scripts (JSON).
enum Output {
    static let widest = 40

    static func print(_ objects: [[String: JSONValue]], columns: [String], format: OutputFormat) {
        switch format {
        case .json:
            Console.write(json(.array(objects.map(JSONValue.object))))
        case .table:
            let rows = objects.map { object in columns.map { cell(object[$0]) } }
            let widths = columns.indices.map { index in ([columns[index]] + rows.map { $0[index] }).map(\.count).max() ?? 0 }
            func line(_ cells: [String]) -> String {
                zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            }
            Console.write(line(columns))
            Console.write(line(widths.map { String(repeating: "-", count: $0) }))
            for row in rows { Console.write(line(row)) }
        }
    }

    static func describe(_ object: [String: JSONValue], format: OutputFormat) {
        switch format {
        case .json:
            Console.write(json(.object(object)))
        case .table:
            let width = object.keys.map(\.count).max() ?? 0
            for key in object.keys.sorted() {
                Console.write(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + cell(object[key], cut: false))
            }
        }
    }

    static func cell(_ value: JSONValue?, cut: Bool = true) -> String {
        let text: String
        switch value {
        case nil, .null?: text = ""
        case .string(let string)?: text = string
        case .bool(let flag)?: text = String(flag)
        case .integer(let number)?: text = String(number)
        case .double(let number)?: text = String(number)
        case .array(let values)?: text = values.map { cell($0, cut: false) }.joined(separator: ", ")
        case .object?: text = json(value!)
        }
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return cut && flat.count > widest ? String(flat.prefix(widest - 1)) + "…" : flat
    }

    static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
