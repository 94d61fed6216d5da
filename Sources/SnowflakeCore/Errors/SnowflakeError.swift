import Foundation
import SnowflakeModels

/// An error from a call to Snowflake: an HTTP error answer, a transport failure, a retry that
/// ran out of time, an answer the client cannot read, or an invalid argument.
///
/// Match on ``code`` to handle a case:
///
/// ```swift
/// do {
///     try await task.execute()
/// } catch let error as SnowflakeError where error.code == .notFound {
///     print("no such task:", error.message ?? "")
/// }
/// ```
///
/// Its description shows what was asked, the status and reason, the response headers and body,
/// and Snowflake's message, code and request id. It never contains credentials.
public struct SnowflakeError: Error, Sendable, CustomStringConvertible {
    /// The kind of error. New codes may be added; match the ones you handle.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case badRequest, unauthorized, forbidden, notFound, methodNotAllowed, conflict, serverError, httpError
            case retryTimeout, invalidResponse, invalidArgument, invalidConfiguration, connectionFailed, timedOut
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// 400: the request was malformed or not allowed in the object's state.
        public static let badRequest = Code(.badRequest)
        /// 401: missing, unknown or expired credentials.
        public static let unauthorized = Code(.unauthorized)
        /// 403: the role lacks a privilege.
        public static let forbidden = Code(.forbidden)
        /// 404: the object does not exist or is not visible to the role.
        public static let notFound = Code(.notFound)
        /// 405: the endpoint does not support the method (for example create-or-alter on a
        /// family without it).
        public static let methodNotAllowed = Code(.methodNotAllowed)
        /// 409: the object already exists.
        public static let conflict = Code(.conflict)
        /// 5xx: Snowflake failed.
        public static let serverError = Code(.serverError)
        /// Any other HTTP error status.
        public static let httpError = Code(.httpError)
        /// Retries or result polling ran out of time.
        public static let retryTimeout = Code(.retryTimeout)
        /// The answer could not be understood (bad JSON, bad `Location`, ...).
        public static let invalidResponse = Code(.invalidResponse)
        /// An argument was refused before any request was sent.
        public static let invalidArgument = Code(.invalidArgument)
        /// A connection's configuration is missing, malformed or unsafe (a connections file
        /// others can read, an unknown connection name, a missing key, a bad private key).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The connection could not be made or broke.
        public static let connectionFailed = Code(.connectionFailed)
        /// The request took longer than its timeout.
        public static let timedOut = Code(.timedOut)

        /// The code for an HTTP error status.
        public static func forStatus(_ status: Int) -> Code {
            switch status {
            case 400: .badRequest
            case 401: .unauthorized
            case 403: .forbidden
            case 404: .notFound
            case 405: .methodNotAllowed
            case 409: .conflict
            case 500...599: .serverError
            default: .httpError
            }
        }

        /// The name the Python library gives the same error (`NotFoundError`, ...).
        public var pythonName: String {
            switch base {
            case .badRequest, .methodNotAllowed, .httpError: "APIError"
            case .unauthorized: "UnauthorizedError"
            case .forbidden: "ForbiddenError"
            case .notFound: "NotFoundError"
            case .conflict: "ConflictError"
            case .serverError: "ServerError"
            case .retryTimeout: "RetryTimeoutError"
            case .invalidResponse: "InvalidResponseError"
            case .invalidArgument: "InvalidArgumentsError"
            case .invalidConfiguration: "ConfigurationError"
            case .connectionFailed, .timedOut: "ConnectionError"
            }
        }

        public var description: String { base.rawValue }
    }

    /// The kind of error.
    public var code: Code
    /// The HTTP status, when there was an answer.
    public var status: Int?
    /// The HTTP reason phrase (`Not Found`).
    public var reason: String?
    /// The answer's headers.
    public var headers: [(name: String, value: String)]
    /// The answer's body as text.
    public var body: String?
    /// The answer's `ErrorResponse`, when the body was one.
    public var response: ErrorResponse?
    /// What was asked: method and path (`DELETE /api/v2/databases/X`).
    public var operation: String?
    /// A description of the problem for errors that have no answer body.
    public var detail: String?
    /// The error that caused this one.
    public var underlyingError: (any Error)?
    /// The request id the client sent, used when the answer names none.
    public var sentRequestID: String?

    /// An error with its context.
    public init(
        code: Code, status: Int? = nil, reason: String? = nil, headers: [(name: String, value: String)] = [],
        body: String? = nil, operation: String? = nil, detail: String? = nil, underlyingError: (any Error)? = nil,
        sentRequestID: String? = nil
    ) {
        self.code = code
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.operation = operation
        self.detail = detail
        self.underlyingError = underlyingError
        self.sentRequestID = sentRequestID
        if let body, !body.isEmpty, let data = body.data(using: .utf8) {
            self.response = try? JSONDecoder().decode(ErrorResponse.self, from: data)
        }
    }

    /// Snowflake's message, without surrounding whitespace.
    public var message: String? {
        if let message = response?.message?.trimmingCharacters(in: .whitespacesAndNewlines), !message.isEmpty {
            return message
        }
        return detail
    }

    /// Snowflake's error code (`002003`), from `error_code` or else `code`.
    public var snowflakeCode: String? {
        if let code = response?.errorCode, !code.isEmpty { return code }
        return response?.code
    }

    /// The request id: from the body, else the `X-Snowflake-Request-ID` header, else the one sent.
    public var requestID: String? {
        response?.requestID
            ?? headers.first(where: { $0.name.lowercased() == "x-snowflake-request-id" })?.value
            ?? sentRequestID
    }

    public var description: String {
        var lines: [String] = []
        if let status {
            lines.append("\(code.pythonName): (\(status))")
            lines.append("Reason: \(reason ?? "")")
            let headerText = headers.map { "\($0.name): \($0.value)" }.joined(separator: ", ")
            lines.append("HTTP response headers: \(headerText)")
            lines.append("HTTP response body: \(body ?? "")")
            if let message { lines.append("Error Message: \(message)") }
            lines.append("Request ID: \(requestID ?? "")")
            lines.append("Error Code: \(snowflakeCode ?? "")")
        } else {
            lines.append("\(code.pythonName): \(detail ?? code.description)")
            if let underlyingError { lines.append("Cause: \(String(describing: underlyingError))") }
        }
        if let operation { lines.append("Operation: \(operation)") }
        return lines.joined(separator: "\n")
    }
}
