/// Welch's unequal-variances t-test between two sets of repetitions: is the
/// difference of their means larger than their noise explains?
///
/// t = (mean_b − mean_a) / √(s_a²/n_a + s_b²/n_b), with Welch–Satterthwaite
/// degrees of freedom; the p-value is two-sided. Each side needs 2 samples or
/// more; with no variance on either side the means are either equal (p = 1)
/// or certainly different (p = 0).
///
/// ```swift
/// let test = WelchTest(SampleSummary(before), SampleSummary(after))
/// if test.pValue < 0.05 { print("changed by \(test.difference)") }
/// ```
public struct WelchTest: Sendable, Equatable {
    /// mean(b) − mean(a).
    public var difference: Double
    public var t: Double
    public var degreesOfFreedom: Double
    /// Two-sided; nil when either side has fewer than 2 samples (no test possible).
    public var pValue: Double?

    public init(_ a: SampleSummary, _ b: SampleSummary) {
        difference = b.mean - a.mean
        guard a.count >= 2, b.count >= 2 else {
            t = .nan; degreesOfFreedom = .nan; pValue = nil
            return
        }
        let va = a.standardDeviation * a.standardDeviation / Double(a.count)
        let vb = b.standardDeviation * b.standardDeviation / Double(b.count)
        let se = (va + vb).squareRoot()
        guard se > 0 else {
            t = difference == 0 ? 0 : (difference > 0 ? .infinity : -.infinity)
            degreesOfFreedom = Double(a.count + b.count - 2)
            pValue = difference == 0 ? 1 : 0
            return
        }
        t = difference / se
        degreesOfFreedom = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        pValue = 2 * StudentT.cdf(-abs(t), degreesOfFreedom: degreesOfFreedom)
    }

    /// Whether the difference is significant at level `alpha` (0.05: 95%).
    public func isSignificant(alpha: Double = 0.05) -> Bool { (pValue ?? 1) < alpha }
}
