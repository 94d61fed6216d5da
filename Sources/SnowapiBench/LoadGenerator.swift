import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A small HTTP/1.1 keep-alive load generator, in the manner of wrk: each connection sends a
/// request, reads the whole answer (by `Content-Length`), and sends the next, until the time is
/// up or the request budget is spent. It costs a few microseconds of CPU per request, so the
/// server's capacity shows.
enum LoadGenerator {
    struct Result: Sendable {
        var requests: Int
        var failures: Int
        var seconds: Double
        var latencies: [Double]
    }

    /// Runs the load.
    /// - Parameters:
    ///   - request: the bytes of request number `sequence` on connection `connection`.
    ///   - limit: the most requests in total, across connections.
    static func run(
        host: String, port: Int, connections: Int, duration: Double, limit: Int? = nil, threads: Int = 1,
        request: @escaping @Sendable (_ connection: Int, _ sequence: Int) -> ByteBuffer
    ) async throws -> Result {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        defer { group.shutdownGracefully { _ in } }
        let budget = Budget(limit ?? Int.max)
        var handlers: [(LoadHandler, any Channel)] = []
        for index in 0..<connections {
            let loop = group.next()
            let handler = LoadHandler(index: index, budget: budget, makeRequest: request, done: loop.makePromise())
            let channel = try await ClientBootstrap(group: loop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(handler) } }
                .connect(host: host, port: port).get()
            handlers.append((handler, channel))
        }
        let start = monotonicSeconds()
        let deadline = start + duration
        for (handler, channel) in handlers { channel.eventLoop.execute { handler.begin(deadline: deadline) } }
        var result = Result(requests: 0, failures: 0, seconds: 0, latencies: [])
        for (handler, _) in handlers {
            let one = try await handler.done.futureResult.get()
            result.requests += one.latencies.count
            result.failures += one.failures
            result.latencies += one.latencies
        }
        result.seconds = monotonicSeconds() - start
        return result
    }

    /// A number of operations shared by concurrent workers.
    final class Budget: Sendable {
        private let count: Int
        private let taken = Atomic<Int>(0)
        init(_ count: Int) { self.count = count }
        /// The number of the next operation (0, 1, 2, ...), or nil once all are taken.
        func take() -> Int? {
            let number = taken.add(1, ordering: .relaxed).oldValue
            return number < count ? number : nil
        }
    }

    struct ConnectionResult: Sendable {
        var latencies: [Double]
        var failures: Int
    }

    /// One connection's loop. Lives on its event loop.
    final class LoadHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let index: Int
        let budget: Budget
        let makeRequest: @Sendable (Int, Int) -> ByteBuffer
        let done: EventLoopPromise<ConnectionResult>
        private var context: ChannelHandlerContext?
        private var deadline = 0.0
        private var pending: ByteBuffer?
        private var sentAt = 0.0
        private var sequence = 0
        private var latencies: [Double] = []
        private var failures = 0
        private var finished = false

        init(index: Int, budget: Budget, makeRequest: @escaping @Sendable (Int, Int) -> ByteBuffer, done: EventLoopPromise<ConnectionResult>) {
            self.index = index
            self.budget = budget
            self.makeRequest = makeRequest
            self.done = done
            latencies.reserveCapacity(100_000)
        }

        func handlerAdded(context: ChannelHandlerContext) { self.context = context }

        func begin(deadline: Double) {
            self.deadline = deadline
            sendNext()
        }

        private func sendNext() {
            guard let context else { return }
            guard monotonicSeconds() < deadline, budget.take() != nil else {
                context.close(promise: nil)
                return
            }
            sentAt = monotonicSeconds()
            context.writeAndFlush(NIOAny(makeRequest(index, sequence)), promise: nil)
            sequence += 1
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var incoming = unwrapInboundIn(data)
            if pending == nil { pending = incoming } else { pending!.writeBuffer(&incoming) }
            while let status = takeResponse() {
                latencies.append(monotonicSeconds() - sentAt)
                if !(200..<300).contains(status) { failures += 1 }
                sendNext()
            }
        }

        /// Removes one complete response from the buffer and returns its status.
        private func takeResponse() -> Int? {
            guard var buffer = pending else { return nil }
            let parsed: (status: Int, total: Int)? = buffer.withUnsafeReadableBytes { bytes in
                let count = bytes.count
                guard count >= 16 else { return nil }
                var end = -1
                var index = 12
                while index + 3 < count {
                    if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
                        end = index
                        break
                    }
                    index += 1
                }
                guard end >= 0 else { return nil }
                let status = (Int(bytes[9]) - 48) * 100 + (Int(bytes[10]) - 48) * 10 + (Int(bytes[11]) - 48)
                // Content-Length: find "\r\ncontent-length:" ignoring case.
                let key = Array("\r\ncontent-length:".utf8)
                var length = 0
                var position = 0
                while position + key.count <= end {
                    var matches = true
                    for offset in 0..<key.count where (bytes[position + offset] | (key[offset] >= 97 ? 0x20 : 0)) != key[offset] {
                        matches = false
                        break
                    }
                    if matches {
                        var cursor = position + key.count
                        while cursor < end, bytes[cursor] == 32 { cursor += 1 }
                        while cursor < end, (48...57).contains(bytes[cursor]) {
                            length = length * 10 + Int(bytes[cursor] - 48)
                            cursor += 1
                        }
                        break
                    }
                    position += 1
                }
                let total = end + 4 + length
                return total <= count ? (status, total) : nil
            }
            guard let parsed else { return nil }
            buffer.moveReaderIndex(forwardBy: parsed.total)
            pending = buffer.readableBytes == 0 ? nil : buffer
            return parsed.status
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            failures += 1
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            guard !finished else { return }
            finished = true
            done.succeed(ConnectionResult(latencies: latencies, failures: failures))
        }
    }

    /// An HTTP/1.1 request's bytes.
    static func request(method: String, path: String, host: String, token: String, body: String? = nil) -> ByteBuffer {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(token)\r\nAccept: application/json\r\n"
        if let body {
            text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            text += "\r\n"
        }
        return ByteBuffer(string: text)
    }
}
