import Histogram
import Synchronization

/// The single place training records into and the monitor reads from.
///
/// Workers record through a `ModeRecorder` (per-thread histograms, atomic
/// counters); `snapshot()` merges everything into an immutable `MetricsSnapshot`
/// and can be called from any thread, several times a second, without stopping training.
public final class MetricsRecorder: Sendable {
    public let workers: Int
    public let clock: any NanoClock
    /// When false, the tournament skips all timing and recording (for measuring the overhead).
    public let enabled: Bool
    private let startNanos: UInt64
    private let state: Locked<State>
    /// Match times of the generation in progress (for the per-generation stats line).
    private let generationMatches: [GenerationSamples]
    /// Inference waits of the generation in progress (for the p99 sparkline).
    private let generationInference: [GenerationSamples]

    struct State {
        var modes: [InferenceMode: ModeRecorder] = [:]
        var order: [InferenceMode] = []
        var current: InferenceMode
        var currentSince: UInt64
        var paused = false
        var training: TrainingFigures
        var p99History: [Double] = []
        var gpsHistory: [Double] = []
        var winRateHistory: [Double] = []
        var generationPoints = GenerationRing(capacity: MetricsRecorder.generationPointCapacity)
        var generationsFinished = 0
    }

    /// How many samples the sparkline histories keep.
    public static let historyLength = 120
    /// How many recent generations a snapshot carries (`MetricsSnapshot.recentGenerations`):
    /// enough for the monitor to see every generation between two snapshots up to
    /// 1,024 generations per refresh (the duel does about 60 a second).
    public static let generationPointCapacity = 1024

    public init(workers: Int, mode: InferenceMode, task: String, clock: any NanoClock = SystemClock(), enabled: Bool = true) {
        self.workers = workers
        self.clock = clock
        self.enabled = enabled
        startNanos = clock.nanoseconds()
        state = Locked(State(current: mode, currentSince: startNanos, training: TrainingFigures(task: task, threads: workers)))
        generationMatches = (0..<workers).map { _ in GenerationSamples() }
        generationInference = (0..<workers).map { _ in GenerationSamples() }
    }

    /// The recorder of `mode`, created on first use.
    public func recorder(for mode: InferenceMode) -> ModeRecorder {
        state.withLock { s in
            if let r = s.modes[mode] { return r }
            let r = ModeRecorder(mode: mode, workers: workers)
            s.modes[mode] = r
            s.order.append(mode)
            return r
        }
    }

    /// The mode now active: its time starts counting from now.
    public func setCurrentMode(_ mode: InferenceMode) {
        let now = clock.nanoseconds()
        let old = state.withLock { s -> (ModeRecorder?, UInt64) in
            let elapsed = s.paused ? 0 : now - s.currentSince
            let r = s.modes[s.current]
            s.current = mode
            s.currentSince = now
            return (r, elapsed)
        }
        old.0?.addActive(nanos: old.1)
        _ = recorder(for: mode)
    }

    public var currentMode: InferenceMode { state.withLock { $0.current } }

    /// Notes that the checkpoint of `generation` was written (now): the monitor's header shows it.
    public func recordCheckpoint(generation: Int) {
        let now = clock.nanoseconds()
        state.withLock { $0.training.lastCheckpoint = CheckpointMark(generation: generation, at: now) }
    }

    /// Paused time does not count as active time of any mode.
    public func setPaused(_ paused: Bool) {
        let now = clock.nanoseconds()
        let flush = state.withLock { s -> (ModeRecorder?, UInt64) in
            guard s.paused != paused else { return (nil, 0) }
            var result: (ModeRecorder?, UInt64) = (nil, 0)
            if paused { result = (s.modes[s.current], now - s.currentSince) }
            s.paused = paused
            s.currentSince = now
            s.training.paused = paused
            return result
        }
        flush.0?.addActive(nanos: flush.1)
    }

    /// Records a worker's ticks (their inference waits, `rows` vectors and `tickNanos`
    /// in all) and finished matches (their wall times) since its last flush, into the
    /// mode's figures and the generation's samples: one lock per histogram and one
    /// add per counter for the lot.
    public func recordTicks(_ recorder: ModeRecorder, worker: Int, inferenceNanos: ArraySlice<UInt64>, matchNanos: ArraySlice<UInt64>,
                            rows: Int, tickNanos: UInt64, countsAsRequest: Bool) {
        recorder.recordTicks(worker: worker, inferenceNanos: inferenceNanos, matchNanos: matchNanos, rows: rows,
                             tickNanos: tickNanos, countsAsRequest: countsAsRequest)
        if !matchNanos.isEmpty { generationMatches[worker].append(contentsOf: matchNanos) }
        if !inferenceNanos.isEmpty { generationInference[worker].append(contentsOf: inferenceNanos) }
    }

    /// Ends a generation: counts it for `mode`, updates the training figures and
    /// histories, and returns the generation's match-time summary (and resets it).
    @discardableResult
    public func finishGeneration(mode: InferenceMode, inferenceNanos: UInt64, wallNanos: UInt64, stats: GenerationStats,
                                 populationSize: Int, championWinRate: Double?) -> LatencySummary {
        var matchSamples = GenerationSamples.take(generationMatches)
        var inferenceSamples = GenerationSamples.take(generationInference)
        let matchSummary = GenerationSamples.summary(&matchSamples)
        let rec = recorder(for: mode)
        rec.recordGeneration(inferenceNanos: inferenceNanos)
        let p99 = GenerationSamples.summary(&inferenceSamples).p99
        let finishedAt = clock.nanoseconds()
        state.withLock { s in
            s.training.generation = stats.generation + 1
            s.training.populationSize = populationSize
            s.training.bestFitness = stats.bestFitness
            s.training.meanFitness = stats.meanFitness
            s.training.speciesCount = stats.speciesCount
            if let w = championWinRate {
                s.training.championWinRate = w
                Self.push(&s.winRateHistory, w)
            }
            s.generationPoints.push(GenerationPoint(
                index: s.generationsFinished, generation: stats.generation, finishedAt: finishedAt,
                bestFitness: stats.bestFitness, meanFitness: stats.meanFitness, speciesCount: stats.speciesCount,
                championWinRate: championWinRate, mode: mode))
            s.generationsFinished += 1
            Self.push(&s.p99History, p99)
            Self.push(&s.gpsHistory, wallNanos > 0 ? 1e9 / Double(wallNanos) : 0)
        }
        return matchSummary
    }

    private static func push(_ a: inout [Double], _ v: Double) {
        a.append(v)
        if a.count > historyLength { a.removeFirst(a.count - historyLength) }
    }

    /// An immutable picture of everything recorded so far.
    public func snapshot() -> MetricsSnapshot {
        let now = clock.nanoseconds()
        let (modes, current, since, paused, training, p99, gps, wins, points) = state.withLock { s in
            (s.order.map { s.modes[$0]! }, s.current, s.currentSince, s.paused, s.training, s.p99History, s.gpsHistory,
             s.winRateHistory, s.generationPoints.ordered)
        }
        let figures = modes.map { r in r.figures(extraActiveNanos: (r.mode == current && !paused) ? now - since : 0) }
        return MetricsSnapshot(takenAt: now, uptimeSeconds: Double(now - startNanos) / 1e9, currentMode: current,
                               training: training, modes: figures, inferenceP99History: p99,
                               generationsPerSecondHistory: gps, winRateHistory: wins, recentGenerations: points)
    }
}
