import NIOCore
import NIOHTTP1
import NIOPosix

/// A bare SwiftNIO HTTP/1.1 server with only `POST /infer` and `/noop`: the
/// measuring stick that decided hummingbird vs plain NIO (`dashboard serve --engine nio`).
///
/// Same `InferEndpoint` as the real server, no router, middleware, metrics or
/// request log, so the difference between the two is what the framework costs.
/// Not for production use: no body limit beyond `maxBodyBytes`, no model uploads.
public struct NIOBaselineServer: Sendable {
    public let registry: ModelRegistry
    public let host: String
    public let port: Int
    public let maxBodyBytes: Int
    public let eventLoopThreads: Int

    public init(registry: ModelRegistry, host: String, port: Int, maxBodyBytes: Int, eventLoopThreads: Int) {
        self.registry = registry
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.eventLoopThreads = eventLoopThreads
    }

    /// Binds, calls `onListening` with the real port, and serves until the process ends.
    public func run(onListening: @Sendable (String, Int) -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, eventLoopThreads))
        let endpoint = InferEndpoint(registry: registry)
        let limit = maxBodyBytes
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(BaselineHandler(endpoint: endpoint, maxBodyBytes: limit))
                }
            }
            .bind(host: host, port: port).get()
        onListening(host, channel.localAddress?.port ?? port)
        try await channel.closeFuture.get()
        try await group.shutdownGracefully()
    }
}

/// One connection's request handling for `NIOBaselineServer`.
final class BaselineHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let endpoint: InferEndpoint
    private let maxBodyBytes: Int
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false

    init(endpoint: InferEndpoint, maxBodyBytes: Int) {
        self.endpoint = endpoint
        self.maxBodyBytes = maxBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.clear()
            tooLarge = false
        case .body(var chunk):
            if body.readableBytes + chunk.readableBytes > maxBodyBytes { tooLarge = true } else { body.writeBuffer(&chunk) }
        case .end:
            guard let head else { return }
            respond(context: context, head: head)
            self.head = nil
        }
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead) {
        var status = HTTPResponseStatus.ok
        let out: ByteBuffer
        if tooLarge {
            let e = ServingError(.contentTooLarge, "request body is over the limit of \(maxBodyBytes) bytes")
            status = .payloadTooLarge
            out = e.jsonBody
        } else if head.uri == "/infer" && head.method == .POST {
            do {
                out = try endpoint.respond(to: body).body
            } catch {
                status = HTTPResponseStatus(statusCode: error.status.code)
                out = error.jsonBody
            }
        } else if head.uri == "/noop" {
            out = ServerRoutes.noopBody
        } else {
            status = .notFound
            out = ServingError(.notFound, "no such route (the NIO baseline serves only POST /infer and /noop)").jsonBody
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(out.readableBytes))
        let keepAlive = head.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(out))), promise: nil)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
        }
    }
}
