/// A histogram's percentiles, in microseconds.
public struct LatencyPercentiles: Sendable, Equatable {
    public var count: UInt64
    public var p50: UInt64
    public var p90: UInt64
    /// The guide's tables print P95 beside P50 and P99.
    public var p95: UInt64
    public var p99: UInt64
    public var p999: UInt64
    public var p9999: UInt64
    public var max: UInt64
    public var mean: Double

    public init(count: UInt64, p50: UInt64, p90: UInt64, p95: UInt64, p99: UInt64, p999: UInt64, p9999: UInt64, max: UInt64, mean: Double) {
        self.count = count; self.p50 = p50; self.p90 = p90; self.p95 = p95; self.p99 = p99
        self.p999 = p999; self.p9999 = p9999; self.max = max; self.mean = mean
    }
}
