import Foundation
import Synchronization

/// Records REST API v2 exchanges, one JSON object per line, for checking them against the
/// official specs (`Conformance/`). Passwords in request bodies (`password`, an account's
/// `admin_password`) are replaced by `"***"`; no header is recorded but the user agent.
public final class TrafficRecorder: Sendable {
    private let handle: Mutex<FileHandle>

    /// Appends to the file at `path` (created if needed).
    public init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw EmulatorFailure(description: "cannot write the traffic record \(path)")
        }
        handle.seekToEndOfFile()
        self.handle = Mutex(handle)
    }

    /// The recorder named by `SNOWAPI_RECORD_DIR`, writing a new file in that folder; nil when
    /// the variable is not set.
    public static func fromEnvironment() -> TrafficRecorder? {
        guard let directory = ProcessInfo.processInfo.environment["SNOWAPI_RECORD_DIR"], !directory.isEmpty else { return nil }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try? TrafficRecorder(path: (directory as NSString).appendingPathComponent("traffic-\(UUID().uuidString).jsonl"))
    }

    func record(method: String, path: String, query: String?, userAgent: String?, requestBody: Data, status: Int, responseBody: Data) {
        var entry: [String: Any] = [
            "method": method, "path": path, "query": query ?? "", "status": status,
            "user_agent": userAgent ?? "",
            "response_body": String(decoding: responseBody, as: UTF8.self),
        ]
        if !requestBody.isEmpty { entry["request_body"] = Self.redacted(requestBody) }
        guard var line = try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys]) else { return }
        line.append(0x0A)
        handle.withLock { $0.write(line) }
    }

    private static func redacted(_ body: Data) -> String {
        guard var object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return String(decoding: body, as: UTF8.self)
        }
        for key in ["password", "PASSWORD", "token", "TOKEN", "admin_password"] where object[key] != nil { object[key] = "***" }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
