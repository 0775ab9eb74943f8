/// Everything `RemoteBackend` needs to know: where the server is, how rows are
/// grouped into requests, and how long to wait and retry.
///
/// ```swift
/// var config = RemoteConfiguration(serverURL: "http://127.0.0.1:8000")
/// config.batchSize = 8        // --batch 8: up to 8 rows per POST /infer
/// config.concurrency = 4      // --concurrency 4: up to 4 requests in flight per worker
/// config.workers = 2          // tournament worker threads (sizes the connection pool)
/// let backend = try RemoteBackend(configuration: config, logger: logger)
/// ```
public struct RemoteConfiguration: Sendable, Equatable {
    /// Base URL of the server, e.g. `http://127.0.0.1:8000` (no trailing path).
    public var serverURL: String
    /// Which server it is; `.auto` asks `GET /healthz` once.
    public var serverKind: ServerKind = .auto
    /// Rows per `POST /infer` (the N of `--batch N`); at least 1.
    public var batchSize: Int = 1
    /// Requests in flight per worker (the C of `--concurrency C`); at least 1.
    public var concurrency: Int = 1
    /// How many worker threads will call `infer` at once; the keep-alive pool
    /// holds up to `concurrency × workers` connections.
    public var workers: Int = 1
    /// Deadline for one `/infer` attempt, from send to the last byte of the answer.
    public var requestTimeout: Duration = .seconds(5)
    /// Deadline for one `PUT /v1/population` or `GET /healthz` attempt.
    public var uploadTimeout: Duration = .seconds(60)
    /// Deadline for opening a TCP connection.
    public var connectTimeout: Duration = .seconds(2)
    /// Retries for connection errors, timeouts and 5xx.
    public var retry: RetryPolicy = RetryPolicy()
    /// Threads of the client's own event loop group (1 is best on a small machine:
    /// the worker threads do the JSON work, the loop only moves bytes).
    public var eventLoopThreads: Int = 1

    public init(serverURL: String) {
        self.serverURL = serverURL
    }

    /// `serverURL` without a trailing slash, checked; throws naming the bad field.
    func validatedBaseURL() throws(RemoteError) -> String {
        func bad(_ field: String, _ expected: String, _ received: Any) -> RemoteError {
            .client("remote configuration: \(field) must be \(expected), received \(received)")
        }
        guard batchSize >= 1 else { throw bad("batch size (--batch)", "at least 1", batchSize) }
        guard concurrency >= 1 else { throw bad("concurrency (--concurrency)", "at least 1", concurrency) }
        guard workers >= 1 else { throw bad("workers", "at least 1", workers) }
        guard eventLoopThreads >= 1 else { throw bad("event loop threads", "at least 1", eventLoopThreads) }
        guard requestTimeout > .zero else { throw bad("request timeout", "positive", requestTimeout) }
        guard uploadTimeout > .zero else { throw bad("upload timeout", "positive", uploadTimeout) }
        guard connectTimeout > .zero else { throw bad("connect timeout", "positive", connectTimeout) }
        var url = serverURL
        while url.hasSuffix("/") { url.removeLast() }
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.count > "https://".count else {
            throw bad("server URL (--server-url)", "an http:// or https:// URL such as http://127.0.0.1:8000", "'\(serverURL)'")
        }
        return url
    }
}
