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

    final class Budget: Sendable {
        private let remaining: Atomic<Int>
        init(_ count: Int) { remaining = Atomic(count) }
        func take() -> Bool { remaining.subtract(1, ordering: .relaxed).oldValue > 0 }
        /// Counting up instead: the next number, from the initial count.
        func next() -> Int { remaining.add(1, ordering: .relaxed).oldValue }
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
            guard monotonicSeconds() < deadline, budget.take() else {
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
            let view = buffer.readableBytesView
            guard let end = view.firstRange(of: [13, 10, 13, 10]) else { return nil }
            let headerLength = end.upperBound - view.startIndex
            let header = String(decoding: view[view.startIndex..<end.lowerBound], as: UTF8.self)
            var length = 0
            for line in header.split(separator: "\r\n").dropFirst() {
                if line.lowercased().hasPrefix("content-length:") {
                    length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            guard buffer.readableBytes >= headerLength + length else { return nil }
            buffer.moveReaderIndex(forwardBy: headerLength + length)
            pending = buffer.readableBytes == 0 ? nil : buffer
            let statusLine = header.prefix { $0 != "\r" }.split(separator: " ")
            return statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
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
