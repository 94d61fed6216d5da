import Foundation
import TOMLKit

extension ConnectionConfiguration {
    /// The keys a connection may have, as `connections.toml` spells them.
    public static let knownKeys: [String] = [
        "account", "user", "password", "host", "port", "protocol", "role", "warehouse", "database", "schema",
        "authenticator", "token", "token_file_path", "private_key_file", "private_key_path", "private_key_raw",
        "private_key_file_pwd", "private_key_passphrase",
    ]

    /// Loads a connection by name the way Snowflake's own tools do.
    ///
    /// - The files live in `$SNOWFLAKE_HOME`, else `~/.snowflake` when it exists, else the
    ///   platform's configuration folder (`~/.config/snowflake` on Linux,
    ///   `~/Library/Application Support/snowflake` on macOS).
    /// - Connections come from `connections.toml` (one table per connection) when it exists,
    ///   else from the `[connections.<name>]` tables of `config.toml`. A file that others can read
    ///   is refused, as the Snowflake CLI refuses it.
    /// - Without a name: `SNOWFLAKE_DEFAULT_CONNECTION_NAME`, else `default_connection_name` in
    ///   `config.toml`, else `default`.
    /// - Precedence, highest first: `overrides` (command-line flags), then
    ///   `SNOWFLAKE_CONNECTIONS_<NAME>_<KEY>`, then the file, then `SNOWFLAKE_<KEY>`.
    ///
    /// ```swift
    /// let root = try Root(.fromConnectionsFile(named: "prod"))
    /// ```
    /// - Throws: ``SnowflakeError`` with code `invalidConfiguration`, naming the file, the
    ///   connection and the key at fault.
    public static func fromConnectionsFile(
        named name: String? = nil, overrides: [String: String] = [:],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ConnectionConfiguration {
        let files = try ConnectionsFiles(environment: environment)
        let connection = name ?? files.defaultConnectionName
        var values: [String: String] = [:]
        for key in knownKeys {
            if let value = environment["SNOWFLAKE_\(key.uppercased())"] { values[key] = value }
        }
        let fromFile = try files.connection(named: connection)
        let fromEnvironment = Self.connectionEnvironment(connection, environment: environment)
        guard fromFile != nil || !fromEnvironment.isEmpty || !overrides.isEmpty else {
            throw files.unknownConnection(connection)
        }
        values.merge(fromFile ?? [:]) { _, file in file }
        values.merge(fromEnvironment) { _, env in env }
        values.merge(overrides) { _, flag in flag }
        if let passphrase = environment["PRIVATE_KEY_PASSPHRASE"] { values["private_key_passphrase"] = passphrase }
        return try ConnectionConfiguration(values: values, connection: connection, source: files.connectionsSource)
    }

    /// The connection used when none is named: `SNOWFLAKE_DEFAULT_CONNECTION_NAME`, else
    /// `default_connection_name` in `config.toml`, else `default`.
    public static func defaultConnectionName(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try ConnectionsFiles(environment: environment).defaultConnectionName
    }

    /// The names of the connections defined in the connections file, sorted.
    public static func connectionNames(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String] {
        try ConnectionsFiles(environment: environment).connectionNames()
    }

    /// `SNOWFLAKE_CONNECTIONS_<NAME>_<KEY>` values for one connection; keys are matched longest
    /// first, so names may contain underscores.
    static func connectionEnvironment(_ connection: String, environment: [String: String]) -> [String: String] {
        let prefix = "SNOWFLAKE_CONNECTIONS_"
        let keys = knownKeys.sorted { $0.count > $1.count }
        var values: [String: String] = [:]
        for (variable, value) in environment where variable.hasPrefix(prefix) {
            let rest = variable.dropFirst(prefix.count)
            guard let key = keys.first(where: { rest.hasSuffix("_" + $0.uppercased()) }) else { continue }
            let name = rest.dropLast(key.count + 1)
            if name.lowercased() == connection.lowercased() { values[key] = value }
        }
        return values
    }

    /// A configuration from a connection's key/value pairs.
    init(values: [String: String], connection: String, source: String) throws {
        func missing(_ key: String, _ why: String) -> SnowflakeError {
            SnowflakeError(code: .invalidConfiguration, detail: "connection '\(connection)' in \(source) has no '\(key)': \(why)")
        }
        func value(_ key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }
        guard value("account") != nil || value("host") != nil else {
            throw missing("account", "give the account identifier (or a host)")
        }
        var port: Int?
        if let text = value("port") {
            guard let number = Int(text), (1...65_535).contains(number) else {
                throw SnowflakeError(
                    code: .invalidConfiguration, detail: "connection '\(connection)' in \(source): 'port' must be a port number, not '\(text)'")
            }
            port = number
        }
        let scheme = (value("protocol") ?? "https").lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw SnowflakeError(
                code: .invalidConfiguration, detail: "connection '\(connection)' in \(source): 'protocol' must be https or http, not '\(scheme)'")
        }
        let authenticator = (value("authenticator") ?? "SNOWFLAKE").uppercased()
        let credentials: Credentials
        switch authenticator {
        case "PROGRAMMATIC_ACCESS_TOKEN", "OAUTH":
            var token = value("token")
            if token == nil, let path = value("token_file_path") {
                let expanded = (path as NSString).expandingTildeInPath
                guard let text = try? String(contentsOfFile: expanded, encoding: .utf8) else {
                    throw SnowflakeError(
                        code: .invalidConfiguration, detail: "connection '\(connection)' in \(source): cannot read token_file_path \(expanded)")
                }
                token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard let token else { throw missing("token", "the \(authenticator) authenticator needs a token") }
            credentials = authenticator == "OAUTH" ? .oauth(token) : .programmaticAccessToken(token)
        case "SNOWFLAKE_JWT":
            guard value("user") != nil else { throw missing("user", "key-pair authentication needs the user") }
            let passphrase = value("private_key_passphrase") ?? value("private_key_file_pwd")
            if let raw = value("private_key_raw") {
                credentials = try .keyPair(privateKeyPEM: raw, passphrase: passphrase)
            } else if let path = value("private_key_file") ?? value("private_key_path") {
                credentials = try .keyPair(privateKeyFile: path, passphrase: passphrase)
            } else {
                throw missing("private_key_file", "key-pair authentication needs a private key")
            }
        case "SNOWFLAKE":
            guard value("user") != nil else { throw missing("user", "password authentication needs the user") }
            guard let password = value("password") else { throw missing("password", "password authentication needs the password") }
            credentials = .password(password)
        default:
            throw SnowflakeError(
                code: .invalidConfiguration,
                detail: "connection '\(connection)' in \(source): authenticator '\(authenticator)' is not supported; use SNOWFLAKE (password), SNOWFLAKE_JWT, PROGRAMMATIC_ACCESS_TOKEN or OAUTH")
        }
        self.init(
            account: value("account"), user: value("user"), host: value("host"), port: port, scheme: scheme,
            role: value("role"), warehouse: value("warehouse"), database: value("database"), schema: value("schema"),
            credentials: credentials)
    }
}

/// The configuration folder and its two files, read once.
struct ConnectionsFiles {
    let directory: String
    private let config: [String: ConfigValue]?
    private let connections: [String: ConfigValue]?
    /// The file connections come from (for messages).
    let connectionsSource: String
    private let environment: [String: String]

