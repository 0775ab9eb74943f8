import Engine

/// A latency distribution folded into a Prometheus histogram: fixed upper bounds
/// in seconds, each with the count of samples at or below it.
///
/// The engine keeps HdrHistograms (2 significant digits); Prometheus wants a few
/// fixed buckets that every scrape of every process shares, so that `rate()` and
/// `histogram_quantile()` can add them up. Each HdrHistogram bucket is counted at
/// its highest equivalent value (what `LatencyDistribution` stores), so a sample
/// within 1% below a bound may land in the next bucket: latencies are never
/// reported lower than they were. `sum` is the sum of those values (within 1%
/// above the true sum, for the same reason).
public struct CumulativeBuckets: Sendable, Equatable {
    /// Upper bounds, seconds, strictly ascending (the implicit `+Inf` excluded).
    public let bounds: [Double]
    /// Samples at or below each bound: never decreasing, the last at most `count`.
    public let cumulativeCounts: [UInt64]
    /// Every sample (the `+Inf` bucket and `_count`).
    public let count: UInt64
    /// Sum of the samples, seconds.
    public let sum: Double

    /// Folds `distribution` (nanoseconds) into `bounds` (seconds, positive, strictly ascending).
    /// - Complexity: O(buckets + bounds): both are walked once, in order.
    public init(_ distribution: LatencyDistribution, bounds: [Double]) {
        precondition(zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 }, "bounds must be strictly ascending")
        precondition(bounds.allSatisfy { $0 > 0 && $0.isFinite }, "bounds must be positive and finite")
        self.bounds = bounds
        var counts = [UInt64]()
        counts.reserveCapacity(bounds.count)
        var seen: UInt64 = 0, i = 0
        let values = distribution.values, perValue = distribution.counts
        for bound in bounds {
            // Bounds are whole nanoseconds; rounding keeps 0.0025 s at exactly 2,500,000 ns.
            let limit = bound >= 1e10 ? UInt64.max : UInt64((bound * 1e9).rounded())
            while i < values.count && values[i] <= limit {
                seen += perValue[i]
                i += 1
            }
            counts.append(seen)
        }
        cumulativeCounts = counts
        count = distribution.totalCount
        var nanos = 0.0
        for (v, c) in zip(values, perValue) { nanos += Double(v) * Double(c) }
        sum = nanos / 1e9
    }

    /// 1 µs … 10 s in 1-2.5-5 steps: CPU inference waits (microseconds) to slow remote requests.
    public static let latencyBounds: [Double] = [
        0.000_001, 0.000_002_5, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5,
        0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    /// 100 µs … 60 s: a match is milliseconds on the CPU, up to seconds through a remote service.
    public static let matchBounds: [Double] = [
        0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10, 30, 60,
    ]
}
