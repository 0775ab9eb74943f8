import Engine

/// A metric family with one series per inference mode (label `mode`): a counter
/// or gauge of the mode's figures, or a latency histogram. A row of the
/// exposition's per-mode table.
struct ModeFamily: Sendable {
    enum Value: Sendable {
        /// A number from the mode's figures (and the whole snapshot, for context); nil: no sample.
        case number(@Sendable (ModeFigures, MetricsSnapshot) -> Double?)
        /// A latency distribution (ns) folded into `bounds` (seconds); nil: no series for this mode.
        case distribution(bounds: [Double], @Sendable (ModeFigures) -> LatencyDistribution?)
        /// Several series per mode told apart by one more label (`label`): its value and the sample's.
        case split(label: String, @Sendable (ModeFigures) -> [(String, Double)])
    }

    let name: String
    let kind: PrometheusText.Kind
    let help: String
    let value: Value

    static func counter(_ name: String, _ help: String, _ value: @escaping @Sendable (ModeFigures) -> Double) -> Self {
        Self(name: name, kind: .counter, help: help, value: .number { f, _ in value(f) })
    }

    static func gauge(_ name: String, _ help: String, _ value: @escaping @Sendable (ModeFigures, MetricsSnapshot) -> Double?) -> Self {
        Self(name: name, kind: .gauge, help: help, value: .number(value))
    }

    /// A gauge with one series per mode and value of `label` (e.g. each part of the round trip); none for a mode that returns [].
    static func split(_ name: String, _ help: String, label: String,
                      _ value: @escaping @Sendable (ModeFigures) -> [(String, Double)]) -> Self {
        Self(name: name, kind: .gauge, help: help, value: .split(label: label, value))
    }

    /// Remote-only histograms return nil for `.cpu`, so CPU runs carry no empty series of them.
    static func histogram(_ name: String, _ help: String, bounds: [Double],
                          _ value: @escaping @Sendable (ModeFigures) -> LatencyDistribution?) -> Self {
        Self(name: name, kind: .histogram, help: help, value: .distribution(bounds: bounds, value))
    }
}
