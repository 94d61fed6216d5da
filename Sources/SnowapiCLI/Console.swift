import Foundation
import Synchronization

/// Where commands write: standard output and error, or a collector in tests.
public enum Console {
    /// Receives lines instead of the standard streams when set (tests).
    @TaskLocal public static var collector: ConsoleCollector?

    /// Writes a line to standard output, unbuffered.
    static func write(_ line: String) {
        if let collector { return collector.append(line, isError: false) }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Writes a line to standard error.
    static func error(_ line: String) {
        if let collector { return collector.append(line, isError: true) }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Lines written by commands, kept for tests.
public final class ConsoleCollector: Sendable {
    private let lines = Mutex<[(text: String, isError: Bool)]>([])

    /// An empty collector.
    public init() {}

    func append(_ line: String, isError: Bool) {
        lines.withLock { $0.append((line, isError)) }
    }

    /// What went to standard output.
    public var output: [String] { lines.withLock { $0.filter { !$0.isError }.map(\.text) } }
    /// What went to standard error.
    public var errors: [String] { lines.withLock { $0.filter(\.isError).map(\.text) } }
}
