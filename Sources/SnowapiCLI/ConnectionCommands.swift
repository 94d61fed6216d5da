import ArgumentParser
import Foundation
import SnowflakeCore

/// `snowapi connection ...`: the connections of connections.toml.
struct ConnectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connection", abstract: "List and test connections from connections.toml.",
        subcommands: [ConnectionListCommand.self, ConnectionTestCommand.self])
}

struct ConnectionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the defined connections; * marks the default.")

    func run() async throws {
        try await reportingFailures("listing connections") {
            let environment = ProcessInfo.processInfo.environment
            let names = try ConnectionConfiguration.connectionNames(environment: environment)
            let defaultName = try ConnectionConfiguration.defaultConnectionName(environment: environment)
            for name in names {
                let configuration = try? ConnectionConfiguration.fromConnectionsFile(named: name, environment: environment)
                let marker = name == defaultName ? "*" : " "
                Console.write("\(marker) \(name)  \(configuration.map { "\($0.credentials.authenticator) \($0.user ?? "") @ \($0.resolvedHost ?? "")" } ?? "(incomplete)")")
            }
        }
    }
}

struct ConnectionTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Connect and make one call.",
        discussion: """
            Examples:
              snowapi connection test --connection prod
              snowapi connection test --emulator http://127.0.0.1:8080 --token "$TOKEN"
            """)

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await reportingFailures("testing the connection") {
            let configuration = try connection.configuration()
            let root = try Root(configuration)
            _ = try await root.listObjects(DatabaseModel.self, in: .account, options: ListOptions(showLimit: 1))
            await root.close()
            Console.write("Connected to \(try configuration.baseURL()) as \(configuration.user ?? "(token user)") with \(configuration.credentials.authenticator).")
        }
    }
}
