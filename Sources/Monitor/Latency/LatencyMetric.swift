import Engine

/// A latency the monitor charts over time and draws as a spectrum: where its
/// distribution comes from in a mode's figures, its name, and what one sample is.
///
/// The latency chart, the spectrum, the chart history and the `l` key all work
/// from `all`, so a new latency (per-request latency of remote modes, say) is one
/// entry there:
///
/// ```swift
/// LatencyMetric(key: "request", name: "request", unit: { _ in "per request" }, distribution: { $0.requestDistribution })
/// ```
public struct LatencyMetric: Sendable {
    /// A short stable name (CSV-like contexts, tests).
    public var key: String
    /// What the chart title calls it.
    public var name: String
    /// What one sample is in `mode`: "per call", "per tick", "per match".
    public var unit: @Sendable (InferenceMode) -> String
    /// The mode's cumulative distribution of this latency, nil when the mode does not record it.
    public var distribution: @Sendable (ModeFigures) -> LatencyDistribution?

    public init(key: String, name: String, unit: @escaping @Sendable (InferenceMode) -> String,
                distribution: @escaping @Sendable (ModeFigures) -> LatencyDistribution?) {
        self.key = key; self.name = name; self.unit = unit; self.distribution = distribution
    }

    /// The wait for inference in each lockstep tick: in CPU-only one in-process call
    /// per tick batch, in remote modes the wait for all of the tick's HTTP requests.
    public static let inference = LatencyMetric(
        key: "inference", name: "inference",
        unit: { $0 == .cpu ? "per call" : "wait per tick" },
        distribution: { $0.inferenceDistribution })

    /// The wall time of one whole match.
    public static let match = LatencyMetric(
        key: "match", name: "match", unit: { _ in "per match" }, distribution: { $0.matchDistribution })

    /// Every latency the monitor knows, in the order `l` cycles through them.
    public static let all: [LatencyMetric] = [.inference, .match]
}
