import Foundation
import HTTPTypes
import Hummingbird
import Logging
import CompressNIO
import NIOCore
import SnowflakeModels

/// The emulator's HTTP entry point: gives each request an id, checks credentials, routes
/// `/api/v2/...` to the family controllers and renders every error as an `ErrorResponse`.
struct EmulatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let services: EmulatorServices
    private var configuration: EmulatorConfiguration { services.configuration }
    private var results: AsyncResults { services.results }

    static let requestIDField = HTTPField.Name("X-Snowflake-Request-ID")!
    static let roleField = HTTPField.Name("X-Snowflake-Role")!
    static let tokenTypeField = HTTPField.Name("X-Snowflake-Authorization-Token-Type")!

    func respond(to request: Request, context: Context) async throws -> Response {
        if request.uri.path.hasPrefix(StageStorageEndpoint.prefix) {
            return await StageStorageEndpoint(services: services).respond(to: request)
        }
        let requestID = Self.requestID(from: request.headers[Self.requestIDField])
        let method = request.method.rawValue
        let rawPath = request.uri.path
        var request = request
        let recorder = rawPath.hasPrefix("/api/v2/") ? configuration.trafficRecorder : nil
        var recordedBody = Data()
        if recorder != nil, method == "POST" || method == "PUT" {
            do {
                recordedBody = Data(try await request.collectBody(upTo: configuration.maximumBodySize).readableBytesView)
            } catch {
                let tooLarge = EmulatorError.badRequest("The request body is larger than \(configuration.maximumBodySize) bytes.")
                return render(Self.errorResponse(tooLarge, requestID: requestID), requestID: requestID)
            }
        }
        let response: APIResponse
        do {
            response = try await route(request, method: method, rawPath: rawPath, requestID: requestID)
        } catch let error as EmulatorError {
            response = Self.errorResponse(error, requestID: requestID)
        } catch {
            configuration.logger.error("request failed", metadata: ["request_id": "\(requestID)", "path": "\(method) \(rawPath)", "error": "\(error)"])
            response = Self.errorResponse(
                EmulatorError(status: 500, code: "390500", message: "Internal error while serving the request."), requestID: requestID)
        }
        recorder?.record(
            method: method, path: rawPath, query: request.uri.query, userAgent: request.headers[.userAgent], requestBody: recordedBody,
            status: response.status, responseBody: response.body)
        return render(response, requestID: requestID)
    }

    private func route(_ request: Request, method: String, rawPath: String, requestID: String) async throws -> APIResponse {
        if rawPath == "/health" || rawPath == "/api/v2/health" {
            return .json(#"{"status":"ok"}"#)
        }
        if ConnectorEndpoints.paths.contains(rawPath) {
            guard method == "POST" else { throw EmulatorError.methodNotAllowed(method, rawPath) }
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            let body = try await collectBody(request)
            let answer = await ConnectorEndpoints(services: services).handle(
                path: rawPath, query: query, authorization: request.headers[.authorization], host: request.head.authority, body: body)
            return APIResponse(status: 200, body: answer)
        }
        if rawPath.hasPrefix(PresignedURLEndpoint.presignedPrefix) {
            return try await PresignedURLEndpoint(services: services).handle(request, method: method, rawPath: rawPath)
        }
        guard rawPath.hasPrefix("/api/v2/") else { throw EmulatorError.noEndpoint(method, rawPath) }
        let principal = try await services.authenticator.authenticate(
            authorization: request.headers[.authorization], tokenType: request.headers[Self.tokenTypeField],
            role: request.headers[Self.roleField])
        var segments = rawPath.dropFirst("/api/v2/".count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.last == "" { segments.removeLast() }
        var decoded: [String] = []
        for segment in segments {
            guard let value = segment.utf8.contains(37) ? segment.removingPercentEncoding : segment, !value.isEmpty else {
                throw EmulatorError.badRequest("The path segment '\(segment)' is not valid.")
            }
            decoded.append(value)
        }
        let parsed = APIRoute.parse(decoded, registry: services.registry)
        guard parsed != nil || decoded.first == "grants" || decoded.first == "session" else { throw EmulatorError.noEndpoint(method, rawPath) }

        let body = method == "POST" || method == "PUT" ? try await collectBody(request) : Data()
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let call = APIRequest(
            method: method, path: "\(method) \(rawPath)", query: query, body: body, principal: principal, requestID: requestID,
            services: services, now: configuration.clock.now(), host: request.head.authority)
        guard let route = parsed else {
            if let answer = try await AccountGrantsEndpoint(request: call).handle(decoded) { return answer }
            if let answer = try await SessionEndpoint(request: call).handle(decoded) { return answer }
            throw EmulatorError.noEndpoint(method, rawPath)
        }

        if case .result(let handle) = route {
            guard method == "GET" else { throw EmulatorError.methodNotAllowed(method, rawPath) }
            guard let result = results.take(handle) else {
                throw EmulatorError(status: 404, code: "390404", message: "No result for handle '\(handle)': it is unknown or was already fetched.")
            }
            return result
        }
        let response: APIResponse
        do {
            response = try await dispatch(route, call)
        } catch let error as EmulatorError where configuration.answersAsynchronously || call.flagIsTrue("asyncExec") {
            return accepted(handle: results.store(Self.errorResponse(error, requestID: requestID)))
        }
        if configuration.answersAsynchronously || call.flagIsTrue("asyncExec") {
            return accepted(handle: results.store(response))
        }
        return response
    }

    /// The request body, gunzipped when it says `Content-Encoding: gzip`, at most the configured size.
    private func collectBody(_ request: Request) async throws -> Data {
        var buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: configuration.maximumBodySize)
        } catch {
            throw EmulatorError.badRequest("The request body is larger than \(configuration.maximumBodySize) bytes.")
        }
        if request.headers[.contentEncoding]?.lowercased().contains("gzip") == true {
            do {
                buffer = try buffer.decompress(with: .gzip(), maxSize: configuration.maximumBodySize)
            } catch {
                throw EmulatorError.badRequest("The request body is not valid gzip, or unpacks to more than \(configuration.maximumBodySize) bytes.")
            }
        }
        return Data(buffer.readableBytesView)
    }

    private func dispatch(_ route: APIRoute, _ call: APIRequest) async throws -> APIResponse {
        switch route {
        case .collection(let endpoint, let container):
            return try await endpoint.list(container, call)
        case .collectionAction(let endpoint, let container, let verb):
            return try await endpoint.collectionAction(container, verb: verb, call)
        case .item(let endpoint, let container, let name):
            return try await endpoint.fetch(container, name: name, call)
        case .itemAction(let endpoint, let container, let name, let verb):
            return try await endpoint.action(container, name: name, verb: verb, call)
        case .subresource(let endpoint, let container, let name, let path):
            return try await endpoint.subresource(container, name: name, path: path, call)
        case .result:
            throw EmulatorError.noEndpoint(call.method, call.path)
        }
    }

    private func accepted(handle: String) -> APIResponse {
        let body = #"{"code":"392604","message":"Request execution in progress. Use the provided location header or result handler ID to perform query monitoring and management.","resultHandler":"\#(handle)","result_handler":"\#(handle)"}"#
        return APIResponse(status: 202, body: Data(body.utf8), location: "/api/v2/results/\(handle)")
    }

    // MARK: Rendering

    private func render(_ response: APIResponse, requestID: String) -> Response {
        var headers: HTTPFields = [.contentType: response.contentType, Self.requestIDField: requestID]
        if let location = response.location { headers[.location] = location }
        return Response(
            status: HTTPResponse.Status(code: response.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
    }

    static func errorResponse(_ error: EmulatorError, requestID: String) -> APIResponse {
        let body = ErrorResponse(message: error.message, code: error.code, requestID: requestID)
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        return APIResponse(status: error.status, body: data)
    }

    /// The client's request id when it sent a usable one, else a new one.
    static func requestID(from header: String?) -> String {
        if let header, (1...64).contains(header.count),
            header.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            return header
        }
        return newRequestID()
    }

    /// A random id in the form of a lower-case UUID.
    static func newRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for part in 0..<2 {
            var value = generator.next()
            for index in 0..<16 {
                if part == 0, index == 8 || index == 12 { bytes.append(45) }
                if part == 1, index == 0 || index == 4 { bytes.append(45) }
                bytes.append(digits[Int(value >> 60)])
                value <<= 4
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension APIRequest {
    /// True when the query parameter is `true` in any case.
    func flagIsTrue(_ name: String) -> Bool { query[name]?.lowercased() == "true" }
}
