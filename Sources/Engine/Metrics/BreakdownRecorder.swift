import Histogram

/// Records remote requests' breakdowns: a histogram per part (for p99s) and
/// exact nanosecond sums (for means that add up), under one lock per request.
struct BreakdownRecorder: Sendable {
    private var histograms = BreakdownPart.allCases.map { _ in LatencyHistogram.latency() }
    private var sums = [UInt64](repeating: 0, count: BreakdownPart.allCases.count)
    private var roundTripSum: UInt64 = 0
    private var count: UInt64 = 0
    /// Requests split per `BreakdownSource` (in `allCases` order).
    private var bySource = [UInt64](repeating: 0, count: BreakdownSource.allCases.count)

    init() {}

    /// Records one request whose server parts are known (from its header or the server's statistics); others are not split.
    mutating func record(_ b: RequestBreakdown) {
        guard b.server != nil else { return }
        for (i, part) in BreakdownPart.allCases.enumerated() {
            let ns = b.nanos(part)
            histograms[i].recordNanos(ns)
            sums[i] &+= ns
        }
        roundTripSum &+= b.roundTripNanos
        count += 1
        bySource[b.source == .header ? 0 : 1] += 1
    }

    /// Means from the exact sums, percentiles from the histograms; nil before the first split request.
    var figures: BreakdownFigures? {
        guard count > 0 else { return nil }
        let parts = histograms.indices.map { i -> LatencySummary in
            var s = histograms[i].summary
            s.mean = Double(sums[i]) / Double(count) / 1000
            return s
        }
        return BreakdownFigures(requests: count, meanRoundTripMicros: Double(roundTripSum) / Double(count) / 1000, parts: parts,
                                statisticsRequests: bySource[1])
    }
}
