/// A remote mode's requests split by part: each part's mean and p99 (µs), over
/// the requests whose answer carried the server's timing.
public struct BreakdownFigures: Sendable, Equatable {
    /// Requests split (answers with a `Server-Timing` header).
    public var requests: UInt64
    /// Mean round trip of those requests, µs (exact, from summed nanoseconds).
    public var meanRoundTripMicros: Double
    /// Per part, in `BreakdownPart.allCases` order.
    public var parts: [LatencySummary]

    public init(requests: UInt64, meanRoundTripMicros: Double, parts: [LatencySummary]) {
        self.requests = requests; self.meanRoundTripMicros = meanRoundTripMicros; self.parts = parts
    }

    /// The summary of `part`.
    public subscript(part: BreakdownPart) -> LatencySummary {
        let i = BreakdownPart.allCases.firstIndex(of: part)!
        return i < parts.count ? parts[i] : .empty
    }

    /// Each part's mean, µs, keyed by `BreakdownPart.rawValue` (for JSON and CSV).
    public var meanMicrosByPart: [(part: BreakdownPart, micros: Double)] {
        BreakdownPart.allCases.map { ($0, self[$0].mean) }
    }

    /// The server's parts' means summed, µs.
    public var serverMeanMicros: Double { BreakdownPart.allCases.filter(\.isServer).reduce(0) { $0 + self[$1].mean } }
}
