import ArgumentParser
import Foundation
import SnowflakeEmulator

/// `snowapi emulator`: serve a local emulator, or manage its tokens.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Serve a local Snowflake REST API v2 emulator, or issue tokens for its users.",
        subcommands: [EmulatorServeCommand.self, EmulatorTokenCommand.self],
        defaultSubcommand: EmulatorServeCommand.self)
}

/// `snowapi emulator [serve]`: serve a durable local emulator until interrupted.
struct EmulatorServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a local Snowflake REST API v2 emulator until interrupted (the default).",
        discussion: """
            Data lives in SQLite under --data-dir and survives restarts. A fresh data directory gets an administrator (owner role ACCOUNTADMIN). At every start the administrator gets a new programmatic access token, printed once below the address.

            Examples:
              snowapi emulator --port 8080 --data-dir ~/.snowapi/emulator
              curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v2/databases
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8080

    @Option(name: .customLong("data-dir"), help: "Where the emulator keeps its data; a temporary directory when omitted.")
    var dataDirectory: String?

    @Option(name: .customLong("admin-user"), help: "The administrator created with a fresh data directory.")
    var adminUser = "ADMIN"

    @Option(name: .customLong("admin-password"), help: "The administrator's password (for password logins).")
    var adminPassword: String?

    @Option(name: .customLong("record"), help: "Append every REST API v2 exchange to this file, one JSON object per line (passwords redacted).")
    var recordPath: String?

    func run() async throws {
        var configuration = EmulatorConfiguration(host: host, port: port, adminUser: adminUser, adminPassword: adminPassword)
        if let recordPath { configuration.trafficRecorder = try TrafficRecorder(path: (recordPath as NSString).expandingTildeInPath) }
        configuration.dataDirectory = dataDirectory.map { ($0 as NSString).expandingTildeInPath }
        try await Emulator.serve(configuration) { emulator in
            Console.write("""
                Snowflake emulator listening on \(emulator.baseURL)
                  data directory: \(emulator.dataDirectory)
                  user:           \(emulator.adminUser) (role ACCOUNTADMIN)
                  token:          \(emulator.adminToken)
                Send 'Authorization: Bearer <token>' with each request. Stop with Ctrl-C.
                """)
        }
    }
}

/// `snowapi emulator token --user NAME`: issue a programmatic access token.
struct EmulatorTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue a programmatic access token for a user of an emulator's data directory.",
        discussion: """
            Works whether or not the emulator is running. The token is printed once; the emulator keeps only its hash. A new token replaces the user's token of the same name.

            Example:
              snowapi emulator token --user alice --data-dir ~/.snowapi/emulator --days 30
            """)

    @Option(help: "The user the token is for.")
    var user: String

    @Option(name: .customLong("data-dir"), help: "The emulator's data directory.")
    var dataDirectory: String

    @Option(help: "The token's name.")
    var name = "SNOWAPI_CLI"

    @Option(help: "Days until the token expires.")
    var days = 15

    func validate() throws {
        guard days > 0 else { throw ValidationError("--days must be at least 1.") }
    }

    func run() async throws {
        do {
            let token = try await Emulator.issueToken(
                dataDirectory: (dataDirectory as NSString).expandingTildeInPath, user: user, name: name,
                lifetime: TimeInterval(days) * 86_400)
            Console.write(token)
        } catch let failure as EmulatorFailure {
            throw ValidationError(failure.description)
        }
    }
}
