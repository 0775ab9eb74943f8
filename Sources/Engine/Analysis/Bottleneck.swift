/// What limits a mode, decided from measured figures, with the figures it rests on.
///
/// `BottleneckRules.verdict(for:)` decides it; every view (the monitor's matrix
/// panel, the CSV, `train --json`) prints `line(label:)`, e.g.
/// `Remote b1: client-bound — neat-eval-0 busy 97% of a core, server 24%, server time 38 µs of a 610 µs round trip`.
public struct Bottleneck: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The dashboard's own threads (its workers, which also do the client's I/O) near a full core while the server idles.
        case clientBound = "client-bound"
        /// Server threads near a full core, or the server's time (its queue included) most of the round trip.
        case serverBound = "server-bound"
        /// Time on the wire (and in socket queues) most of the round trip while no thread is near a full core.
        case networkBound = "network-bound"
        /// CPU-only: the workers near a full core; the evidence says whether inference or the game simulation takes more of a tick.
        case cpuBound = "CPU-bound"
        /// Resident memory growing, or fresh pages faulted in, faster than the thresholds.
        case memoryBound = "memory-bound"
        /// The figures point nowhere in particular (nothing near a full core, nothing dominating the round trip).
        case balanced = "no single bottleneck"
    }

    public var kind: Kind
    /// The figures behind the verdict, most telling first.
    public var evidence: [String]

    public init(kind: Kind, evidence: [String]) { self.kind = kind; self.evidence = evidence }

    /// `<label>: <kind> — <evidence, comma separated>`.
    public func line(label: String) -> String {
        evidence.isEmpty ? "\(label): \(kind.rawValue)" : "\(label): \(kind.rawValue) — " + evidence.joined(separator: ", ")
    }

    /// The short name of a mode used in verdict lines: `CPU-only`, `Remote b1`, `Remote b8`.
    public static func label(_ mode: InferenceMode) -> String {
        switch mode {
        case .cpu: "CPU-only"
        case .remote(let b): "Remote b\(b)"
        }
    }
}
