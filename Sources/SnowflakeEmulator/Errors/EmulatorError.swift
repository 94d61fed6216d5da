import Foundation
import SnowflakeModels

/// An error the emulator answers with: an HTTP status and an `ErrorResponse` carrying
/// Snowflake's code and message. Every user-caused problem becomes one of these; nothing a
/// client sends may produce a 5xx.
struct EmulatorError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status.
    var status: Int
    /// Snowflake's error code (`002003`).
    var code: String
    /// The message as the REST API words it.
    var message: String

    var description: String { "\(status) \(code): \(message)" }

    // MARK: Snowflake's errors

    /// 404 002003: the object does not exist or the role cannot see it.
    static func doesNotExist(_ kind: String, _ qualifiedName: String) -> EmulatorError {
        sql(404, "002003", "\(kind) '\(qualifiedName)' does not exist or not authorized.")
    }

    /// 409 002002: a live object already has the name.
    static func alreadyExists(_ name: String) -> EmulatorError {
        sql(409, "002002", "Object '\(name)' already exists.")
    }

    /// 400 with an explanation of what is wrong with the request.
    static func badRequest(_ message: String, code: String = "390400") -> EmulatorError {
        EmulatorError(status: 400, code: code, message: message)
    }

    /// 400 000904: an identifier that Snowflake would not parse.
    static func invalidIdentifier(_ text: String) -> EmulatorError {
        sql(400, "000904", "invalid identifier '\(text)'")
    }

    /// 401: no usable credentials.
    static func unauthorized(_ message: String) -> EmulatorError {
        EmulatorError(status: 401, code: "390104", message: message)
    }

    /// 404 for a path that names no endpoint.
    static func noEndpoint(_ method: String, _ path: String) -> EmulatorError {
        EmulatorError(status: 404, code: "390404", message: "No endpoint \(method) \(path).")
    }

    /// 405 for a known path with a method it does not serve.
    static func methodNotAllowed(_ method: String, _ path: String) -> EmulatorError {
        EmulatorError(status: 405, code: "390405", message: "Method \(method) is not allowed on \(path).")
    }

    /// A SQL-level error as the REST API renders it: the SQL message in lower case.
    static func sql(_ status: Int, _ code: String, _ message: String) -> EmulatorError {
        EmulatorError(status: status, code: code, message: message.lowercased())
    }
}
