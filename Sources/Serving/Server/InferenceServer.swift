import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// The built-in inference server behind `dashboard serve`.
///
/// Owns the model registry and the metrics, and serves `ServerRoutes` over one
/// of two transports: plain SwiftNIO (the default, measured fastest) or
/// hummingbird (`makeApplication()`, also what the endpoint tests drive).
///
/// ```swift
/// let server = InferenceServer(configuration: .init(port: 0), logger: logger)
/// server.registry.put(try ServedModel(id: "champion", genome: genome))
/// try await server.run { host, port in print("listening on http://\(host):\(port)") }
/// ```
public struct InferenceServer: Sendable {
    public struct Configuration: Sendable {
        /// Address to bind; loopback unless the user asks otherwise.
        public var host: String
        /// Port to bind; 0 picks a free one (reported to `onListening`).
        public var port: Int
        /// Largest request body accepted (413 above it).
        public var maxBodyBytes: Int
        /// Event-loop threads serving connections (2 measured best on 2 cores).
        public var eventLoopThreads: Int
        /// Level the request log lines are written at.
        public var requestLogLevel: Logger.Level

        public init(host: String = "127.0.0.1", port: Int = 8000, maxBodyBytes: Int = 8 << 20,
                    eventLoopThreads: Int = 2, requestLogLevel: Logger.Level = .info) {
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.eventLoopThreads = eventLoopThreads
            self.requestLogLevel = requestLogLevel
        }
    }

    /// The HTTP stack under the routes.
    public enum Transport: String, Sendable, CaseIterable {
        case nio, hummingbird
    }

    public let configuration: Configuration
    public let registry: ModelRegistry
    public let metrics: ServerMetrics
    public let decoder: ModelDecoder
    public let logger: Logger
    public let routes: ServerRoutes

    public init(configuration: Configuration = .init(), decoder: ModelDecoder = .neatPython, logger: Logger) {
        let metrics = ServerMetrics()
        let registry = ModelRegistry(onChange: { metrics.setModelsLoaded($0) })
        self.configuration = configuration
        self.metrics = metrics
        self.registry = registry
        self.decoder = decoder
        self.logger = logger
        self.routes = ServerRoutes(registry: registry, decoder: decoder, metrics: metrics,
                                   log: RequestLog(logger: logger, level: configuration.requestLogLevel, metrics: metrics),
                                   maxBodyBytes: configuration.maxBodyBytes)
    }

    /// The routes as a hummingbird application (tests drive it with HummingbirdTesting).
    ///
    /// - Parameter onListening: called once bound, with the host and the real port.
    public func makeApplication(
        eventLoopGroup: EventLoopGroupProvider = .singleton,
        onListening: @escaping @Sendable (String, Int) async -> Void = { _, _ in }
    ) -> some ApplicationProtocol {
        let host = configuration.host
        return Application(
            responder: HummingbirdTransport<BasicRequestContext>(routes: routes, maxBodyBytes: configuration.maxBodyBytes),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onListening(host, channel.localAddress?.port ?? 0) },
            eventLoopGroupProvider: eventLoopGroup,
            logger: logger
        )
    }

    /// Serves until the task is cancelled (`.nio`) or until SIGINT/SIGTERM (`.hummingbird`).
    public func run(transport: Transport = .nio, onListening: @escaping @Sendable (String, Int) async -> Void) async throws {
        switch transport {
        case .nio:
            try await NIOHTTPTransport(routes: routes, host: configuration.host, port: configuration.port,
                                       maxBodyBytes: configuration.maxBodyBytes, eventLoopThreads: configuration.eventLoopThreads)
                .run(onListening: onListening)
        case .hummingbird:
            let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.eventLoopThreads))
            let app = makeApplication(eventLoopGroup: .shared(group), onListening: onListening)
            do {
                try await app.runService()
            } catch {
                try? await group.shutdownGracefully()
                throw error
            }
            try await group.shutdownGracefully()
        }
    }
}
