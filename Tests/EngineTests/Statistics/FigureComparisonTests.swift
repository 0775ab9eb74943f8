import Testing
@testable import Engine

@Suite struct FigureComparisonTests {
    let steady = [100.0, 101, 99, 100.5, 99.5]

    @Test func significantDropOfAHigherIsBetterFigureIsARegression() {
        let c = FigureComparison(name: "RPS", direction: .higherIsBetter, baseline: SampleSummary(steady),
                                 current: SampleSummary([90, 91, 89, 90.5, 89.5]))
        #expect(c.verdict == .worse)
        #expect(abs(c.relativeChange + 0.1) < 1e-12)
        #expect(c.isRegression(tolerance: 0.05))
        #expect(!c.isRegression(tolerance: 0.15))  // worse, but within the tolerance
        #expect(c.intervalsDisjoint)
    }

    @Test func lowerIsBetterRisesAreWorse() {
        let c = FigureComparison(name: "P99", direction: .lowerIsBetter, baseline: SampleSummary(steady),
                                 current: SampleSummary([120, 121, 119, 120.5, 119.5]))
        #expect(c.verdict == .worse && c.isRegression(tolerance: 0.05))
        let better = FigureComparison(name: "P99", direction: .lowerIsBetter, baseline: SampleSummary(steady),
                                      current: SampleSummary([80, 81, 79, 80.5, 79.5]))
        #expect(better.verdict == .better && !better.isRegression(tolerance: 0))
    }

    @Test func noiseIsNotARegression() {
        // 10% lower on average, but one wild repetition on each side: not significant.
        let c = FigureComparison(name: "RPS", direction: .higherIsBetter, baseline: SampleSummary([100, 60, 140, 100, 100]),
                                 current: SampleSummary([90, 50, 130, 90, 90]))
        #expect(c.verdict == .unchanged)
        #expect(!c.isRegression(tolerance: 0.05))
    }

    @Test func oneRepetitionCannotBeTested() {
        let c = FigureComparison(name: "RPS", direction: .higherIsBetter, baseline: SampleSummary([100]), current: SampleSummary([50]))
        #expect(c.verdict == .untested && !c.isRegression(tolerance: 0.05))
    }
}
