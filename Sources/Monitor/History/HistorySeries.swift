/// One series the chart history keeps: the 50th, 95th and 99th percentile of every
/// `LatencyMetric` over each sampling interval, the rates, and the figures of each
/// finished generation. An index into every bucket's statistics.
public struct HistorySeries: Hashable, Sendable {
    public let index: Int

    /// The three percentiles charted for each latency.
    public enum Percentile: Int, Sendable, CaseIterable {
        case p50, p95, p99
        public var value: Double { [50.0, 95.0, 99.0][rawValue] }
        public var label: String { ["p50", "p95", "p99"][rawValue] }
    }

    /// Percentile `p` of `LatencyMetric.all[metric]`, µs.
    public static func latency(_ metric: Int, _ p: Percentile) -> HistorySeries {
        precondition(metric >= 0 && metric < LatencyMetric.all.count, "no latency metric \(metric)")
        return HistorySeries(index: metric * Percentile.allCases.count + p.rawValue)
    }

    static let latencyCount = LatencyMetric.all.count * Percentile.allCases.count

    /// Inference calls (CPU) or HTTP requests (remote) per second, over all modes.
    public static let requestsPerSecond = HistorySeries(index: latencyCount)
    public static let vectorsPerSecond = HistorySeries(index: latencyCount + 1)
    /// Recorded at each generation's end: generations over the seconds since the previous one.
    public static let generationsPerSecond = HistorySeries(index: latencyCount + 2)
    public static let errorsPerSecond = HistorySeries(index: latencyCount + 3)
    /// Per finished generation (plotted against `generation`, not time).
    public static let bestFitness = HistorySeries(index: latencyCount + 4)
    public static let meanFitness = HistorySeries(index: latencyCount + 5)
    public static let species = HistorySeries(index: latencyCount + 6)
    /// The champion's win rate against the reference bot, 0…1 (duel only).
    public static let winRate = HistorySeries(index: latencyCount + 7)
    /// The generation's `GenerationPoint.index`: the x of the training curves.
    public static let generation = HistorySeries(index: latencyCount + 8)

    public static let count = latencyCount + 9

    /// Series recorded once per generation rather than once per snapshot.
    public var isPerGeneration: Bool { index >= HistorySeries.bestFitness.index }
}

/// Values of some series at one moment; the history adds them to its buckets.
public struct HistorySample: Sendable, Equatable {
    /// Seconds on the engine's clock (`MetricsSnapshot.takenAt` / 1e9).
    public var time: Double
    /// One value per `HistorySeries.index`; NaN where the sample has none.
    public private(set) var values: [Float]

    public init(time: Double) {
        self.time = time
        values = Array(repeating: .nan, count: HistorySeries.count)
    }

    public subscript(series: HistorySeries) -> Float? {
        get { values[series.index].isNaN ? nil : values[series.index] }
        set { values[series.index] = newValue.map { $0.isFinite ? $0 : .nan } ?? .nan }
    }
}
