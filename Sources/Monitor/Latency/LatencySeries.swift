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

    /// The series of `metric` for each measured mode of `snapshot`, in the snapshot's mode order;
    /// only `mode` when given.
    public static func from(_ snapshot: MetricsSnapshot, metric: LatencyMetric, mode: InferenceMode? = nil) -> [LatencySeries] {
        snapshot.modes.compactMap { f in
            guard mode == nil || f.mode == mode, let d = metric.distribution(f), !d.isEmpty else { return nil }
            return LatencySeries(name: "\(f.mode)", unit: metric.unit(f.mode), mode: f.mode, distribution: d)
        }
    }
}
