import Foundation
import SnowapiCLI
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

/// `snowapi connection ...` and connections by name, run as the real executable so that each
/// run has its own environment (`SNOWFLAKE_HOME`).
@Suite("snowapi connection")
struct ConnectionCommandTests {
    private func run(_ arguments: [String], home: String) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = EmulatorCommandTests.executable
        process.arguments = arguments
        process.environment = ["SNOWFLAKE_HOME": home, "PATH": "/usr/bin:/bin", "HOME": home]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    private func home(_ connections: String, config: String? = nil) throws -> String {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("snowapi-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in [("connections.toml", connections), ("config.toml", config)] {
            guard let text else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        return directory
    }

    @Test("list marks the default connection; test connects; objects work by connection name")
    func namedConnections() async throws {
        try await Emulator.withRunning(TestEmulator.configuration()) { emulator in
            let url = try #require(URLComponents(string: emulator.baseURL))
            let home = try home(
                """
                [emu]
                host = "127.0.0.1"
                port = \(url.port ?? 0)
                protocol = "http"
                account = "emulator"
                user = "ADMIN"
                authenticator = "PROGRAMMATIC_ACCESS_TOKEN"
                token = "\(emulator.adminToken)"

                [other]
                account = "someone-else"
                authenticator = "OAUTH"
                token = "t"
                """, config: "default_connection_name = \"emu\"\n")
            defer { try? FileManager.default.removeItem(atPath: home) }
            let listed = try run(["connection", "list"], home: home)
            #expect(listed.status == 0)
            #expect(listed.output.contains("* emu  PROGRAMMATIC_ACCESS_TOKEN ADMIN @ 127.0.0.1"))
            #expect(listed.output.contains("  other  OAUTH"))
            #expect(!listed.output.contains(emulator.adminToken))
            let tested = try run(["connection", "test"], home: home)
            #expect(tested.status == 0)
            #expect(tested.output.hasPrefix("Connected to \(emulator.baseURL) as ADMIN"))
            #expect(try run(["object", "create", "database", "name=by_name", "--connection", "emu"], home: home).status == 0)
            let objects = try run(["object", "list", "database"], home: home)
            #expect(objects.output.contains("BY_NAME"))
            let unknown = try run(["object", "list", "database", "--connection", "nope"], home: home)
            #expect(unknown.status == 7)
            #expect(unknown.errors.contains("no connection 'nope'"))
        }
    }

    @Test("a refused request that is neither missing, conflicting nor unauthorized exits with 1")
    func badRequestExitCode() async throws {
        try await Emulator.withRunning(TestEmulator.configuration()) { emulator in
            let connection = ["--emulator", emulator.baseURL, "--token", emulator.adminToken]
            let collector = ConsoleCollector()
            let code = await Console.$collector.withValue(collector) {
                await SnowapiCommand.invoke(["object", "create", "database", "name=x", "data_retention_time_in_days=91"] + connection)
            }
            #expect(code == 1)
            #expect(collector.errors.first?.contains("between 0 and 90") == true)
        }
    }

    @Test("every command has help with its options")
    func help() async throws {
        for command in [["object", "list"], ["object", "create"], ["object", "drop"], ["object", "resume"], ["connection", "test"], ["emulator", "token"]] {
            let collector = ConsoleCollector()
            let code = await Console.$collector.withValue(collector) { await SnowapiCommand.invoke(command + ["--help"]) }
            #expect(code == 0, "\(command)")
            #expect(collector.output.joined(separator: "\n").contains("USAGE: snowapi \(command.joined(separator: " "))"), "\(command)")
        }
    }
}
