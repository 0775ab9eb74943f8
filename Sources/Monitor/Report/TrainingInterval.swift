import Engine

/// One repetition of training in one mode: the mode's figures before and after
/// it, and the wall time of its generations. What happened in the repetition
/// alone is the difference: warm-up and earlier repetitions recorded into the
/// same recorder drop out.
public struct TrainingInterval: Sendable {
    public var before: ModeFigures?
    public var after: ModeFigures
    public var wallSeconds: Double

    public init(before: ModeFigures?, after: ModeFigures, wallSeconds: Double) {
        self.before = before; self.after = after; self.wallSeconds = wallSeconds
    }

    /// A counter's increase over the interval.
    public func delta<T: BinaryInteger>(_ key: KeyPath<ModeFigures, T>) -> T { after[keyPath: key] - (before?[keyPath: key] ?? 0) }

    /// The distribution of the interval's samples (the later one minus the earlier one).
    public func distribution(_ key: KeyPath<ModeFigures, LatencyDistribution>) -> LatencyDistribution {
        before.map { after[keyPath: key].subtracting($0[keyPath: key]) } ?? after[keyPath: key]
    }

    /// Each round-trip part's mean µs over the interval's requests (from the cumulative
    /// means and counts), keyed by `BreakdownPart.rawValue`; nil without server timing.
    public var breakdownMicros: [String: Double]? {
        guard let a = after.breakdown else { return nil }
        var out: [String: Double] = [:]
        for part in BreakdownPart.allCases {
            let x = a[part], y = before?.breakdown?[part] ?? .empty
            let n = Double(x.count) - Double(y.count)
            guard n > 0 else { continue }
            out[part.rawValue] = (x.mean * Double(x.count) - y.mean * Double(y.count)) / n
        }
        return out.isEmpty ? nil : out
    }
}

/// The latency percentiles and request rate of one row of the Microbenchmark
/// results table, for one repetition.
public struct RowLatency: Sendable, Equatable {
    public var p50Micros: Double
    public var p95Micros: Double
    public var p99Micros: Double
    public var requestsPerSecond: Double
    public var errors: UInt64

    public init(p50Micros: Double, p95Micros: Double, p99Micros: Double, requestsPerSecond: Double, errors: UInt64) {
        self.p50Micros = p50Micros; self.p95Micros = p95Micros; self.p99Micros = p99Micros
        self.requestsPerSecond = requestsPerSecond; self.errors = errors
    }

    /// Percentiles of `distribution` (ns) in µs, and `requests` over `seconds`.
    public init(distribution d: LatencyDistribution, requests: UInt64, errors: UInt64, seconds: Double) {
        p50Micros = Double(d.value(atPercentile: 50)) / 1000
        p95Micros = Double(d.value(atPercentile: 95)) / 1000
        p99Micros = Double(d.value(atPercentile: 99)) / 1000
        requestsPerSecond = seconds > 0 ? Double(requests) / seconds : 0
        self.errors = errors
    }

    /// The CPU-only row: every inference call of the interval.
    public static func calls(_ t: TrainingInterval) -> RowLatency {
        RowLatency(distribution: t.distribution(\.inferenceDistribution), requests: t.delta(\.requests), errors: t.delta(\.errors),
                   seconds: t.wallSeconds)
    }

    /// A remote row from the training's own traffic: every HTTP request of the interval.
    public static func requests(_ t: TrainingInterval) -> RowLatency {
        RowLatency(distribution: t.distribution(\.requestDistribution), requests: t.delta(\.requests), errors: t.delta(\.errors),
                   seconds: t.wallSeconds)
    }
}
