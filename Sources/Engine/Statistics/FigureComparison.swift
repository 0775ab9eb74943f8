/// One figure measured twice (a baseline and now, several repetitions each):
/// the change, whether it is significant, and whether it is a regression.
///
/// Significance is Welch's t-test at `alpha` (5%: the two-sided p-value below
/// 0.05); whether the two 95% intervals are disjoint is reported beside it. A
/// *regression* is a significant change in the bad direction by more than the
/// tolerance (a relative change: 0.05 is 5%). With fewer than 2 repetitions on
/// either side nothing can be tested, and nothing is called a regression.
///
/// ```swift
/// let c = FigureComparison(name: "CPU-Only RPS", direction: .higherIsBetter,
///                          baseline: SampleSummary(old), current: SampleSummary(new))
/// if c.isRegression(tolerance: 0.05) { print("\(c.name) is worse by \(-c.relativeChange * 100)%") }
/// ```
public struct FigureComparison: Sendable, Equatable {
    public enum Direction: String, Sendable, Codable {
        case higherIsBetter = "higher", lowerIsBetter = "lower"
    }

    public enum Verdict: String, Sendable {
        case better, worse
        /// No significant difference.
        case unchanged
        /// Fewer than 2 repetitions on a side: no test possible.
        case untested
    }

    public var name: String
    public var direction: Direction
    public var baseline: SampleSummary
    public var current: SampleSummary
    public var test: WelchTest
    public var alpha: Double

    public init(name: String, direction: Direction, baseline: SampleSummary, current: SampleSummary, alpha: Double = 0.05) {
        self.name = name
        self.direction = direction
        self.baseline = baseline
        self.current = current
        self.alpha = alpha
        test = WelchTest(baseline, current)
    }

    /// (current − baseline) / |baseline|; 0 when the baseline is 0 and nothing changed, ±∞ otherwise.
    public var relativeChange: Double {
        let d = current.mean - baseline.mean
        if baseline.mean == 0 { return d == 0 ? 0 : (d > 0 ? .infinity : -.infinity) }
        return d / abs(baseline.mean)
    }

    /// How much worse, relative to the baseline (negative when better).
    public var relativeWorsening: Double {
        direction == .higherIsBetter ? -relativeChange : relativeChange
    }

    public var isSignificant: Bool { test.isSignificant(alpha: alpha) }
    public var intervalsDisjoint: Bool { baseline.intervalsDisjoint(from: current) }

    public var verdict: Verdict {
        guard test.pValue != nil else { return .untested }
        guard isSignificant else { return .unchanged }
        return relativeWorsening > 0 ? .worse : .better
    }

    /// Significantly worse by more than `tolerance` (relative: 0.05 is 5%).
    public func isRegression(tolerance: Double) -> Bool {
        verdict == .worse && relativeWorsening > tolerance
    }
}
