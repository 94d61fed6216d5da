import ArgumentParser

/// `snowapi`: manage Snowflake objects from the shell, run the seed's walkthrough, or serve a
/// local emulator.
public struct SnowapiCommand: AsyncParsableCommand {
    /// The command's name, summary and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "snowapi",
        abstract: "Manage Snowflake objects through the REST API v2, or serve a local emulator of it.",
        subcommands: [ObjectCommand.self, StageCommand.self, ConnectionCommand.self, DemoCommand.self, EmulatorCommand.self])

    /// The root command (argument parsing fills it).
    public init() {}
}

extension SnowapiCommand {
    /// Parses the process's arguments and runs the chosen command (the asynchronous entry point).
    public static func runMain() async {
        await (SnowapiCommand.self as any AsyncParsableCommand.Type).main()
    }
}
