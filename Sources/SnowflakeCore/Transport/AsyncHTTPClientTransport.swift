import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The default transport: one process-wide AsyncHTTPClient with keep-alive connections (up to
/// 64 per host) that needs no shutdown. A refused connection fails at once, so that the
/// client's own retry policy, not the pool, decides about retrying.
public struct AsyncHTTPClientTransport: SnowflakeTransport {
    /// The largest answer body read, in bytes.
    public static let maximumResponseSize = 256 * 1024 * 1024

    /// The process-wide client: created once, never shut down (like `HTTPClient.shared`).
    public static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        configuration.decompression = .enabled(limit: .ratio(50))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    private let client: HTTPClient

    /// A transport over `client` (by default ``sharedClient``).
    public init(client: HTTPClient = AsyncHTTPClientTransport.sharedClient) {
        self.client = client
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var httpRequest = HTTPClientRequest(url: request.url)
        httpRequest.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { httpRequest.headers.add(name: header.name, value: header.value) }
        if let body = request.body { httpRequest.body = .bytes(ByteBuffer(bytes: body)) }
        let timeout = TimeAmount.nanoseconds(
            request.timeout.components.seconds * 1_000_000_000 + request.timeout.components.attoseconds / 1_000_000_000)
        do {
            let response = try await client.execute(httpRequest, timeout: timeout)
            let body = try await response.body.collect(upTo: Self.maximumResponseSize)
            return TransportResponse(
                status: Int(response.status.code), reason: response.status.reasonPhrase,
                headers: response.headers.map { ($0.name, $0.value) }, body: Data(body.readableBytesView))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw SnowflakeError(
                code: .timedOut, detail: "no answer within \(request.timeout)", underlyingError: error,
                sentRequestID: request.header(RequestIDMiddleware.headerName))
        } catch let error as SnowflakeError {
            throw error
        } catch {
            throw SnowflakeError(
                code: .connectionFailed, detail: "could not reach \(request.url)", underlyingError: error,
                sentRequestID: request.header(RequestIDMiddleware.headerName))
        }
    }
}
