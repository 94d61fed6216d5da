import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The default transport: AsyncHTTPClient's shared client, keep-alive connections.
public struct AsyncHTTPClientTransport: SnowflakeTransport {
    /// The largest answer body read, in bytes.
    public static let maximumResponseSize = 256 * 1024 * 1024

    private let client: HTTPClient

    /// A transport over `client` (by default the process-wide shared client, which needs no
    /// shutdown).
    public init(client: HTTPClient = .shared) {
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
