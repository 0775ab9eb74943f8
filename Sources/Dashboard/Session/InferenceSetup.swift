import Engine
import Foundation
import Logging
import Serving
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

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
        var restarts = RestartBudget()
        var restartCount = 0
    }

    /// What `recoverEmbeddedServer` did.
    struct Recovery: Sendable, CustomStringConvertible {
        var oldPID: Int32
        var status: String
        var newPID: Int32
        var url: String
        var restart: Int
        var description: String {
            "inference server (pid \(oldPID)) died (\(status)); restarted it as pid \(newPID) at \(url) (restart \(restart)), uploading the generation again"
        }
    }

    /// Whether the child is a zombie (exited, not yet reaped), from /proc, without reaping it.
    private func childHasExited() -> Bool {
        guard let pid = childPID, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Restarts of the built-in server so far.
    var serverRestarts: Int { state.withLock { $0.restartCount } }

    /// When the built-in server child has died (crashed or killed), starts a new one and
    /// switches `selector` to a backend on it for `mode` (which uploads the current
    /// generation). nil when there is no built-in server or it runs. Throws when it has
    /// died more than 3 times within a minute, or cannot be started again.
    func recoverEmbeddedServer(mode: InferenceMode, selector: BackendSelector) throws -> Recovery? {
        guard settings.serverURL == nil else { return nil }
        // The client may see the connection drop a moment before the child can be reaped.
        let deadline = metrics.clock.nanoseconds() + 1_000_000_000
        while state.withLock({ $0.server?.isRunning ?? false }) && !childHasExited() && metrics.clock.nanoseconds() < deadline {
            usleep(10_000)
        }
        let now = metrics.clock.nanoseconds()
        let dead = try state.withLock { s -> (EmbeddedServer, String, [RemoteBackend])? in
            guard let server = s.server, let status = server.exitedOnItsOwn() else { return nil }
            guard s.restarts.allow(now: now) else {
                throw CLIError("the inference server (pid \(server.pid)) died (\(status)) for the \(s.restarts.limit + 1)th time within a minute: giving up (its log: \(server.logPath))")
            }
            let remotes = Array(s.remotes.values)
            s.remotes = [:]
            s.server = nil
            s.restartCount += 1
            return (server, status, remotes)
        }
        guard let (old, status, remotes) = dead else { return nil }
        for r in remotes { r.shutdown() }
        let backend = try backend(for: mode)
        try selector.switchTo(backend)
        let (pid, url) = state.withLock { ($0.server?.pid ?? 0, $0.server?.url ?? "?") }
        return Recovery(oldPID: old.pid, status: status, newPID: pid, url: url, restart: serverRestarts)
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
                // One embedded server: a population upload per generation measured about 8%
                // faster than content ids (docs/remote.md); an external URL may be a fleet.
                rc.delivery = settings.serverURL == nil && settings.delivery == .auto ? .population : settings.delivery
                rc.connectionsPerWorker = settings.connections
                let observer = MetricsObserver(recorder: metrics.recorder(for: mode))
                let backend = try RemoteBackend(configuration: rc, logger: logger, observer: observer)
                s.remotes[batch] = backend
                return backend
            }
        }
    }

    /// The protocol the remote backend of `mode` resolved (nil for CPU, or before it was asked).
    /// The remote backend's counters for `mode` (nil for CPU or before its first use).
    func remoteStats(for mode: InferenceMode) -> RemoteStats.Snapshot? {
        guard case .remote(let batch) = mode, let r = state.withLock({ $0.remotes[batch] }) else { return nil }
        return r.stats.snapshot()
    }

    func resolvedProtocol(for mode: InferenceMode) -> ResolvedProtocol? {
        guard case .remote(let batch) = mode, let r = state.withLock({ $0.remotes[batch] }) else { return nil }
        return try? r.resolvedProtocol()
    }

    /// The built-in server child's pid, when one runs.
    var childPID: Int32? { state.withLock { $0.server?.pid } }

    /// The server remote modes talk to: `--server-url`, or the built-in server's once started.
    var serverURL: String? { settings.serverURL ?? state.withLock { $0.server?.url } }

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

extension InferenceSetup {
    /// How long a run waits for an external server (`--server-url`) that stopped answering.
    static let externalServerPatience: Duration = .seconds(600)

    /// After a remote generation failed against an external server (`--server-url`):
    /// when the server does not answer, waits for it (backoff from 1 s, doubling to 8 s,
    /// `report` told at each attempt) and gives `mode` a fresh backend, which delivers
    /// the generation again when it is played again. Returns how long it waited; nil
    /// when there is nothing to wait for (CPU, the built-in server, or a server that
    /// answers at once: the failure was something else).
    func awaitExternalServer(mode: InferenceMode, selector: BackendSelector, report: (String) -> Void) throws -> Duration? {
        guard settings.serverURL != nil, case .remote(let batch) = mode else { return nil }
        let start = ContinuousClock.now
        var pause = Duration.seconds(1)
        for attempt in 0... {
            let stale = state.withLock { s -> RemoteBackend? in
                defer { s.remotes[batch] = nil }
                return s.remotes[batch]
            }
            stale?.shutdown()
            let fresh = try backend(for: mode)
            if (try? (fresh as? RemoteBackend)?.resolvedProtocol()) != nil {
                if attempt == 0 { return nil }
                try selector.switchTo(fresh)
                return start.duration(to: .now)
            }
            let waited = start.duration(to: .now)
            guard waited < Self.externalServerPatience else {
                throw CLIError("the inference server at \(settings.serverURL ?? "?") did not answer for \(waited.components.seconds) s: giving up")
            }
            report("the inference server at \(settings.serverURL ?? "?") does not answer; waiting \(pause.components.seconds) s (paused \(waited.components.seconds) s so far)")
            Thread.sleep(forTimeInterval: Double(pause.components.seconds))
            pause = min(pause * 2, .seconds(8))
        }
        return nil
    }
}
