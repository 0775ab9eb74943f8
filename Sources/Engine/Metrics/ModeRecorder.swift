import Histogram
import Synchronization

/// Everything recorded while one inference mode was active: per-worker
/// histograms (merged on read) and atomic counters.
public final class ModeRecorder: Sendable {
    public let mode: InferenceMode
    let workers: [WorkerMetrics]
    /// Inference calls (one per tick batch in CPU mode; one per HTTP request in remote mode).
    let requests = Atomic<UInt64>(0)
    let vectors = Atomic<UInt64>(0)
    let errors = Atomic<UInt64>(0)
    let retries = Atomic<UInt64>(0)
    let inferenceNanos = Atomic<UInt64>(0)
    let ticks = Atomic<UInt64>(0)
    let tickNanos = Atomic<UInt64>(0)
    let matches = Atomic<UInt64>(0)
    let generations = Atomic<UInt64>(0)
    /// Inference ns summed over the generations counted in `generations`.
    let generationInferenceNanos = Atomic<UInt64>(0)
    let activeNanos = Atomic<UInt64>(0)
    /// Remote request latencies (HTTP), separate from the per-tick inference wait.
    let requestHistogram = Locked(LatencyHistogram.latency())
    /// Remote requests split into client, wire and server parts.
    let breakdown = Locked(BreakdownRecorder())
    let lastError = Locked<String?>(nil)
    /// Remote modes: the protocol and tensor format the backend settled on.
    let remoteProtocol = Locked<(name: String, tensorFormat: String)?>(nil)

    init(mode: InferenceMode, workers: Int) {
        self.mode = mode
        self.workers = (0..<workers).map { _ in WorkerMetrics() }
    }

    /// A worker's ticks and finished matches since its last flush, recorded at once:
    /// one lock and one add per counter instead of one per tick (the counters are
    /// shared by all workers, so per-tick adds bounce their cache line between cores).
    public func recordTicks(worker: Int, inferenceNanos inf: ArraySlice<UInt64>, matchNanos: ArraySlice<UInt64>,
                            rows: Int, tickNanos tick: UInt64, countsAsRequest: Bool) {
        workers[worker].record(inferenceNanos: inf, matchNanos: matchNanos)
        let n = UInt64(inf.count)
        if countsAsRequest { requests.add(n, ordering: .relaxed) }
        vectors.add(UInt64(rows), ordering: .relaxed)
        inferenceNanos.add(inf.reduce(0, &+), ordering: .relaxed)
        ticks.add(n, ordering: .relaxed)
        tickNanos.add(tick, ordering: .relaxed)
        if !matchNanos.isEmpty { matches.add(UInt64(matchNanos.count), ordering: .relaxed) }
    }

    /// One remote request finished (from the remote backend's observer).
    public func recordRequest(nanos: UInt64, failed: Bool, message: String?) {
        requestHistogram.withLock { $0.recordNanos(nanos) }
        if failed {
            errors.add(1, ordering: .relaxed)
            if let m = message { lastError.withLock { $0 = m } }
        } else {
            requests.add(1, ordering: .relaxed)
        }
    }

    /// One remote request's split (answers with the server's timing only count).
    public func recordBreakdown(_ b: RequestBreakdown) {
        guard b.server != nil else { return }
        breakdown.withLock { $0.record(b) }
    }

    /// Remote modes: which protocol and tensor format the backend uses (`v2`, `binary`).
    public func setRemoteProtocol(_ name: String, tensorFormat: String) {
        remoteProtocol.withLock { $0 = (name, tensorFormat) }
    }

    public func recordRetry(message: String) {
        retries.add(1, ordering: .relaxed)
        lastError.withLock { $0 = message }
    }

    public func recordError(message: String) {
        errors.add(1, ordering: .relaxed)
        lastError.withLock { $0 = message }
    }

    func recordGeneration(inferenceNanos: UInt64) {
        generations.add(1, ordering: .relaxed)
        generationInferenceNanos.add(inferenceNanos, ordering: .relaxed)
    }

    func addActive(nanos: UInt64) { activeNanos.add(nanos, ordering: .relaxed) }

    /// The request counters alone, read without merging any histogram: cheap enough
    /// to take every generation (a checkpoint carries them; `figures` costs a
    /// millisecond and more as the histograms fill).
    /// Retries count in remote modes only, as in `figures`.
    public var counters: RequestCounters {
        let remote: Bool
        if case .remote = mode { remote = true } else { remote = false }
        return RequestCounters(requests: requests.load(ordering: .relaxed), vectors: vectors.load(ordering: .relaxed),
                               errors: errors.load(ordering: .relaxed), retries: remote ? retries.load(ordering: .relaxed) : 0)
    }

    /// Merges the workers' histograms and reads the counters.
    func figures(extraActiveNanos: UInt64 = 0) -> ModeFigures {
        var inference = LatencyHistogram.latency(), match = LatencyHistogram.latency()
        for w in workers {
            w.histograms.withLock { h in
                inference.add(h.inference)
                match.add(h.match)
            }
        }
        let remote: Bool
        if case .remote = mode { remote = true } else { remote = false }
        let (requestSummary, requestDistribution) = requestHistogram.withLock { ($0.summary, LatencyDistribution($0)) }
        let t = ticks.load(ordering: .relaxed)
        let g = generations.load(ordering: .relaxed)
        var f = ModeFigures(
            mode: mode,
            inference: inference.summary,
            match: match.summary,
            requests: requests.load(ordering: .relaxed),
            vectors: vectors.load(ordering: .relaxed),
            errors: errors.load(ordering: .relaxed),
            activeSeconds: Double(activeNanos.load(ordering: .relaxed) + extraActiveNanos) / 1e9,
            generations: Int(g),
            meanTickMicros: t > 0 ? Double(tickNanos.load(ordering: .relaxed)) / Double(t) / 1000 : 0,
            inferenceMillisPerGeneration: g > 0 ? Double(generationInferenceNanos.load(ordering: .relaxed)) / Double(g) / 1e6 : 0
        )
        if remote {
            f.requestLatency = requestSummary
            f.requestDistribution = requestDistribution
            f.retries = retries.load(ordering: .relaxed)
            f.breakdown = breakdown.withLock { $0.figures }
            if let p = remoteProtocol.withLock({ $0 }) {
                f.protocolName = p.name
                f.tensorFormat = p.tensorFormat
            }
        }
        f.lastError = lastError.withLock { $0 }
        f.inferenceDistribution = LatencyDistribution(inference)
        f.matchDistribution = LatencyDistribution(match)
        return f
    }
}

/// A mode's request counters at one moment (see `ModeRecorder.counters`).
public struct RequestCounters: Sendable, Equatable {
    public var requests: UInt64
    public var vectors: UInt64
    public var errors: UInt64
    public var retries: UInt64
}
