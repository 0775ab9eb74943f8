import Engine

/// The charts' memory of the run: successive snapshots turned into per-interval
/// figures and kept in bounded tiers of buckets.
///
/// `ingest` takes each snapshot the monitor reads. Against the previous one it
/// computes the interval's latency percentiles (the later cumulative distribution
/// minus the earlier, over all modes), the request, vector and error rates, and
/// the mode switch if the mode changed; each new `GenerationPoint` adds the
/// training figures and the generation rate (generations over the seconds since
/// the last one seen) at the time it finished. Time is the snapshot's own
/// `takenAt` (the engine's injected clock): nothing here reads a clock.
///
/// Tiers (`tierSpecs`): 1 s buckets for the last 16 minutes, 10 s buckets for the
/// last 64 minutes, and a whole-run tier of at most 1,024 buckets that starts at
/// 60 s and doubles its width when full. Each bucket holds min, max, mean and count
/// of every series. Storage is allocated once: `storageBytes` (587,264 bytes for
/// the tiers plus 16,384 for 512 mode switches), whether the run lasts a minute or a week.
public struct ChartHistory: Sendable {
    public struct TierSpec: Sendable {
        public var width: Double
        public var capacity: Int
        public var compacts: Bool
    }

    public static let tierSpecs = [TierSpec(width: 1, capacity: 960, compacts: false),
                                   TierSpec(width: 10, capacity: 384, compacts: false),
                                   TierSpec(width: 60, capacity: 1024, compacts: true)]
    /// Mode switches kept (the oldest are forgotten beyond this: an auto-probe every minute for eight hours).
    public static let markCapacity = 512

    /// Bytes of the tiers' buckets and of the mode-switch ring; fixed, whatever the run's length.
    public static var storageBytes: Int {
        tierSpecs.reduce(0) { $0 + HistoryTier.storageBytes(capacity: $1.capacity) }
            + markCapacity * MemoryLayout<ModeSwitchMark>.stride
    }

    /// What the previous snapshot had, to difference against.
    struct Baseline: Sendable {
        var time: Double
        var requests: UInt64, vectors: UInt64, errors: UInt64
        /// Per mode, one distribution per `LatencyMetric.all`.
        var distributions: [InferenceMode: [LatencyDistribution]]

        init(_ s: MetricsSnapshot) {
            time = Double(s.takenAt) / 1e9
            requests = s.modes.reduce(0) { $0 &+ $1.requests }
            vectors = s.modes.reduce(0) { $0 &+ $1.vectors }
            errors = s.modes.reduce(0) { $0 &+ $1.errors }
            var d: [InferenceMode: [LatencyDistribution]] = [:]
            for f in s.modes { d[f.mode] = LatencyMetric.all.map { $0.distribution(f) ?? LatencyDistribution() } }
            distributions = d
        }
    }

    private(set) var tiers: [HistoryTier]
    private var marks: [ModeSwitchMark] = []
    private var baseline: Baseline?
    private var lastGeneration = -1
    private var lastGenerationAt: (index: Int, time: Double)?
    private var initialMode: InferenceMode?
    private var mode: InferenceMode?
    /// Seconds between recent samples (a moving average): how far apart two buckets may be and still be joined.
    private(set) var sampleInterval: Double = 1
    public private(set) var firstTime: Double?
    public private(set) var lastTime: Double?

    public init() {
        tiers = Self.tierSpecs.map { HistoryTier(width: $0.width, capacity: $0.capacity, compacts: $0.compacts) }
        marks.reserveCapacity(Self.markCapacity)
    }

    /// Adds what changed since the previous snapshot.
    public mutating func ingest(_ s: MetricsSnapshot) {
        let now = Baseline(s)
        noteTime(now.time)
        for p in s.recentGenerations where p.index > lastGeneration {
            var g = Self.sample(of: p)
            if let (i, t) = lastGenerationAt, g.time > t {
                // Generations per second between this one and the last seen (some may have been skipped).
                g[.generationsPerSecond] = Float(Double(p.index - i) / (g.time - t))
            }
            record(g)
            lastGeneration = p.index
            lastGenerationAt = (p.index, g.time)
        }
        if let m = mode, m != s.currentMode {
            recordSwitch(to: s.currentMode, at: now.time)
        } else if mode == nil {
            initialMode = s.currentMode
            mode = s.currentMode
        }
        defer { baseline = now }
        guard let before = baseline, now.time > before.time else { return }
        sampleInterval = 0.8 * sampleInterval + 0.2 * Swift.min(now.time - before.time, 60)
        record(Self.interval(from: before, to: now))
    }

