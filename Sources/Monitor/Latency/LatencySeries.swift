import Engine

/// One latency distribution to draw: whose it is, what one sample is, and the samples.
/// The spectrum draws one per mode; `LatencyMetric` says where each comes from.
public struct LatencySeries: Sendable, Equatable {
    /// The legend label, e.g. "CPU-only".
    public var name: String
    /// What one sample is, e.g. "per call".
    public var unit: String
    public var mode: InferenceMode
    public var distribution: LatencyDistribution

    public init(name: String, unit: String, mode: InferenceMode, distribution: LatencyDistribution) {
        self.name = name; self.unit = unit; self.mode = mode; self.distribution = distribution
    }

    /// The value at percentile `p` (0…100), µs.
    public func micros(atPercentile p: Double) -> Double { Double(distribution.value(atPercentile: p)) / 1000 }

    /// The values (µs) at ascending percentiles in one walk over the buckets, with
    /// `LatencyDistribution.value(atPercentile:)`'s rule: what the spectrum plots.
    public func micros(atAscending percentiles: [Double]) -> [Double] {
        let d = distribution
        guard d.totalCount > 0 else { return percentiles.map { _ in 0 } }
        var out: [Double] = []
        out.reserveCapacity(percentiles.count)
        var i = 0, seen = d.counts[0]
        for p in percentiles {
            let rank: UInt64 = p <= 0 ? 1 : (p >= 100 ? d.totalCount : Swift.max(1, UInt64((p.nextDown * Double(d.totalCount) / 100).rounded(.up))))
            while seen < rank && i + 1 < d.values.count { i += 1; seen += d.counts[i] }
            out.append(Double(d.values[i]) / 1000)
        }
        return out
    }

    /// The series of `metric` for each measured mode of `snapshot`, in the snapshot's mode order;
    /// only `mode` when given.
    public static func from(_ snapshot: MetricsSnapshot, metric: LatencyMetric, mode: InferenceMode? = nil) -> [LatencySeries] {
        snapshot.modes.compactMap { f in
            guard mode == nil || f.mode == mode, let d = metric.distribution(f), !d.isEmpty else { return nil }
            return LatencySeries(name: "\(f.mode)", unit: metric.unit(f.mode), mode: f.mode, distribution: d)
        }
    }
}
