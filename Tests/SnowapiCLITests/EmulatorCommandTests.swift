import Foundation
import SnowflakeTestSupport
import Testing

@Suite("snowapi emulator")
struct EmulatorCommandTests {
    /// The `snowapi` executable built beside the tests.
    static var executable: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/snowapi")
    }

    @Test("serves with its data directory, prints how to connect, and stops cleanly on SIGINT")
    func serveAndStop() async throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("snowapi-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["emulator", "--port", "0", "--data-dir", directory, "--admin-user", "boss", "--admin-password", "pw-never-printed"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var text = ""
        while !text.contains("Stop with Ctrl-C") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let url = try #require(text.firstMatch(of: /listening on (http:\/\/[0-9.]+:[0-9]+)/)?.1).description
        let token = try #require(text.firstMatch(of: /token:\s+(\S+)/)?.1).description
        #expect(text.contains("user:           BOSS (role ACCOUNTADMIN)"))
        #expect(!text.contains("pw-never-printed"))

        let http = RawHTTP(baseURL: url, token: token)
        let created = try await http.send("POST", "/api/v2/databases", body: #"{"name":"from_cli"}"#)
        #expect(created.status == 200)
        #expect(FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("emulator.sqlite")))

        let minted = try Self.run(["emulator", "token", "--user", "boss", "--data-dir", directory, "--days", "2"])
        #expect(minted.status == 0)
        let fresh = minted.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await RawHTTP(baseURL: url, token: fresh).send("GET", "/api/v2/databases/from_cli").status == 200)
        let unknown = try Self.run(["emulator", "token", "--user", "nobody", "--data-dir", directory])
        #expect(unknown.status != 0)

        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// Runs `snowapi` to completion.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
