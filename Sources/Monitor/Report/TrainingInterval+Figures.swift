import Engine

extension TrainingInterval {
    /// The mode's figures of the interval alone, as the bottleneck rules read them:
    /// counts and means of what happened between `before` and `after` (means from the
    /// cumulative means and counts), with `load` (the interval's /proc ledger) attached.
    ///
    /// The report's repetitions record into one recorder after warm-up generations,
    /// so the verdict must not see the warm-up: this is the difference, the same
    /// figures `train` gives its verdict over a whole run.
    public func figures(load: ModeLoad?) -> ModeFigures {
        var f = ModeFigures(mode: after.mode, requests: delta(\.requests), vectors: delta(\.vectors), errors: delta(\.errors),
                            activeSeconds: wallSeconds, generations: delta(\.generations))
        f.inference = Self.difference(after.inference, before?.inference)
        f.match = Self.difference(after.match, before?.match)
        let ticks = Double(f.inference.count)
        if ticks > 0 {
            let b = before.map { $0.meanTickMicros * Double($0.inference.count) } ?? 0
            f.meanTickMicros = max(0, (after.meanTickMicros * Double(after.inference.count) - b) / ticks)
        }
        if let a = after.requestLatency { f.requestLatency = Self.difference(a, before?.requestLatency) }
        if let a = after.breakdown { f.breakdown = Self.difference(a, before?.breakdown) }
        f.load = load
        return f
    }

    /// Count and mean of the samples after `earlier` (percentiles: the later ones').
    static func difference(_ later: LatencySummary, _ earlier: LatencySummary?) -> LatencySummary {
        guard let e = earlier, e.count > 0 else { return later }
        var d = later
        d.count = later.count >= e.count ? later.count - e.count : 0
        d.mean = d.count > 0 ? max(0, (later.mean * Double(later.count) - e.mean * Double(e.count)) / Double(d.count)) : 0
        return d
    }

    /// The requests split after `earlier`, their parts' and round trip's means; nil when none were.
    static func difference(_ later: BreakdownFigures, _ earlier: BreakdownFigures?) -> BreakdownFigures? {
        guard let e = earlier else { return later }
        guard later.requests > e.requests else { return nil }
        let n = later.requests - e.requests
        let roundTrip = (later.meanRoundTripMicros * Double(later.requests) - e.meanRoundTripMicros * Double(e.requests)) / Double(n)
        let parts = BreakdownPart.allCases.map { difference(later[$0], e[$0]) }
        return BreakdownFigures(requests: n, meanRoundTripMicros: max(0, roundTrip), parts: parts,
                                statisticsRequests: later.statisticsRequests >= e.statisticsRequests ? later.statisticsRequests - e.statisticsRequests : 0)
    }
}
