import Foundation
import SnowflakeCore
import SnowflakeTestSupport
import Testing

@Suite("Connections files")
struct ConnectionsFileTests {
    /// A fresh configuration folder with the given files (mode 0600 unless said).
    private func folder(_ files: [String: String], mode: Int = 0o600) throws -> String {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("snowflake-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
        return directory
    }

    private let connections = """
        [prod]
        account = "myorg-prod"
        user = "alice"
        authenticator = "programmatic_access_token"
        token = "pat-secret"
        role = "SYSADMIN"
        warehouse = "WH"
        database = "DB"
        schema = "SC"

        [local]
        host = "127.0.0.1"
        port = 8080
        protocol = "http"
        authenticator = "PROGRAMMATIC_ACCESS_TOKEN"
        token = "local-token"

        [my_conn]
        account = "acct"
        authenticator = "OAUTH"
        token = "oauth-token"
        user = "from_file"
        """

    @Test("a named connection gives every key")
    func namedConnection() throws {
        let home = try folder(["connections.toml": connections])
        let prod = try ConnectionConfiguration.fromConnectionsFile(named: "prod", environment: ["SNOWFLAKE_HOME": home])
        #expect(prod.account == "myorg-prod")
        #expect(prod.user == "alice")
        #expect(prod.role == "SYSADMIN")
        #expect(prod.warehouse == "WH")
        #expect(prod.database == "DB")
        #expect(prod.schema == "SC")
        #expect(prod.credentials.authenticator == "PROGRAMMATIC_ACCESS_TOKEN")
        #expect(try prod.baseURL() == "https://myorg-prod.snowflakecomputing.com:443")
        #expect(!prod.description.contains("pat-secret"))
        let local = try ConnectionConfiguration.fromConnectionsFile(named: "local", environment: ["SNOWFLAKE_HOME": home])
        #expect(try local.baseURL() == "http://127.0.0.1:8080")
        #expect(try ConnectionConfiguration.connectionNames(environment: ["SNOWFLAKE_HOME": home]) == ["local", "my_conn", "prod"])
    }

    @Test("the default connection: the environment, then config.toml, then 'default'")
    func defaultConnection() throws {
        let home = try folder([
            "connections.toml": connections + "\n[default]\nhost = \"d.example\"\ntoken = \"t\"\nauthenticator = \"OAUTH\"\n",
            "config.toml": "default_connection_name = \"local\"\n",
        ])
        #expect(try ConnectionConfiguration.fromConnectionsFile(environment: ["SNOWFLAKE_HOME": home]).host == "127.0.0.1")
        let fromEnvironment = try ConnectionConfiguration.fromConnectionsFile(
            environment: ["SNOWFLAKE_HOME": home, "SNOWFLAKE_DEFAULT_CONNECTION_NAME": "prod"])
        #expect(fromEnvironment.account == "myorg-prod")
        let plain = try folder(["connections.toml": "[default]\nhost = \"d.example\"\ntoken = \"t\"\nauthenticator = \"OAUTH\"\n"])
        #expect(try ConnectionConfiguration.fromConnectionsFile(environment: ["SNOWFLAKE_HOME": plain]).host == "d.example")
    }

    @Test("config.toml connections are used only without connections.toml")
    func configFileConnections() async throws {
        let config = "[connections.dev]\nhost = \"dev.example\"\nauthenticator = \"OAUTH\"\ntoken = \"t\"\n"
        let onlyConfig = try folder(["config.toml": config])
        #expect(try ConnectionConfiguration.fromConnectionsFile(named: "dev", environment: ["SNOWFLAKE_HOME": onlyConfig]).host == "dev.example")
        let both = try folder(["config.toml": config, "connections.toml": connections])
        let error = await capturedError { _ = try ConnectionConfiguration.fromConnectionsFile(named: "dev", environment: ["SNOWFLAKE_HOME": both]) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message?.contains("connections.toml") == true)
    }

    @Test("precedence: flags, then SNOWFLAKE_CONNECTIONS_<NAME>_<KEY>, then the file, then SNOWFLAKE_<KEY>")
    func precedence() throws {
        let home = try folder(["connections.toml": connections])
        var environment = ["SNOWFLAKE_HOME": home, "SNOWFLAKE_USER": "generic", "SNOWFLAKE_ROLE": "GENERIC_ROLE"]
        var configuration = try ConnectionConfiguration.fromConnectionsFile(named: "my_conn", environment: environment)
        #expect(configuration.user == "from_file")
        #expect(configuration.role == "GENERIC_ROLE")
        environment["SNOWFLAKE_CONNECTIONS_MY_CONN_USER"] = "from_env"
        environment["SNOWFLAKE_CONNECTIONS_MY_CONN_PRIVATE_KEY_FILE"] = "/nowhere"
        configuration = try ConnectionConfiguration.fromConnectionsFile(named: "my_conn", environment: environment)
        #expect(configuration.user == "from_env")
        configuration = try ConnectionConfiguration.fromConnectionsFile(named: "my_conn", overrides: ["user": "from_flag"], environment: environment)
        #expect(configuration.user == "from_flag")
    }

    @Test("the folder: SNOWFLAKE_HOME, else ~/.snowflake, else the platform's")
    func folderLookup() async throws {
        let home = try folder([:])
        let dotSnowflake = (home as NSString).appendingPathComponent(".snowflake")
        try FileManager.default.createDirectory(atPath: dotSnowflake, withIntermediateDirectories: true)
        let path = (dotSnowflake as NSString).appendingPathComponent("connections.toml")
        try connections.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try ConnectionConfiguration.fromConnectionsFile(named: "local", environment: ["HOME": home]).host == "127.0.0.1")
        let elsewhere = try folder([:])
        let error = await capturedError { _ = try ConnectionConfiguration.fromConnectionsFile(named: "local", environment: ["HOME": elsewhere]) }
        #expect(error?.message?.contains((elsewhere as NSString).appendingPathComponent(".config/snowflake")) == true)
    }

