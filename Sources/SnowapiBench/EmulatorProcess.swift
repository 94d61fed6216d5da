import Foundation

/// A `snowapi emulator` process on a free loopback port with a fresh data directory.
final class EmulatorProcess: @unchecked Sendable {
    let process = Process()
    let url: String
    let port: Int
    let token: String
    let password: String
    let dataDirectory: String
    var pid: Int32 { process.processIdentifier }

    init(executable: String) throws {
        dataDirectory = (NSTemporaryDirectory() as NSString).appendingPathComponent("snowapi-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        password = "bench-\(UUID().uuidString)"
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["emulator", "--port", "0", "--data-dir", dataDirectory, "--admin-password", password]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let handle = output.fileHandleForReading
        while !text.contains("Stop with Ctrl-C") {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw BenchFailure("the emulator stopped before it listened: \(text)") }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let urlMatch = text.firstMatch(of: /listening on (http:\/\/[0-9.]+:([0-9]+))/),
            let tokenMatch = text.firstMatch(of: /token:\s+(\S+)/), let port = Int(urlMatch.2)
        else { throw BenchFailure("cannot read the emulator's address and token from: \(text)") }
        url = String(urlMatch.1)
        self.port = port
        token = String(tokenMatch.1)
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}

/// A benchmark failure with its explanation.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
