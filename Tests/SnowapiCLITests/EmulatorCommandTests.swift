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

        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
