import Engine
import Logging
import Serving
import Synchronization

/// Makes and owns the inference backends of a run: the CPU backend, one remote
/// backend per batch size, and the built-in server child when no external
/// server URL was given (started on first use, stopped by `shutdown()`).
final class InferenceSetup: Sendable {
    struct Settings: Sendable {
        var concurrency = 4
        var workers = 1
        var serverURL: String?
        var serverKind: ServerKind = .auto
        var serverLogPath: String?
        var `protocol`: RemoteProtocol = .auto
        var tensorFormat: TensorFormat = .binary
        var delivery: ModelDelivery = .auto
        /// Connections per worker (nil: one per request in flight).
        var connections: Int?
    }

    let cpu = CPUBackend()
    let settings: Settings
    let metrics: MetricsRecorder
    let logger: Logger
    private let state = Locked<State>(State())

    private struct State {
        var server: EmbeddedServer?
        var remotes: [Int: RemoteBackend] = [:]
    }

    init(settings: Settings, metrics: MetricsRecorder, logger: Logger) {
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
    }

    /// The backend for `mode`, starting the built-in server if this is the first remote use.
    func backend(for mode: InferenceMode) throws -> any InferenceBackend {
        switch mode {
        case .cpu:
            return cpu
        case .remote(let batch):
            return try state.withLock { s -> RemoteBackend in
                if let r = s.remotes[batch] { return r }
                let url: String
                if let u = settings.serverURL {
                    url = u
                } else {
                    if s.server == nil {
                        var config = EmbeddedServer.Configuration()
                        if let p = settings.serverLogPath { config.logPath = p }
                        // A whole population per upload (150 dense 100-input genomes are ~10 MB of JSON).
                        config.arguments += ["--max-body-bytes", String(1 << 30), "--log-level", "warning"]
                        EmbeddedServerRegistry.shared.installAtExit()
                        let server = try EmbeddedServer.start(config)
                        logger.notice("started the built-in inference server at \(server.url) (pid \(server.pid), log \(server.logPath))")
                        s.server = server
                    }
                    url = s.server!.url
                }
                var rc = RemoteConfiguration(serverURL: url)
                rc.batchSize = batch
                rc.concurrency = settings.concurrency
                rc.workers = settings.workers
                rc.serverKind = settings.serverKind
                // The embedded server is this binary: speak its own API (requests mix
                // networks, so a batch is always N rows) unless a protocol was asked for.
                rc.protocol = settings.serverURL == nil && settings.protocol == .auto ? .dashboard : settings.protocol
                rc.tensorFormat = settings.tensorFormat
                rc.delivery = settings.delivery
                rc.connectionsPerWorker = settings.connections
                let observer = MetricsObserver(recorder: metrics.recorder(for: mode))
                let backend = try RemoteBackend(configuration: rc, logger: logger, observer: observer)
                s.remotes[batch] = backend
                return backend
            }
        }
    }

    /// The protocol the remote backend of `mode` resolved (nil for CPU, or before it was asked).
    func resolvedProtocol(for mode: InferenceMode) -> ResolvedProtocol? {
        guard case .remote(let batch) = mode, let r = state.withLock({ $0.remotes[batch] }) else { return nil }
        return try? r.resolvedProtocol()
    }

    /// The built-in server child's pid, when one runs.
    var childPID: Int32? { state.withLock { $0.server?.pid } }

    /// Closes every remote connection and stops the server child.
    func shutdown() {
        let (remotes, server) = state.withLock { s in
            defer { s.remotes = [:]; s.server = nil }
            return (Array(s.remotes.values), s.server)
        }
        for r in remotes { r.shutdown() }
        server?.stop()
    }
}

/// Feeds the remote backend's per-request events into the mode's metrics.
final class MetricsObserver: RemoteRequestObserver {
    let recorder: ModeRecorder

    init(recorder: ModeRecorder) { self.recorder = recorder }

    func requestFinished(rows: Int, nanos: UInt64, error: RemoteError?) {
        recorder.recordRequest(nanos: nanos, failed: error != nil, message: error.map { "\($0)" })
    }

    func requestTimed(_ breakdown: RequestBreakdown) {
        recorder.recordBreakdown(breakdown)
    }

    func retried(_ error: RemoteError) {
        recorder.recordRetry(message: "retried: \(error)")
    }

    func protocolResolved(_ resolved: ResolvedProtocol) {
        recorder.setRemoteProtocol(resolved.api.rawValue, tensorFormat: resolved.tensorFormat.rawValue)
    }
}
