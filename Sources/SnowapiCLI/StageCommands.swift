import ArgumentParser
import Foundation
import SnowflakeCore

/// `snowapi stage ...`: move files to and from internal stages and list them, as `PUT`, `GET`
/// and `LIST` do.
struct StageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage", abstract: "Put files on an internal stage, get them back, and list them.",
        discussion: """
            put and get run PUT and GET statements in a connector session, so they need the user
            (--user, or the connection's), also with --emulator.
            """,
        subcommands: [StagePutCommand.self, StageGetCommand.self, StageListFilesCommand.self])
}

/// A stage and where it lives.
struct StageTarget: ParsableArguments {
    @Option(help: "The stage's database.") var database: String
    @Option(help: "The stage's schema.") var schema: String = "public"

    /// Runs `body` with the stage's reference; failures are reported as one paragraph.
    func perform(_ name: String, _ connection: ConnectionOptions, asking asked: String, _ body: (StageResource) async throws -> Void) async throws {
        let configuration = try connection.configuration()
        try await reportingFailures(asked) {
            let root = try Root(configuration)
            do {
                try await body(root.databases[database].schemas[schema].stages[name])
            } catch {
                await root.close()
                throw error
            }
            await root.close()  // ends the connector session PUT and GET opened
        }
    }
}

/// Rows of results, through the object output.
private func printRows(_ rows: some Encodable, columns: [String], format: OutputFormat) throws {
    let value = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(rows))
    guard case .array(let items) = value else { return }
    Output.print(items.compactMap { if case .object(let fields) = $0 { fields } else { nil } }, columns: columns, format: format)
}

struct StagePutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Upload local files to a folder of a stage (PUT).",
        discussion: """
            Example:
              snowapi stage put 'exports/*.csv' landing --folder /daily --database my_db
            """)

    @Argument(help: "A local file; its last part may hold * and ? wildcards.") var localFile: String
    @Argument(help: "The stage's name.") var stage: String
    @Option(help: "The folder in the stage.") var folder: String = "/"
    @OptionGroup var target: StageTarget
    @Option(help: "How many files move at once.") var parallel: Int = 4
    @Flag(name: .customLong("no-auto-compress"), help: "Keep files as they are instead of gzipping them.") var noAutoCompress = false
    @Flag(help: "Replace files that exist.") var overwrite = false
    @Option(help: "table or json.") var format: OutputFormat = .table
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await target.perform(stage, connection, asking: "putting \(localFile) on stage \(stage)") { stage in
            let results = try await stage.put(localFile, folder, parallel: parallel, autoCompress: !noAutoCompress, overwrite: overwrite)
            try printRows(results, columns: ["source", "target", "source_size", "target_size", "target_compression", "status"], format: format)
        }
    }
}

struct StageGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Download a stage's files under a path into a local directory (GET).",
        discussion: """
            Example:
              snowapi stage get landing ./out --path /daily --pattern '.*[.]csv[.]gz' --database my_db
            """)

    @Argument(help: "The stage's name.") var stage: String
    @Argument(help: "The local directory (created if needed).") var directory: String
    @Option(help: "A file, or a prefix such as a folder, in the stage.") var path: String = "/"
    @Option(help: "A regular expression the whole name (stage/path) must match.") var pattern: String?
    @OptionGroup var target: StageTarget
    @Option(help: "How many files move at once.") var parallel: Int = 4
    @Option(help: "table or json.") var format: OutputFormat = .table
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await target.perform(stage, connection, asking: "getting files of stage \(stage)") { stage in
            let results = try await stage.get(path, directory, parallel: parallel, pattern: pattern)
            try printRows(results, columns: ["file", "size", "status", "local_path"], format: format)
        }
    }
}

struct StageListFilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-files", abstract: "List a stage's files (LIST).",
        discussion: """
            Example:
              snowapi stage list-files landing --pattern '.*daily.*' --database my_db
            """)

    @Argument(help: "The stage's name.") var stage: String
    @Option(help: "A regular expression the whole name (stage/path) must match.") var pattern: String?
    @OptionGroup var target: StageTarget
    @Option(help: "table or json.") var format: OutputFormat = .table
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await target.perform(stage, connection, asking: "listing the files of stage \(stage)") { stage in
            try printRows(try await stage.listFiles(pattern: pattern), columns: ["name", "size", "md5", "last_modified"], format: format)
        }
    }
}
