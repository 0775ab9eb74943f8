import Engine

/// The latency percentiles and request rate of one row of the Microbenchmark
/// results table, for one repetition.
struct RowLatency: Equatable {
    var p50Micros: Double
    var p95Micros: Double
    var p99Micros: Double
    var requestsPerSecond: Double
    var errors: UInt64
}

/// One repetition of training in one mode: the mode's figures before and after
/// it, and the wall time of its generations.
struct TrainingInterval {
    var before: ModeFigures?
    var after: ModeFigures
    var wallSeconds: Double

    /// What happened between `before` and `after`.
    func delta<T: BinaryInteger>(_ key: KeyPath<ModeFigures, T>) -> T { after[keyPath: key] - (before?[keyPath: key] ?? 0) }

    /// The distribution of the interval's samples (the later one minus the earlier one).
    func distribution(_ key: KeyPath<ModeFigures, LatencyDistribution>) -> LatencyDistribution {
        before.map { after[keyPath: key].subtracting($0[keyPath: key]) } ?? after[keyPath: key]
    }
}

/// How the remote rows' latency and request rate are measured: the seam where a
/// load generator can stand in for the training's own requests.
protocol RemoteRowMeasuring {
    /// The figures of `mode`'s row for the repetition that just trained through it.
    func measure(mode: InferenceMode, training: TrainingInterval) throws -> RowLatency
}

/// The remote rows from the HTTP requests the training itself made during the
/// repetition (each request timed from send to last byte).
struct TrainingRequestLatency: RemoteRowMeasuring {
    func measure(mode: InferenceMode, training t: TrainingInterval) -> RowLatency {
        RowLatency(distribution: t.distribution(\.requestDistribution), requests: t.delta(\.requests), errors: t.delta(\.errors),
                   seconds: t.wallSeconds)
    }
}

extension RowLatency {
    /// Percentiles of `distribution` (ns) in µs, and `requests` over `seconds`.
    init(distribution d: LatencyDistribution, requests: UInt64, errors: UInt64, seconds: Double) {
        p50Micros = Double(d.value(atPercentile: 50)) / 1000
        p95Micros = Double(d.value(atPercentile: 95)) / 1000
        p99Micros = Double(d.value(atPercentile: 99)) / 1000
        requestsPerSecond = seconds > 0 ? Double(requests) / seconds : 0
        self.errors = errors
    }

    /// The CPU-only row: each inference call the training made during the repetition.
    static func cpuCalls(_ t: TrainingInterval) -> RowLatency {
        RowLatency(distribution: t.distribution(\.inferenceDistribution), requests: t.delta(\.requests), errors: t.delta(\.errors),
                   seconds: t.wallSeconds)
    }
}
