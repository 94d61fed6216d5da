import Foundation
import SnowflakeModels

/// Gives every call a request id (`X-Snowflake-Request-ID`), kept across its retries and polls,
/// so an error can name it even when the answer did not.
struct RequestIDMiddleware: TransportMiddleware {
    static let headerName = "X-Snowflake-Request-ID"

    func intercept(
        _ request: TransportRequest, next: @Sendable (TransportRequest) async throws -> TransportResponse
    ) async throws -> TransportResponse {
        var request = request
        if request.header(Self.headerName) == nil {
            request.headers.append((Self.headerName, UUID().uuidString.lowercased()))
        }
        return try await next(request)
    }
}

/// Adds the credentials' headers to each attempt, so a renewed token is picked up.
struct AuthenticationMiddleware: TransportMiddleware {
    let authenticator: any Authenticator

    func intercept(
        _ request: TransportRequest, next: @Sendable (TransportRequest) async throws -> TransportResponse
    ) async throws -> TransportResponse {
        var attempt = request
        let headers = try await authenticator.authorizationHeaders()
        attempt.headers.append(contentsOf: headers)
        let response = try await next(attempt)
        guard response.status == 401, Self.sessionExpired(response), try await authenticator.renew(after: headers) else { return response }
        var retry = request
        retry.headers.append(contentsOf: try await authenticator.authorizationHeaders())
        return try await next(retry)
    }

    /// Whether an answer says the session expired (`error_code` 390112).
    static func sessionExpired(_ response: TransportResponse) -> Bool {
        guard let body = try? JSONDecoder().decode([String: JSONValue].self, from: response.body) else { return false }
        return body["error_code"] == .string("390112") || body["code"] == .string("390112")
    }
}

/// Retries answers 429/503/504 and connection failures as the ``RetryPolicy`` says.
struct RetryMiddleware: TransportMiddleware {
    let policy: RetryPolicy

    func intercept(
        _ request: TransportRequest, next: @Sendable (TransportRequest) async throws -> TransportResponse
    ) async throws -> TransportResponse {
        let start = policy.clock.now()
        var attempt = 1
        while true {
            let outcome: Result<TransportResponse, SnowflakeError>
            do {
                outcome = .success(try await next(request))
            } catch let error as SnowflakeError where error.code == .connectionFailed || error.code == .timedOut {
                outcome = .failure(error)
            }
            let retryable: Bool
            var retryAfter: Duration?
            switch outcome {
            case .success(let response):
                retryable = policy.shouldRetry(status: response.status, request: request)
                retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"))
            case .failure:
                retryable = request.isIdempotent
            }
            guard retryable, attempt < policy.maximumAttempts else { return try outcome.get() }
            let delay = policy.delay(beforeRetry: attempt, retryAfter: retryAfter)
            guard policy.clock.now() - start + delay <= policy.timeBudget else {
                switch outcome {
                case .success(let response):
                    throw SnowflakeError(
                        code: .retryTimeout, status: nil, operation: request.operation,
                        detail: "\(response.status) \(response.reason) query timeout: retries ran out of time",
                        sentRequestID: request.header(RequestIDMiddleware.headerName))
                case .failure(let error):
                    throw error
                }
            }
            try await policy.clock.sleep(delay)
            attempt += 1
        }
    }
}

/// Follows `202 Accepted` answers: polls the `Location` they name until the result is ready,
/// and returns that result as the call's answer. Calls made with `asyncExec=true` get their
/// 202 back as is.
struct AsyncResultMiddleware: TransportMiddleware {
    let policy: RetryPolicy
    let baseURL: String

    func intercept(
        _ request: TransportRequest, next: @Sendable (TransportRequest) async throws -> TransportResponse
    ) async throws -> TransportResponse {
        var response = try await next(request)
        guard response.status == 202, !Self.asksForAsyncExecution(request.url) else { return response }
        let start = policy.clock.now()
        var poll = 1
        while response.status == 202 {
            guard let location = response.header("Location") else {
                throw invalid("Long Running Query result endpoint is missing", request: request, response: response)
            }
            guard location.hasPrefix("/") else {
                throw invalid("Unexpected Location header in 202 response: '\(location)'", request: request, response: response)
            }
            let delay = policy.delay(beforePoll: poll)
            guard policy.clock.now() - start + delay <= policy.timeBudget else {
                throw SnowflakeError(
                    code: .retryTimeout, operation: request.operation,
                    detail: "202 Long Running Query query timeout: the result was not ready in time",
                    sentRequestID: request.header(RequestIDMiddleware.headerName))
            }
            try await policy.clock.sleep(delay)
            var pollRequest = request
            pollRequest.method = "GET"
            pollRequest.url = baseURL + location
            pollRequest.body = nil
            pollRequest.isIdempotent = true
            pollRequest.headers.removeAll { $0.name.caseInsensitiveCompare("Content-Type") == .orderedSame }
            response = try await next(pollRequest)
            poll += 1
        }
        return response
    }

    static func asksForAsyncExecution(_ url: String) -> Bool {
        guard let items = URLComponents(string: url)?.queryItems else { return false }
        return items.contains { $0.name == "asyncExec" && $0.value?.lowercased() == "true" }
    }

    private func invalid(_ detail: String, request: TransportRequest, response: TransportResponse) -> SnowflakeError {
        SnowflakeError(
            code: .invalidResponse, status: nil, headers: response.headers, operation: request.operation, detail: detail,
            sentRequestID: request.header(RequestIDMiddleware.headerName))
    }
}
