import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves `ServerRoutes` over HTTP/1.1 (keep-alive, pipelining) with SwiftNIO.
///
/// The event loops frame HTTP and nothing else heavy: a request the routes can
/// answer at once (`ServerRoutes.runsOnEventLoop`: health, metrics, small
/// inference requests) is answered on the loop that read it, with no thread hop;
/// everything else (uploads, large batches) goes to the `WorkPool` and its
/// answer is written back on the same loop. NIO's pipelining handler keeps one
/// request per connection in progress, so answers stay in request order.
struct HTTPServer: Sendable {
    let routes: ServerRoutes
    let host: String
    let port: Int
    let maxBodyBytes: Int
    let eventLoopThreads: Int
    let pool: WorkPool
    /// Every connection's outbound bytes leave this much later (an emulated network hop; zero: none).
    var addedLatency: TimeAmount = .zero

    /// Binds, calls `onListening` with the real port, and serves until the task is cancelled.
    func run(onListening: @Sendable (String, Int) async -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, eventLoopThreads))
        let routes = self.routes, limit = maxBodyBytes, pool = self.pool, delay = addedLatency
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if delay > .zero { try channel.pipeline.syncOperations.addHandler(DelayedWritesHandler(delay: delay)) }
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(
                            HTTPConnectionHandler(routes: routes, pool: pool, maxBodyBytes: limit))
                    }
                }
                .bind(host: host, port: port).get()
        } catch {
            try? await group.shutdownGracefully()
            await pool.shutdown()
            throw error
        }
        await onListening(host, channel.localAddress?.port ?? port)
        try? await withTaskCancellationHandler {
            try await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
        try await group.shutdownGracefully()
        await pool.shutdown()
    }
}

/// One connection: gathers a request's head and body (dropping a body over the
/// limit, to answer 413 at its end), then answers it on the loop or through the pool.
final class HTTPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let routes: ServerRoutes
    private let pool: WorkPool
    private let maxBodyBytes: Int
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false
    /// False once the handler has left the pipeline: a pool answer arriving later is dropped.
    private var attached = true

    init(routes: ServerRoutes, pool: WorkPool, maxBodyBytes: Int) {
        self.routes = routes
        self.pool = pool
        self.maxBodyBytes = maxBodyBytes
    }

    func handlerRemoved(context: ChannelHandlerContext) { attached = false }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.clear()
            let declared = h.headers.first(name: "content-length").flatMap { Int($0) }
            tooLarge = declared.map { $0 > maxBodyBytes } ?? false
        case .body(var chunk):
            // Over the limit: keep reading (and dropping) so the connection stays usable, answer 413 at the end.
            if tooLarge || chunk.readableBytes > maxBodyBytes - body.readableBytes {
                tooLarge = true
                body.clear()
            } else if body.readableBytes == 0 {
                body = chunk
            } else {
                body.writeBuffer(&chunk)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let request = ServerRequest(method: head.method.rawValue, uri: head.uri,
                                        contentType: head.headers.first(name: "content-type"),
                                        inferenceHeaderLength: head.headers.first(name: "inference-header-content-length"),
                                        body: body, bodyTooLarge: tooLarge, receivedAt: .now)
            body = ByteBuffer()
            answer(request, head: head, context: context)
        }
    }

    private func answer(_ request: ServerRequest, head: HTTPRequestHead, context: ChannelHandlerContext) {
        if routes.runsOnEventLoop(request) {
            write(routes.respond(to: request), for: head, context: context)
            return
        }
        let routes = self.routes
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let accepted = pool.submit(on: context.eventLoop, { routes.respond(to: request) }) { response in
            let (handler, context) = bound.value
            guard handler.attached else { return }
            handler.write(response, for: head, context: context)
        }
        if !accepted {
            write(routes.busy(request, queued: pool.maxQueued), for: head, context: context)
        }
    }

    private func write(_ response: ServerResponse, for head: HTTPRequestHead, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.reserveCapacity(4 + response.headers.count)
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.body.readableBytes))
        for h in response.headers { headers.add(name: h.name, value: h.value) }
        if let timing = response.serverTiming { headers.add(name: "Server-Timing", value: timing.headerValue) }
        let keepAlive = head.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: response.status.code, reasonPhrase: response.status.reasonPhrase)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
        }
    }
}
