import ArgumentParser

extension SnowapiCommand {
    /// Runs `snowapi` with `arguments` in this process and returns its exit code: what the
    /// executable would exit with. Output goes to ``Console`` (a collector in tests).
    public static func invoke(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                // Help and version text go to standard output, errors to standard error.
                if code == .success { Console.write(message) } else { Console.error(message) }
            }
            return code.rawValue
        }
    }
}
