import Foundation

/// Unbuffered output, so lines appear at once even when standard output is a pipe.
enum Console {
    /// Writes a line to standard output.
    static func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Writes a line to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
