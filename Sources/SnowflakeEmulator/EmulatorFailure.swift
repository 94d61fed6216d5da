/// A failure of an emulator operation outside a request (bad data directory, unknown user).
public struct EmulatorFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}
