import Logging
import NIOCore
import Wire

/// The built-in inference server behind `dashboard serve`.
///
/// Owns the model registry and the metrics, and serves `ServerRoutes` over
/// `HTTPServer` (SwiftNIO) with a `WorkPool` for the heavy requests.
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
        /// What one request may cost (body size, networks, rows); 413 above.
        public var limits: ServerLimits
        /// Event-loop threads serving connections (2 measured best on 2 cores).
        public var eventLoopThreads: Int
        /// Threads decoding uploads and evaluating large batches off the event loops.
        public var workerThreads: Int
        /// Uploads and large requests waiting or running at once; more get 503.
        public var maxQueued: Int
        /// Level the request log lines are written at.
        public var requestLogLevel: Logger.Level
        /// Where v2 repository loads without a file read networks from.
        public var modelRepository: String?
        /// Estimated bytes of the networks kept from `POST /infer`'s inline
        /// `"networks"` (`--model-cache-bytes`), least recently used evicted first.
        public var modelCacheBytes: Int = ModelCache.defaultCapacityBytes
        /// More Prometheus text for `GET /metrics`, rendered on each scrape after the
        /// server's own families (`dashboard serve` adds the process figures from /proc).
        public var metricsAppendix: (@Sendable () -> String)? = nil
        /// Whether inference answers carry `Server-Timing` (the server's decode, queue,
        /// compute and encode times); off for a server that should not reveal them.
        public var sendsServerTiming = true
        /// Every answer is written this long after it is ready, without blocking the
        /// event loop: an emulated network hop for testing (zero: none).
        public var addedLatency: Duration = .zero
        /// Every evaluation takes this much longer, spent spinning on its thread as a
        /// heavier model would: an emulated slow server for testing (zero: none).
        public var addedComputeLatency: Duration = .zero

        public init(host: String = "127.0.0.1", port: Int = 8000, limits: ServerLimits = .standard,
                    eventLoopThreads: Int = 2, workerThreads: Int = 2, maxQueued: Int = 64,
                    requestLogLevel: Logger.Level = .info, modelRepository: String? = nil) {
            self.host = host
            self.port = port
            self.limits = limits
            self.eventLoopThreads = eventLoopThreads
            self.workerThreads = workerThreads
            self.maxQueued = maxQueued
            self.requestLogLevel = requestLogLevel
            self.modelRepository = modelRepository
        }

        /// Shorthand for `limits.maxBodyBytes`.
        public var maxBodyBytes: Int {
            get { limits.maxBodyBytes }
            set { limits.maxBodyBytes = newValue }
        }
    }

    public let configuration: Configuration
    public let registry: ModelRegistry
    public let metrics: ServerMetrics
    public let decoder: ModelDecoder
    public let logger: Logger
    public let routes: ServerRoutes
    /// The networks received inline, by content id.
    public let modelCache: ModelCache

    public init(configuration: Configuration = .init(), decoder: ModelDecoder = .neatPython, logger: Logger) {
        let metrics = ServerMetrics(appendix: configuration.metricsAppendix)
        let registry = ModelRegistry(onChange: { metrics.setModelsLoaded($0) })
        self.configuration = configuration
        self.metrics = metrics
        self.registry = registry
        self.decoder = decoder
        self.logger = logger
        let cache = ModelCache(capacityBytes: configuration.modelCacheBytes, onChange: { metrics.setModelCache($0) })
        self.modelCache = cache
        self.routes = ServerRoutes(registry: registry, decoder: decoder, metrics: metrics,
                                   log: RequestLog(logger: logger, level: configuration.requestLogLevel, metrics: metrics),
                                   limits: configuration.limits, repository: configuration.modelRepository.map(ModelRepository.init), cache: cache,
                                   sendsServerTiming: configuration.sendsServerTiming, addedCompute: configuration.addedComputeLatency)
    }

    /// Binds, calls `onListening` with the host and real port, and serves until the task is cancelled.
    public func run(onListening: @escaping @Sendable (String, Int) async -> Void) async throws {
        let pool = WorkPool(threads: configuration.workerThreads, maxQueued: configuration.maxQueued)
        try await HTTPServer(routes: routes, host: configuration.host, port: configuration.port,
                             maxBodyBytes: configuration.limits.maxBodyBytes,
                             eventLoopThreads: configuration.eventLoopThreads, pool: pool,
                             addedLatency: .nanoseconds(Int64(configuration.addedLatency.nanoseconds)))
            .run(onListening: onListening)
    }
}