    init(environment: [String: String]) throws {
        self.environment = environment
        directory = Self.directory(environment: environment)
        let configPath = (directory as NSString).appendingPathComponent("config.toml")
        let connectionsPath = (directory as NSString).appendingPathComponent("connections.toml")
        config = try Self.read(configPath)
        if let table = try Self.read(connectionsPath) {
            try Self.checkPermissions(connectionsPath)
            connections = table
            connectionsSource = connectionsPath
        } else if let section = config?["connections"] {
            guard case .table(let table) = section else {
                throw SnowflakeError(code: .invalidConfiguration, detail: "\(configPath): 'connections' must be a table of connections")
            }
            try Self.checkPermissions(configPath)
            connections = table
            connectionsSource = configPath
        } else {
            connections = nil
            connectionsSource = connectionsPath
        }
    }

    /// The connection used when none is named.
    var defaultConnectionName: String {
        environment["SNOWFLAKE_DEFAULT_CONNECTION_NAME"] ?? config?["default_connection_name"]?.text ?? "default"
    }

    func connectionNames() -> [String] {
        (connections ?? [:]).filter { if case .table = $0.value { true } else { false } }.keys.sorted()
    }

    /// A connection's keys as strings; nil when the file does not define it.
    func connection(named name: String) throws -> [String: String]? {
        guard let entry = connections?[name] else { return nil }
        guard case .table(let table) = entry else {
            throw SnowflakeError(code: .invalidConfiguration, detail: "\(connectionsSource): '\(name)' must be a table of connection keys")
        }
        var values: [String: String] = [:]
        for (key, value) in table {
            if let text = value.text {
                values[key] = text
            } else {
                throw SnowflakeError(
                    code: .invalidConfiguration, detail: "connection '\(name)' in \(connectionsSource): '\(key)' must be a string, number or boolean")
            }
        }
        return values
    }

