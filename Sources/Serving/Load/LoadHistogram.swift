import Histogram

/// Latencies of one run in microseconds: an HdrHistogram with 3 significant
/// digits from 1 µs to 1 hour, so every percentile up to p99.99 is within 0.1%
/// of the recorded value, in about 200 KB that recording never grows.
///
/// Recording is a few arithmetic operations and one increment (no allocation),
/// cheap enough for the generator's hot loop.
public struct LoadHistogram: Sendable {
    /// The largest value kept, in µs (1 hour); longer latencies are clamped to it.
    public static let highestMicros: UInt64 = 3_600_000_000
    private var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: highestMicros,
                                              numberOfSignificantValueDigits: .three)

    public init() {}

    /// Records a latency given in nanoseconds (rounded to the nearest µs, at least 1 µs).
    @inline(__always)
    public mutating func record(nanos: UInt64) {
        let micros = (nanos + 500) / 1000
        _ = histogram.record(min(max(micros, 1), Self.highestMicros))
    }

    public var count: UInt64 { histogram.totalCount }

    /// The latency at `percentile` (0...100) in µs; 0 when nothing was recorded.
    public func micros(atPercentile percentile: Double) -> UInt64 {
        count == 0 ? 0 : histogram.valueAtPercentile(percentile)
    }

    /// The largest latency recorded, in µs (exact to 3 digits); 0 when none.
    public var maxMicros: UInt64 { count == 0 ? 0 : histogram.max }

    public var meanMicros: Double { count == 0 ? 0 : histogram.mean }

    /// Adds every value of `other`.
    public mutating func add(_ other: LoadHistogram) { histogram.add(other.histogram) }

    /// Forgets every value (the counts' storage is kept).
    public mutating func reset() { histogram.reset() }

    /// The usual summary: p50, p90, p95, p99, p99.9, p99.99 and max, in µs.
    public var summary: LatencyPercentiles {
        LatencyPercentiles(count: count, p50: micros(atPercentile: 50), p90: micros(atPercentile: 90), p95: micros(atPercentile: 95),
                           p99: micros(atPercentile: 99), p999: micros(atPercentile: 99.9),
                           p9999: micros(atPercentile: 99.99), max: maxMicros, mean: meanMicros)
    }
}
