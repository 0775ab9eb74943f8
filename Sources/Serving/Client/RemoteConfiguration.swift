/// Everything `RemoteBackend` needs to know: where the server is, which API it
/// speaks, how networks reach it, how rows are grouped into requests, and how
/// long to wait and retry.
///
/// ```swift
/// var config = RemoteConfiguration(serverURL: "http://127.0.0.1:8000")
/// config.batchSize = 8        // --batch 8: up to 8 rows per request
/// config.concurrency = 4      // --concurrency 4: up to 4 requests in flight per worker
/// config.protocol = .v2       // --protocol v2: the Open Inference Protocol
/// let backend = try RemoteBackend(configuration: config, logger: logger)
/// ```
public struct RemoteConfiguration: Sendable, Equatable {
    /// Base URL of the server, e.g. `http://127.0.0.1:8000` (a path prefix is kept).
    public var serverURL: String
    /// Which server it is for the dashboard API; `.auto` asks `GET /healthz` once.
    public var serverKind: ServerKind = .auto
    /// Which API to speak; `.auto` asks `GET /v2/health/ready` (200: v2), else the dashboard API.
    public var `protocol`: RemoteProtocol = .auto
    /// How v2 tensors travel: binary (Triton's extension) unless the server does not list it.
    public var tensorFormat: TensorFormat = .binary
    /// How each generation's networks reach the server.
    public var delivery: ModelDelivery = .auto
    /// Rows per request (the N of `--batch N`); at least 1.
    public var batchSize: Int = 1
    /// Requests in flight per worker (the C of `--concurrency C`); at least 1.
    public var concurrency: Int = 1
    /// Keep-alive connections per worker; the `concurrency` requests in flight are
    /// spread over them and pipelined on each (HTTP/1.1). Nil: one connection, every
    /// request pipelined on it — measured fastest against `dashboard serve` (batch 1:
    /// 1.6× the requests per second of one connection per request) and no slower
    /// against the ONNX Runtime service (docs/remote.md).
    public var connectionsPerWorker: Int?
    /// How many worker threads will call `infer` at once.
    public var workers: Int = 1
    /// Deadline for one request attempt, from send to the last byte of the answer.
    public var requestTimeout: Duration = .seconds(5)
    /// Deadline for one upload, model load or health-check attempt.
    public var uploadTimeout: Duration = .seconds(60)
    /// Deadline for opening a TCP connection.
    public var connectTimeout: Duration = .seconds(2)
    /// Retries for connection errors, timeouts, 5xx and 429.
    public var retry: RetryPolicy = RetryPolicy()
    /// Largest answer body accepted (a hostile server cannot make the client allocate more).
    public var maxResponseBytes: Int = 64 << 20
    /// The v2 model's input and output tensor names (what `dashboard export --format onnx` writes).
    public var v2InputName = "input"
    public var v2OutputName = "output"

    public init(serverURL: String) {
        self.serverURL = serverURL
    }

    /// The connections each worker keeps.
    var connections: Int { max(1, min(connectionsPerWorker ?? 1, concurrency)) }

    /// `serverURL` without a trailing slash, checked; throws naming the bad field.
    func validatedBaseURL() throws(RemoteError) -> String {
        func bad(_ field: String, _ expected: String, _ received: Any) -> RemoteError {
            .client("remote configuration: \(field) must be \(expected), received \(received)")
        }
        guard batchSize >= 1 else { throw bad("batch size (--batch)", "at least 1", batchSize) }
        guard concurrency >= 1 else { throw bad("concurrency (--concurrency)", "at least 1", concurrency) }
        guard workers >= 1 else { throw bad("workers", "at least 1", workers) }
        if let c = connectionsPerWorker, c < 1 { throw bad("connections per worker (--connections)", "at least 1", c) }
        guard requestTimeout > .zero else { throw bad("request timeout", "positive", requestTimeout) }
        guard uploadTimeout > .zero else { throw bad("upload timeout", "positive", uploadTimeout) }
        guard connectTimeout > .zero else { throw bad("connect timeout", "positive", connectTimeout) }
        guard maxResponseBytes >= 1024 else { throw bad("largest response", "at least 1024 bytes", maxResponseBytes) }
        var url = serverURL
        while url.hasSuffix("/") { url.removeLast() }
        if url.lowercased().hasPrefix("https://") {
            throw bad("server URL (--server-url)", "an http:// URL (HTTPS is not supported: reach the server on a trusted network or through a TLS-terminating proxy)", "'\(serverURL)'")
        }
        guard url.lowercased().hasPrefix("http://"), url.count > "http://".count else {
            throw bad("server URL (--server-url)", "an http:// URL such as http://127.0.0.1:8000", "'\(serverURL)'")
        }
        if case .repository(let dir, _) = delivery, dir.isEmpty {
            throw bad("model repository (--model-repository)", "a folder", "''")
        }
        return url
    }
}
