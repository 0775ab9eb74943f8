import Engine
import Logging
import NIOCore
import Synchronization
import Wire

/// Runs inference on a remote HTTP server: `dashboard serve`, the ONNX Runtime
/// service, or any Open Inference Protocol (v2) server such as MLServer or
/// Triton. The `--mode remote --batch N --concurrency C` contender.
///
/// Three pieces, each chosen once: the *transport* (`PipelinedExchange`:
/// sockets owned by each worker thread, requests pipelined, retries and
/// deadlines), the *protocol* (the dashboard API or v2, JSON or binary
/// tensors: `RemoteProtocol`, `TensorFormat`) and the *model delivery*
/// (`ModelDelivery`: networks named by content id and sent only to a server that
/// lacks them, a population upload, v2 loads with the file inline, or files
/// written to a repository folder then loaded). The tournament sees only
/// `InferenceBackend`.
///
/// `loadGeneration`, `infer` and `shutdown` block their calling thread; call
/// them from plain threads (the tournament's workers), not from Swift
/// concurrency tasks.
///
/// ```swift
/// var config = RemoteConfiguration(serverURL: server.url)
/// config.batchSize = 8
/// let backend = try RemoteBackend(configuration: config, logger: logger)
/// defer { backend.shutdown() }
/// try backend.loadGeneration(models)
/// let session = backend.makeSession(worker: 0)
/// try session.infer(batch)
/// ```
public final class RemoteBackend: InferenceBackend {
    public let configuration: RemoteConfiguration
    /// Counters for every request, retry and failure, with the last error.
    public let stats = RemoteStats()
    /// Base URL without a trailing slash.
    public let baseURL: String

    let target: HTTPTarget
    let logger: Logger
    let clock: any NanoClock
    let modelEncoder: ModelEncoder
    let observer: (any RemoteRequestObserver)?
    /// Splits v2 round trips with the server's statistics when answers carry no `Server-Timing`.
    let statistics: StatisticsSplitter
    let state = Locked<State>(State())

    struct State {
        var kind: ServerKind?
        var resolved: ResolvedProtocol?
        /// `g<generation>-`, once a generation is loaded.
        var modelPrefix: String?
        /// The generation's content ids and documents (content-addressed delivery).
        var content: ContentModels?
        /// Model names loaded one by one (v2 deliveries), to unload when replaced.
        var loadedNames: [String] = []
        var isShutDown = false
    }

    public var mode: InferenceMode { .remote(batch: configuration.batchSize) }

    /// Checks the configuration and resolves the server's address; no request
    /// is made until the first `loadGeneration` or `resolvedProtocol()`.
    ///
    /// - Throws: `RemoteError.client` naming a bad configuration field or host.
    public init(
        configuration: RemoteConfiguration,
        logger: Logger,
        observer: (any RemoteRequestObserver)? = nil,
        modelEncoder: ModelEncoder = .standard,
        clock: any NanoClock = SystemClock()
    ) throws(RemoteError) {
        baseURL = try configuration.validatedBaseURL()
        self.configuration = configuration
        self.logger = logger
        self.observer = observer
        self.modelEncoder = modelEncoder
        self.clock = clock
        target = try Self.target(baseURL: baseURL, configuration: configuration)
        statistics = StatisticsSplitter(target: target, baseURL: baseURL, timeout: configuration.requestTimeout, logger: logger, observer: observer)
        if configuration.serverKind != .auto {
            state.withLock { $0.kind = configuration.serverKind }
        }
    }

    /// Host, port and path prefix of `http://HOST[:PORT][/PATH]`, resolved.
    static func target(baseURL: String, configuration: RemoteConfiguration) throws(RemoteError) -> HTTPTarget {
        let rest = baseURL.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        let path = String(rest.dropFirst(authority.count))
        var host = String(authority), port = 80
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            host = String(authority[..<colon])
            guard let p = Int(authority[authority.index(after: colon)...]), (1...65535).contains(p) else {
                throw .client("remote configuration: server URL (--server-url) has a bad port in '\(baseURL)'")
            }
            port = p
        }
        guard !host.isEmpty else { throw .client("remote configuration: server URL (--server-url) has no host: '\(baseURL)'") }
        let address: SocketAddress
        do {
            address = try SocketAddress.resolve(host: host, port: port)
        } catch {
            throw .client("remote configuration: server URL (--server-url) '\(baseURL)': \(error)")
        }
        return HTTPTarget(address: address, hostHeader: String(authority), basePath: path,
                          connectTimeoutNanos: UInt64(configuration.connectTimeout.nanoseconds),
                          maxResponseBytes: configuration.maxResponseBytes)
    }

    /// Marks the backend shut down: sessions refuse further work and close their
    /// connections (each session's sockets close with it). Idempotent.
    public func shutdown() {
        state.withLock { $0.isShutDown = true }
        statistics.stop()
    }

    deinit { statistics.stop() }

    var isShutDown: Bool { state.withLock { $0.isShutDown } }

    public func makeSession(worker: Int) -> any InferenceSession {
        RemoteSession(backend: self, worker: worker)
    }

    /// The model id prefix of the loaded generation, or nil before the first upload.
    var modelPrefix: String? { state.withLock { $0.modelPrefix } }

    /// The loaded generation's prefix and (content-addressed delivery) its content ids, in one look.
    var loaded: (prefix: String?, content: ContentModels?) { state.withLock { ($0.modelPrefix, $0.content) } }

    /// Sets the model id prefix without uploading: for servers whose models
    /// were loaded another way (tests, a pre-loaded server).
    package func useLoadedModels(prefix: String) {
        state.withLock { $0.modelPrefix = prefix }
    }

    // MARK: Reporting

    func reportFinished(rows: Int, nanos: UInt64, error: RemoteError?) {
        stats.requestFinished(rows: rows, nanos: nanos, error: error)
        observer?.requestFinished(rows: rows, nanos: nanos, error: error)
        if let error { logger.warning("remote inference request failed", metadata: ["error": "\(error)"]) }
    }

    func reportRetry(_ error: RemoteError) {
        stats.retried(error)
        observer?.retried(error)
        logger.debug("retrying remote request", metadata: ["error": "\(error)"])
    }

    func reportUpload(models: Int, bytes: Int, nanos: UInt64, error: RemoteError?) {
        stats.uploadFinished(models: models, bytes: bytes, nanos: nanos, error: error)
        observer?.uploadFinished(models: models, bytes: bytes, nanos: nanos, error: error)
    }
}
