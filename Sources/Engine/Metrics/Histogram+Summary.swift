import Histogram

/// The histograms used for latencies: nanoseconds, 2 significant digits, up to 100 s.
typealias LatencyHistogram = Histogram<UInt32>

extension Histogram where Count == UInt32 {
    /// A nanosecond latency histogram (100 ns … 100 s, 2 significant digits: every
    /// percentile within 1%). Small on purpose: merging and percentile queries walk
    /// all its counts, several times per generation.
    static func latency() -> Histogram<UInt32> {
        Histogram<UInt32>(lowestDiscernibleValue: 100, highestTrackableValue: 100_000_000_000, numberOfSignificantValueDigits: .two)
    }

    /// Records a nanosecond value, clamped to the trackable range.
    @inline(__always)
    mutating func recordNanos(_ ns: UInt64) {
        _ = record(Swift.min(Swift.max(ns, 1), 100_000_000_000))
    }

    /// Percentiles in microseconds.
    var summary: LatencySummary {
        guard totalCount > 0 else { return .empty }
        return LatencySummary(count: totalCount,
                              p50: Double(valueAtPercentile(50)) / 1000,
                              p95: Double(valueAtPercentile(95)) / 1000,
                              p99: Double(valueAtPercentile(99)) / 1000,
                              max: Double(max) / 1000,
                              mean: mean / 1000)
    }
}
