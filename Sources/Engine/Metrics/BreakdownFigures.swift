/// A remote mode's requests split by part: each part's mean and p99 (µs), over
/// the requests whose server time is known (the answer's `Server-Timing`, or the
/// server's v2 statistics: `BreakdownSource`).
public struct BreakdownFigures: Sendable, Equatable {
    /// Requests split (by either source).
    public var requests: UInt64
    /// Of those, the requests split with a window's mean from the server's statistics.
    public var statisticsRequests: UInt64
    /// Mean round trip of those requests, µs (exact, from summed nanoseconds).
    public var meanRoundTripMicros: Double
    /// Per part, in `BreakdownPart.allCases` order.
    public var parts: [LatencySummary]

    public init(requests: UInt64, meanRoundTripMicros: Double, parts: [LatencySummary], statisticsRequests: UInt64 = 0) {
        self.requests = requests; self.meanRoundTripMicros = meanRoundTripMicros; self.parts = parts
        self.statisticsRequests = statisticsRequests
    }

    /// The source that split most of the requests (`header` on a tie).
    public var source: BreakdownSource { statisticsRequests * 2 > requests ? .statistics : .header }

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
