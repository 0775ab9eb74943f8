import AsyncHTTPClient
import Dispatch
import Engine
import Logging
import NIOCore
import Wire
import NIOPosix
import Synchronization

/// Runs inference on a remote HTTP server (`dashboard serve` or the ONNX
/// Runtime service): the `--mode remote --batch N --concurrency C` contender.
///
/// `loadGeneration` uploads the whole population once (`PUT /v1/population`,
/// model ids `g<generation>-<index>`); each worker's session then sends its
/// tick batches as `POST /infer` requests of at most `batchSize` rows, up to
/// `concurrency` at a time, over one shared keep-alive connection pool.
/// Failures are retried per `RetryPolicy`, counted in `stats` (and reported to
/// the observer), and thrown: nothing fails silently.
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

    let client: HTTPClient
    let group: MultiThreadedEventLoopGroup
    let logger: Logger
    let clock: any NanoClock
    let modelEncoder: ModelEncoder
    private let observer: (any RemoteRequestObserver)?
    private let state = Mutex<State>(State())

    private struct State {
        var kind: ServerKind?
        /// `g<generation>-`, once a generation is loaded.
        var modelPrefix: String?
        var isShutDown = false
    }

    public var mode: InferenceMode { .remote(batch: configuration.batchSize) }

    /// Creates the client (its own event loop group and connection pool); no
    /// request is made until `serverKind()` or `loadGeneration`.
    ///
    /// - Throws: `RemoteError.client` naming a bad configuration field.
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
        if configuration.serverKind != .auto {
            state.withLock { $0.kind = configuration.serverKind }
        }
        group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.eventLoopThreads)
        var http = HTTPClient.Configuration()
        http.timeout = .init(connect: .nanoseconds(configuration.connectTimeout.nanoseconds), read: nil)
        http.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, configuration.concurrency * configuration.workers))
        http.httpVersion = .http1Only
        http.redirectConfiguration = .disallow
        http.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: http, backgroundActivityLogger: logger)
    }

    deinit {
        let alreadyDown = state.withLock { s in
            defer { s.isShutDown = true }
            return s.isShutDown
        }
        if !alreadyDown {
            // deinit may run on any thread (even an event loop), so never block here.
            let group = self.group
            client.shutdown { _ in group.shutdownGracefully { _ in } }
        }
    }

    /// Closes every connection and stops the event loop. Idempotent; blocks.
    public func shutdown() {
        let alreadyDown = state.withLock { s in
            defer { s.isShutDown = true }
            return s.isShutDown
        }
        if alreadyDown { return }
        let done = DispatchSemaphore(value: 0)
        client.shutdown { _ in done.signal() }
        done.wait()
        try? group.syncShutdownGracefully()
    }

    /// Which server this is: the configured kind, or (for `.auto`) the
    /// `"server"` field of `GET /healthz`, asked once and remembered.
    ///
    /// - Throws: `RemoteError` if the server cannot be reached or names an unknown kind.
    public func serverKind() throws(RemoteError) -> ServerKind {
        if let kind = state.withLock({ $0.kind }) { return kind }
        let endpoint = "GET \(baseURL)/healthz"
        let response = try performBlocking(method: .GET, path: "/healthz", body: nil, timeout: configuration.uploadTimeout)
        let body = response.body.map { String(buffer: $0) } ?? ""
        guard let name = JSONField.string("server", in: body) else {
            throw .badResponse(endpoint: endpoint, message: "expected a JSON object with a \"server\" field (\"dashboard\" or \"onnxruntime\"), received '\(body.prefix(200))'")
        }
        guard let kind = ServerKind(rawValue: name), kind != .auto else {
            throw .badResponse(endpoint: endpoint, message: "unknown server \"\(name)\"; expected \"dashboard\" or \"onnxruntime\" (or pass --server-kind)")
        }
        state.withLock { $0.kind = kind }
        logger.debug("remote server kind", metadata: ["url": "\(baseURL)", "kind": "\(kind)"])
        return kind
    }

    /// Uploads the generation's models (`PUT /v1/population`, replacing the
    /// previous generation) and makes them the ones sessions ask for.
    ///
    /// - Throws: `RemoteError` if encoding or the upload fails (after retries).
    public func loadGeneration(_ models: GenerationModels) throws {
        let kind = try serverKind()
        let prefix = "g\(models.generation)-"
        var body = ByteBuffer()
        body.writeStaticString("{\"models\":{")
        for (i, genome) in models.genomes.enumerated() {
            let json: String
            do {
                json = try modelEncoder.encode(genome, kind)
            } catch {
                let e = RemoteError.client("cannot encode genome \(genome.id) (index \(i)) of generation \(models.generation) for the \(kind) server: \(error)")
                stats.uploadFinished(models: models.count, bytes: 0, nanos: 0, error: e)
                observer?.uploadFinished(models: models.count, bytes: 0, nanos: 0, error: e)
                throw e
            }
            if i > 0 { body.writeStaticString(",") }
            body.writeStaticString("\"")
            body.writeString(prefix)
            InferRequestEncoder.writeDecimal(i, into: &body)
            body.writeStaticString("\":")
            body.writeString(json)
        }
        body.writeStaticString("}}")
        let bytes = body.readableBytes
        let start = clock.nanoseconds()
        do {
            _ = try performBlocking(method: .PUT, path: "/v1/population", body: body, timeout: configuration.uploadTimeout)
        } catch {
            let nanos = clock.nanoseconds() &- start
            stats.uploadFinished(models: models.count, bytes: bytes, nanos: nanos, error: error)
            observer?.uploadFinished(models: models.count, bytes: bytes, nanos: nanos, error: error)
            throw error
        }
        let nanos = clock.nanoseconds() &- start
        stats.uploadFinished(models: models.count, bytes: bytes, nanos: nanos, error: nil)
        observer?.uploadFinished(models: models.count, bytes: bytes, nanos: nanos, error: nil)
        state.withLock { $0.modelPrefix = prefix }
        logger.debug("uploaded population", metadata: [
            "generation": "\(models.generation)", "models": "\(models.count)", "bytes": "\(bytes)",
            "ms": "\(Double(nanos) / 1e6)",
        ])
    }

    public func makeSession(worker: Int) -> any InferenceSession {
        RemoteSession(backend: self, worker: worker)
    }

    /// The model id prefix of the loaded generation, or nil before the first upload.
    var modelPrefix: String? { state.withLock { $0.modelPrefix } }

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
}
