import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves `ServerRoutes` over HTTP/1.1 (keep-alive, pipelining) with SwiftNIO:
/// NIO's request decoder parses, and `HTTPConnectionHandler` answers in order and
/// writes each answer's bytes itself (`HTTPResponseHead`).
///
/// The event loops frame HTTP and nothing else heavy: a request the routes can
/// answer at once (`ServerRoutes.runsOnEventLoop`: health, metrics, small
/// inference requests) is answered on the loop that read it, with no thread hop;
/// everything else (uploads, large batches) goes to the `WorkPool` and its
/// answer is written back on the same loop. A connection has one answer in
/// progress at a time, so answers stay in request order.
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
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
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
