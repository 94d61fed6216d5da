/// The body of an error answer (`ErrorResponse` in the specs).
public struct ErrorResponse: Codable, Hashable, Sendable {
    /// What went wrong, in Snowflake's words.
    public var message: String?
    /// Snowflake's error code, such as `"002003"`.
    public var code: String?
    /// The same code under its deprecated name.
    public var errorCode: String?
    /// The request id, also sent as the `X-Snowflake-Request-ID` header.
    public var requestID: String?

    private enum CodingKeys: String, CodingKey {
        case message, code
        case errorCode = "error_code"
        case requestID = "request_id"
    }

    /// An error body; `error_code` repeats `code`.
    public init(message: String?, code: String?, requestID: String?) {
        self.message = message
        self.code = code
        self.errorCode = code
        self.requestID = requestID
    }
}

/// The body of most successful mutations (`SuccessResponse`).
public struct SuccessResponse: Codable, Hashable, Sendable {
    /// A sentence such as `"Request successfully completed"`.
    public var status: String

    /// A success body.
    public init(status: String) { self.status = status }
}

/// The body of a `202 Accepted` answer (`SuccessAcceptedResponse`): the operation runs on and
/// its result is fetched from the `Location` header's path.
public struct SuccessAcceptedResponse: Codable, Hashable, Sendable {
    /// Snowflake's code for "in progress", `"392604"`.
    public var code: String?
    /// A sentence describing the state.
    public var message: String?
    /// The handle of the pending result.
    public var resultHandler: String?

    /// An accepted body.
    public init(code: String?, message: String?, resultHandler: String?) {
        self.code = code
        self.message = message
        self.resultHandler = resultHandler
    }
}
