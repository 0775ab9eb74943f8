/// Latency percentiles of one histogram, in microseconds.
public struct LatencySummary: Sendable, Equatable {
    public var count: UInt64
    public var p50: Double
    public var p95: Double
    public var p99: Double
    public var max: Double
    public var mean: Double

    public init(count: UInt64, p50: Double, p95: Double, p99: Double, max: Double, mean: Double) {
        self.count = count; self.p50 = p50; self.p95 = p95; self.p99 = p99; self.max = max; self.mean = mean
    }

    public static let empty = LatencySummary(count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0)
}

/// Everything measured while one inference mode was active.
public struct ModeFigures: Sendable, Equatable {
    public var mode: InferenceMode
    /// Latency of one inference call (one request: a vector or a batch).
    public var inference: LatencySummary
    /// Wall time of one match.
    public var match: LatencySummary
    public var requests: UInt64
    public var vectors: UInt64
    public var errors: UInt64
    /// Seconds this mode has been active (training not paused).
    public var activeSeconds: Double
    public var generations: Int
    /// Mean simulation tick time, µs (a lockstep tick of all live matches of a worker).
    public var meanTickMicros: Double
    /// Mean inference time per generation, ms (summed over all calls of a generation).
    public var inferenceMillisPerGeneration: Double
    /// Process CPU seconds used per generation while in this mode (filled by the sampler).
    public var cpuSecondsPerGeneration: Double?
    /// Peak RSS of dashboard plus server child while in this mode, bytes (filled by the sampler).
    public var peakRSSBytes: UInt64?
    /// Remote modes: latency of one HTTP request (the inference wait per tick is `inference`).
    public var requestLatency: LatencySummary? = nil
    /// Remote modes: where a request's round trip goes (client, wire, server parts), once a server sent its timing.
    public var breakdown: BreakdownFigures? = nil
    /// Threads' CPU and memory growth while in this mode (filled by the sampler; nil when not sampled).
    public var load: ModeLoad? = nil
    /// Remote modes: requests retried after a transient failure.
    public var retries: UInt64 = 0
    /// Remote modes: the protocol (`dashboard`, `v2`) and tensor format (`json`, `binary`), once known.
    public var protocolName: String? = nil
    public var tensorFormat: String? = nil
    /// The most recent error message, if any.
    public var lastError: String? = nil
    /// Every inference wait recorded in this mode (the distribution behind `inference`).
    public var inferenceDistribution = LatencyDistribution()
    /// Every match wall time recorded in this mode (the distribution behind `match`).
    public var matchDistribution = LatencyDistribution()
    /// Remote modes: every HTTP request's latency (the distribution behind `requestLatency`), so that
    /// the percentiles of an interval are the later distribution minus the earlier one.
    public var requestDistribution = LatencyDistribution()

    public init(mode: InferenceMode, inference: LatencySummary = .empty, match: LatencySummary = .empty,
                requests: UInt64 = 0, vectors: UInt64 = 0, errors: UInt64 = 0, activeSeconds: Double = 0,
                generations: Int = 0, meanTickMicros: Double = 0, inferenceMillisPerGeneration: Double = 0,
                cpuSecondsPerGeneration: Double? = nil, peakRSSBytes: UInt64? = nil) {
        self.mode = mode; self.inference = inference; self.match = match
        self.requests = requests; self.vectors = vectors; self.errors = errors
        self.activeSeconds = activeSeconds; self.generations = generations
        self.meanTickMicros = meanTickMicros; self.inferenceMillisPerGeneration = inferenceMillisPerGeneration
        self.cpuSecondsPerGeneration = cpuSecondsPerGeneration; self.peakRSSBytes = peakRSSBytes
    }

    private func rate(_ x: Double) -> Double { activeSeconds > 0 ? x / activeSeconds : 0 }
    public var requestsPerSecond: Double { rate(Double(requests)) }
    public var vectorsPerSecond: Double { rate(Double(vectors)) }
    public var errorsPerSecond: Double { rate(Double(errors)) }
    public var generationsPerSecond: Double { rate(Double(generations)) }
    /// errors / (requests + errors), 0 when nothing was sent.
    public var errorRate: Double { requests + errors == 0 ? 0 : Double(errors) / Double(requests + errors) }
}

/// The state of training.
public struct TrainingFigures: Sendable, Equatable {
    public var task: String
    public var generation: Int
    public var populationSize: Int
    public var threads: Int
    public var bestFitness: Double
    public var meanFitness: Double
    public var speciesCount: Int
    /// The champion's win rate against the reference bot (duel task only).
    public var championWinRate: Double?
    public var paused: Bool
    /// The generation of the last checkpoint written, and when (monotonic ns, the
    /// recorder's clock); nil before the first.
    public var lastCheckpoint: CheckpointMark?

    public init(task: String, generation: Int = 0, populationSize: Int = 0, threads: Int = 1, bestFitness: Double = 0,
                meanFitness: Double = 0, speciesCount: Int = 0, championWinRate: Double? = nil, paused: Bool = false) {
        self.task = task; self.generation = generation; self.populationSize = populationSize; self.threads = threads
        self.bestFitness = bestFitness; self.meanFitness = meanFitness; self.speciesCount = speciesCount
        self.championWinRate = championWinRate; self.paused = paused
    }
}

/// A written checkpoint: which generation, when (monotonic ns).
public struct CheckpointMark: Sendable, Equatable {
    public var generation: Int
    public var at: UInt64
    public init(generation: Int, at: UInt64) { self.generation = generation; self.at = at }
}

/// An immutable picture of everything the engine has measured, taken a few
/// times a second by the monitor without stopping training.
public struct MetricsSnapshot: Sendable, Equatable {
    /// Monotonic time the snapshot was taken, ns.
    public var takenAt: UInt64
    public var uptimeSeconds: Double
    public var currentMode: InferenceMode
    public var training: TrainingFigures
    /// Figures per mode measured so far (a mode that never ran is absent).
    public var modes: [ModeFigures]
    /// Recent samples for sparklines, oldest first: inference p99 (µs) per generation.
    public var inferenceP99History: [Double]
    /// Recent generations per second, one sample per generation.
    public var generationsPerSecondHistory: [Double]
    /// Champion win rate per generation (duel only).
    public var winRateHistory: [Double]
    /// The most recent finished generations, oldest first (at most
    /// `MetricsRecorder.generationPointCapacity`); `index` tells which are new since an earlier snapshot.
    public var recentGenerations: [GenerationPoint]

    public init(takenAt: UInt64, uptimeSeconds: Double, currentMode: InferenceMode, training: TrainingFigures,
                modes: [ModeFigures], inferenceP99History: [Double] = [], generationsPerSecondHistory: [Double] = [],
                winRateHistory: [Double] = [], recentGenerations: [GenerationPoint] = []) {
        self.takenAt = takenAt; self.uptimeSeconds = uptimeSeconds; self.currentMode = currentMode
        self.training = training; self.modes = modes; self.inferenceP99History = inferenceP99History
        self.generationsPerSecondHistory = generationsPerSecondHistory; self.winRateHistory = winRateHistory
        self.recentGenerations = recentGenerations
    }

    /// Figures for a mode, if it has run.
    public func figures(for mode: InferenceMode) -> ModeFigures? { modes.first { $0.mode == mode } }
}
