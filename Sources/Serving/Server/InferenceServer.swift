import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// The built-in inference server behind `dashboard serve`.
///
/// Builds a hummingbird application: the routes of `ServerRoutes`, behind
/// `RequestLogMiddleware`, on an event-loop group of `eventLoopThreads` threads.
///
/// ```swift
/// let server = InferenceServer(configuration: .init(port: 0), logger: logger)
/// try server.registry.put(ServedModel(id: "champion", genome: genome))
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
        /// Event-loop threads serving connections (1 measured best on 2 cores).
        public var eventLoopThreads: Int
        /// Level the request log lines are written at.
        public var requestLogLevel: Logger.Level

        public init(host: String = "127.0.0.1", port: Int = 8000, maxBodyBytes: Int = 8 << 20,
                    eventLoopThreads: Int = 1, requestLogLevel: Logger.Level = .info) {
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.eventLoopThreads = eventLoopThreads
            self.requestLogLevel = requestLogLevel
        }
    }

    public let configuration: Configuration
    public let registry: ModelRegistry
    public let metrics: ServerMetrics
    public let decoder: ModelDecoder
    public let logger: Logger

    public init(configuration: Configuration = .init(), decoder: ModelDecoder = .neatPython, logger: Logger) {
        let metrics = ServerMetrics()
        self.configuration = configuration
        self.metrics = metrics
        self.registry = ModelRegistry(onChange: { metrics.setModelsLoaded($0) })
        self.decoder = decoder
        self.logger = logger
    }

    /// The router with every route and the request-log middleware.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware(logger: logger, level: configuration.requestLogLevel, metrics: metrics))
        ServerRoutes(registry: registry, decoder: decoder, metrics: metrics, maxBodyBytes: configuration.maxBodyBytes)
            .register(on: router)
        return router
    }

    /// The hummingbird application (also what tests drive with HummingbirdTesting).
    ///
    /// - Parameter onListening: called once bound, with the host and the real port.
    public func makeApplication(
        eventLoopGroup: EventLoopGroupProvider = .singleton,
        onListening: @escaping @Sendable (String, Int) async -> Void = { _, _ in }
    ) -> some ApplicationProtocol {
        let host = configuration.host
        return Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onListening(host, channel.localAddress?.port ?? 0) },
            eventLoopGroupProvider: eventLoopGroup,
            logger: logger
        )
    }

    /// Runs until SIGINT or SIGTERM.
    ///
    /// With `ownsProcess` (the `dashboard serve` process), the event loops also
    /// become Swift Concurrency's global executor, so a request's handler runs on
    /// the thread that read it instead of hopping to the concurrency pool and
    /// back (measured: see docs/serving.md). Otherwise it gets its own event-loop group.
    public func run(ownsProcess: Bool = false, onListening: @escaping @Sendable (String, Int) async -> Void) async throws {
        if ownsProcess {
            let app = makeApplication(eventLoopGroup: .singleton, onListening: onListening)
            try await app.runService()
            return
        }
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

    /// Makes the process-wide NIO event-loop group (`threads` loops) Swift
    /// Concurrency's global executor. Call once, first thing, in a process that
    /// only serves; returns false if it could not be installed.
    public static func takeOverConcurrencyPool(threads: Int) -> Bool {
        NIOSingletons.groupLoopCountSuggestion = max(1, threads)
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
