import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves `ServerRoutes` over HTTP/1.1 (keep-alive, pipelining) with plain SwiftNIO.
///
/// The default transport of `dashboard serve`: a request is answered on the
/// event-loop thread that read it, with no task hop, which measured about twice
/// the requests/s of the same routes behind hummingbird (docs/serving.md).
struct NIOHTTPTransport: Sendable {
    let routes: ServerRoutes
    let host: String
    let port: Int
    let maxBodyBytes: Int
    let eventLoopThreads: Int

    /// Binds, calls `onListening` with the real port, and serves until the task is cancelled.
    func run(onListening: @Sendable (String, Int) async -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, eventLoopThreads))
        let routes = self.routes
        let limit = maxBodyBytes
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(HTTPRouteHandler(routes: routes, maxBodyBytes: limit))
                    }
                }
                .bind(host: host, port: port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        await onListening(host, channel.localAddress?.port ?? port)
        try await withTaskCancellationHandler {
            try await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
        try await group.shutdownGracefully()
    }
}

/// One connection: gathers a request's head and body, answers it with `ServerRoutes`.
final class HTTPRouteHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let routes: ServerRoutes
    private let maxBodyBytes: Int
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false

    init(routes: ServerRoutes, maxBodyBytes: Int) {
        self.routes = routes
        self.maxBodyBytes = maxBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.clear()
            tooLarge = h.headers.first(name: "content-length").flatMap { Int($0) }.map { $0 > maxBodyBytes } ?? false
        case .body(var chunk):
            // Over the limit: keep reading (and dropping) so the connection stays usable, answer 413 at the end.
            if tooLarge || body.readableBytes + chunk.readableBytes > maxBodyBytes {
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
                                        contentType: head.headers.first(name: "content-type"), body: body, bodyTooLarge: tooLarge)
            body = ByteBuffer()
            write(routes.respond(to: request), for: head, context: context)
        }
    }

    private func write(_ response: ServerResponse, for head: HTTPRequestHead, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.reserveCapacity(4)
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.body.readableBytes))
        if let allow = response.allow { headers.add(name: "Allow", value: allow) }
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