    @Test("a connections file others can read is refused")
    func permissions() async throws {
        let home = try folder(["connections.toml": connections], mode: 0o644)
        let error = await capturedError { _ = try ConnectionConfiguration.fromConnectionsFile(named: "prod", environment: ["SNOWFLAKE_HOME": home]) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message?.contains("chmod 0600") == true)
        #expect(error?.message?.contains("connections.toml") == true)
    }

    @Test("errors name the file, the connection and the key", arguments: [
        ("[prod\naccount = 1", "prod", ["connections.toml", "line 1"]),
        ("[a]\nhost = \"h\"\nauthenticator = \"OAUTH\"\ntoken = \"t\"\n", "b", ["no connection 'b'", "connections.toml", "it defines: a"]),
        ("[a]\nuser = \"u\"\n", "a", ["connection 'a'", "'account'"]),
        ("[a]\nhost = \"h\"\nauthenticator = \"OAUTH\"\n", "a", ["connection 'a'", "'token'"]),
        ("[a]\nhost = \"h\"\nauthenticator = \"SNOWFLAKE_JWT\"\nuser = \"u\"\n", "a", ["connection 'a'", "'private_key_file'"]),
        ("[a]\nhost = \"h\"\nport = \"eighty\"\nauthenticator = \"OAUTH\"\ntoken = \"t\"\n", "a", ["'port'"]),
        ("[a]\nhost = \"h\"\nauthenticator = \"EXTERNALBROWSER\"\n", "a", ["EXTERNALBROWSER", "not supported"]),
    ])
    func errors(file: String, connection: String, fragments: [String]) async throws {
        let home = try folder(["connections.toml": file])
        let error = await capturedError { _ = try ConnectionConfiguration.fromConnectionsFile(named: connection, environment: ["SNOWFLAKE_HOME": home]) }
        #expect(error?.code == .invalidConfiguration)
        for fragment in fragments {
            #expect(error?.message?.contains(fragment) == true, "'\(fragment)' in: \(error?.message ?? "no error")")
        }
    }
}