    /// The figures of the interval between two snapshots.
    static func interval(from a: Baseline, to b: Baseline) -> HistorySample {
        let dt = b.time - a.time
        var out = HistorySample(time: b.time)
        func rate(_ x: UInt64, _ y: UInt64) -> Float { Float(Double(y >= x ? y - x : 0) / dt) }
        out[.requestsPerSecond] = rate(a.requests, b.requests)
        out[.vectorsPerSecond] = rate(a.vectors, b.vectors)
        out[.errorsPerSecond] = rate(a.errors, b.errors)
        for m in LatencyMetric.all.indices {
            var interval = LatencyDistribution()
            for (mode, ds) in b.distributions {
                let earlier = a.distributions[mode]?[m] ?? LatencyDistribution()
                if ds[m].totalCount > earlier.totalCount { interval = interval.adding(ds[m].subtracting(earlier)) }
            }
            guard !interval.isEmpty else { continue }
            for p in HistorySeries.Percentile.allCases {
                out[.latency(m, p)] = Float(Double(interval.value(atPercentile: p.value)) / 1000)
            }
        }
        return out
    }

    /// A finished generation's figures, at the time it finished.
    static func sample(of p: GenerationPoint) -> HistorySample {
        var out = HistorySample(time: Double(p.finishedAt) / 1e9)
        out[.bestFitness] = Float(p.bestFitness)
        out[.meanFitness] = Float(p.meanFitness)
        out[.species] = Float(p.speciesCount)
        out[.winRate] = p.championWinRate.map(Float.init)
        out[.generation] = Float(p.index)
        return out
    }

    /// Adds one sample to every tier.
    public mutating func record(_ sample: HistorySample) {
        noteTime(sample.time)
        for i in tiers.indices { tiers[i].add(sample) }
    }

    /// Marks the start of `mode` at `time`.
    public mutating func recordSwitch(to newMode: InferenceMode, at time: Double) {
        if marks.count == Self.markCapacity { marks.removeFirst() }
        marks.append(ModeSwitchMark(time: time, mode: newMode, generation: lastGeneration + 1))
        if initialMode == nil { initialMode = mode ?? newMode }
        mode = newMode
    }

    /// Sets where the history starts (before any sample), e.g. the first mode of a simulated past.
    public mutating func start(mode m: InferenceMode, at time: Double) {
        initialMode = m
        mode = m
        noteTime(time)
    }

    private mutating func noteTime(_ t: Double) {
        firstTime = Swift.min(firstTime ?? t, t)
        lastTime = Swift.max(lastTime ?? t, t)
    }
}

extension ChartHistory {
    /// The points, marks and range of `window`, from the finest tier that covers it.
    public func data(window: ChartWindow) -> ChartData {
        guard let first = firstTime, let end = lastTime else { return .empty(window) }
        let start = window.seconds.map { end - $0 } ?? first
        let from = Swift.max(start, first)
        let tier = tiers.first { t in t.oldestStart.map { $0 <= from + t.width } ?? false } ?? tiers[tiers.count - 1]
        var series = Array(repeating: [ChartPoint](), count: HistorySeries.count)
        let joinGap = Swift.max(tier.width, 3 * sampleInterval) + 1e-9
        // Generation rates come once per generation, seconds apart in remote modes: joined unless a minute apart.
        let rateGap = Swift.max(joinGap, 60)
        var lastStart = Array(repeating: -Double.infinity, count: HistorySeries.count)
        for b in 0..<tier.count {
            let t0 = tier.start(b)
            guard t0 + tier.width > start else { continue }
            let mid = Swift.min(t0 + tier.width / 2, end)
            let gen = tier.stat(b, HistorySeries.generation.index)
            for s in 0..<HistorySeries.count {
                let st = tier.stat(b, s)
                guard !st.isEmpty else { continue }
                let perGeneration = HistorySeries(index: s).isPerGeneration
                if perGeneration && gen.isEmpty { continue }
                let x = perGeneration ? Double(gen.mean) : mid
                let gap = s == HistorySeries.generationsPerSecond.index ? rateGap : joinGap
                let joined = perGeneration ? !series[s].isEmpty : (t0 - lastStart[s] <= gap)
                series[s].append(ChartPoint(x: x, mean: Double(st.mean), min: Double(st.min), max: Double(st.max), connected: joined))
                lastStart[s] = t0
            }
        }
        let shown = marks.filter { $0.time >= start && $0.time <= end }
        let before = marks.last { $0.time < start }?.mode ?? initialMode
        return ChartData(window: window, start: start, end: end, bucketSeconds: tier.width, series: series,
                         marks: shown, modeAtStart: before)
    }
}
