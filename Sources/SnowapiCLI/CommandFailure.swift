import ArgumentParser
import SnowflakeCore

/// Exit codes that tell failures apart (usage errors exit with 64, as argument parsing does).
enum ExitStatus {
    static let failure: Int32 = 1
    static let notFound: Int32 = 3
    static let conflict: Int32 = 4
    static let authentication: Int32 = 5
    static let server: Int32 = 6
    static let configuration: Int32 = 7

    static func code(for error: SnowflakeError) -> Int32 {
        switch error.code {
        case .notFound: notFound
        case .conflict: conflict
        case .unauthorized, .forbidden: authentication
        case .serverError, .retryTimeout, .connectionFailed, .timedOut, .invalidResponse: server
        case .invalidConfiguration: configuration
        case .invalidArgument: ExitCode.validationFailure.rawValue
        default: failure
        }
    }
}

/// Runs a command's work; a Snowflake error becomes one readable paragraph on standard error
/// (what was asked, what Snowflake said, the request id) and a distinct exit code.
func reportingFailures(_ asked: String, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as SnowflakeError {
        var paragraph = "snowapi: \(asked) failed: \(error.message ?? error.code.description)"
        var details: [String] = []
        if let status = error.status { details.append("HTTP \(status)") }
        if let code = error.snowflakeCode { details.append("Snowflake code \(code)") }
        if let requestID = error.requestID { details.append("request id \(requestID)") }
        if !details.isEmpty { paragraph += " (" + details.joined(separator: ", ") + ")" }
        Console.error(paragraph)
        throw ExitCode(ExitStatus.code(for: error))
    }
}