    func unknownConnection(_ name: String) -> SnowflakeError {
        guard connections != nil else {
            return SnowflakeError(
                code: .invalidConfiguration,
                detail: "no connection '\(name)': there is no connections.toml or config.toml with connections in \(directory)")
        }
        let known = connectionNames()
        return SnowflakeError(
            code: .invalidConfiguration,
            detail: "no connection '\(name)' in \(connectionsSource)" + (known.isEmpty ? "" : "; it defines: \(known.joined(separator: ", "))"))
    }

    /// `$SNOWFLAKE_HOME`, else `~/.snowflake` when it exists, else the platform default.
    static func directory(environment: [String: String]) -> String {
        if let home = environment["SNOWFLAKE_HOME"], !home.isEmpty { return (home as NSString).expandingTildeInPath }
        let userHome = environment["HOME"] ?? NSHomeDirectory()
        let dotSnowflake = (userHome as NSString).appendingPathComponent(".snowflake")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: dotSnowflake, isDirectory: &isDirectory), isDirectory.boolValue { return dotSnowflake }
        #if os(macOS)
        return (userHome as NSString).appendingPathComponent("Library/Application Support/snowflake")
        #else
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (userHome as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("snowflake")
        #endif
    }

    private static func read(_ path: String) throws -> [String: ConfigValue]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SnowflakeError(code: .invalidConfiguration, detail: "cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return dictionary(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            throw SnowflakeError(
                code: .invalidConfiguration,
                detail: "\(path) is not valid TOML (line \(error.source.begin.line), column \(error.source.begin.column)): \(error.description)")
        }
    }

    /// Copies a parsed table into Swift values (TOMLKit's values live only as long as their
    /// parent table).
    private static func dictionary(_ table: TOMLTable) -> [String: ConfigValue] {
        var result: [String: ConfigValue] = [:]
        for key in table.keys {
            guard let value = table[key] else { continue }
            if let inner = value.table {
                result[key] = .table(dictionary(inner))
            } else if let text = value.string {
                result[key] = .scalar(text)
            } else if let number = value.int {
                result[key] = .scalar(String(number))
            } else if let flag = value.bool {
                result[key] = .scalar(String(flag))
            } else {
                result[key] = .other
            }
        }
        return result
    }

    /// Refuses a file that its group or others may read or write, as the Snowflake CLI does.
    private static func checkPermissions(_ path: String) throws {
        #if !os(Windows)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { return }
        if mode & 0o077 != 0 {
            throw SnowflakeError(
                code: .invalidConfiguration,
                detail: "\(path) is readable by others (permissions \(String(mode & 0o777, radix: 8))); it holds credentials, so run: chmod 0600 \(path)")
        }
        #endif
    }
}

/// A value of a configuration file, copied out of the TOML parser.
enum ConfigValue {
    case table([String: ConfigValue])
    case scalar(String)
    case other

    /// The value as text when it is a string, number or boolean.
    var text: String? {
        if case .scalar(let text) = self { return text }
        return nil
    }
}
