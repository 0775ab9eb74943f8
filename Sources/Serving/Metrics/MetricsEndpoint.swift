import Engine
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 server for Prometheus scrapes: `GET /metrics` answers with the
/// text that `render` returns, on the endpoint's own event-loop thread.
///
/// The trainer and the monitor start one with `--metrics-port`. It knows nothing of
/// what it serves: `render` is called once per scrape on the endpoint's thread
/// (named `metrics-http`), so taking a snapshot and formatting it never runs on a
/// training thread, and a slow scraper never delays one. Nothing is buffered from
/// a request but its head; bodies are read and dropped. See `MetricsRequestHandler`
/// for the routes.
///
/// ```swift
/// let endpoint = try MetricsEndpoint.start(host: "127.0.0.1", port: 0) { "up 1\n" }
/// print(endpoint.url)   // http://127.0.0.1:40817/metrics
/// endpoint.stop()
/// ```
public final class MetricsEndpoint: Sendable {
    /// The address bound.
    public let host: String
    /// The port bound (the real one when 0 was asked for).
    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    /// Connections silent this long are closed by default (a scraper reconnects at once).
    public static let standardIdleTimeout = TimeAmount.seconds(60)

    /// The endpoint could not listen: names the address and why.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    private init(host: String, port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.host = host; self.port = port; self.group = group; self.channel = channel
    }

    /// Binds `host:port` (0: a free port) and serves until `stop()`.
    /// - Parameters:
    ///   - idleTimeout: connections that send nothing for this long are closed.
    ///   - render: the exposition text; runs on the endpoint's thread, once per scrape.
    public static func start(host: String, port: Int, idleTimeout: TimeAmount = standardIdleTimeout,
                             render: @escaping @Sendable () -> String) throws -> MetricsEndpoint {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel: any Channel
        do {
            try group.next().submit { CurrentThread.setName("metrics-http") }.wait()
            channel = try ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 64)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.addHandler(IdleStateHandler(readTimeout: idleTimeout))
                        try sync.configureHTTPServerPipeline(withErrorHandling: true)
                        try sync.addHandler(MetricsRequestHandler(render: render))
                    }
                }
                .bind(host: host, port: port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw StartError(description: "cannot serve metrics on \(host):\(port): \(error)")
        }
        return MetricsEndpoint(host: host, port: channel.localAddress?.port ?? port, group: group, channel: channel)
    }

    /// The scrape address, e.g. `http://127.0.0.1:9464/metrics` (`http://[::1]:9464/metrics` for IPv6).
    public var url: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "http://\(h):\(port)/metrics"
    }

    /// Stops listening, closes open connections and ends the thread.
    public func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}
