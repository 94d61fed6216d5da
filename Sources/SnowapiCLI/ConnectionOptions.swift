import ArgumentParser
import Foundation
import SnowflakeCore

/// How a command connects: a named connection from `connections.toml` (the default connection
/// when none is named), with overrides, or `--emulator URL` for a local emulator.
struct ConnectionOptions: ParsableArguments {
    @Option(name: [.customLong("connection"), .customShort("c")], help: "A connection from connections.toml (default: the default connection).")
    var connection: String?

    @Option(help: "Account identifier (overrides the connection's).")
    var account: String?

    @Option(help: "User name (overrides the connection's).")
    var user: String?

    @Option(help: "Host (overrides the connection's).")
    var host: String?

    @Option(help: "Port (overrides the connection's).")
    var port: Int?

    @Option(name: .customLong("protocol"), help: "https or http (overrides the connection's).")
    var scheme: String?

    @Option(help: "Role to act as (overrides the connection's).")
    var role: String?

    @Option(help: "Warehouse (overrides the connection's).")
    var warehouse: String?

    @Option(help: "Authenticator: SNOWFLAKE, SNOWFLAKE_JWT, PROGRAMMATIC_ACCESS_TOKEN or OAUTH.")
    var authenticator: String?

    @Option(name: .customLong("private-key-file"), help: "Private key file for SNOWFLAKE_JWT.")
    var privateKeyFile: String?

    @Option(help: "A local emulator's URL (such as http://127.0.0.1:8080); its token comes from --token or SNOWAPI_TOKEN.")
    var emulator: String?

    @Option(help: "Token for --emulator, PROGRAMMATIC_ACCESS_TOKEN or OAUTH (better: SNOWAPI_TOKEN or the connection file).")
    var token: String?

    /// The configuration these options describe.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConnectionConfiguration {
        if let emulator {
            guard let token = token ?? environment["SNOWAPI_TOKEN"] else {
                throw ValidationError("--emulator needs a token: give --token or set SNOWAPI_TOKEN (snowapi emulator prints one).")
            }
            var configuration = try ConnectionConfiguration.emulator(url: emulator, token: token, user: user)
            configuration.account = account ?? "emulator"
            configuration.role = role
            return configuration
        }
        var overrides: [String: String] = [:]
        for (key, value) in [
            ("account", account), ("user", user), ("host", host), ("port", port.map(String.init)), ("protocol", scheme),
            ("role", role), ("warehouse", warehouse), ("authenticator", authenticator), ("private_key_file", privateKeyFile),
            ("token", token),
        ] {
            if let value { overrides[key] = value }
        }
        return try ConnectionConfiguration.fromConnectionsFile(named: connection, overrides: overrides, environment: environment)
    }
}
