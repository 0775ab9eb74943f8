import Testing
@testable import Engine

@Suite struct WelchTestTests {
    /// Reference: scipy.stats.ttest_ind(y, x, equal_var=False) for WelchTest(x, y), which tests mean(y) − mean(x).
    @Test func matchesScipy() {
        let a = SampleSummary([41.8, 42.0, 42.3, 41.9, 55.0]), b = SampleSummary([38.1, 38.4, 37.9, 38.6, 38.2])
        let w = WelchTest(b, a)
        #expect(abs(w.t - 2.4422551303058535) < 1e-9)
        #expect(abs(w.degreesOfFreedom - 4.0172601531411924) < 1e-9)
        #expect(abs(w.pValue! - 0.07076344963365709) < 1e-9)
        #expect(!w.isSignificant())

        let c = SampleSummary([10.1, 10.4, 9.8, 10.0, 10.2]), d = SampleSummary([10.9, 11.2, 10.8, 11.1, 11.0, 10.7])
        let v = WelchTest(d, c)
        #expect(abs(v.t + 6.755115021031741) < 1e-9)
        #expect(abs(v.pValue! - 0.00015448445615735856) < 1e-10)
        #expect(v.isSignificant())
    }

    @Test func degenerateSides() {
        #expect(WelchTest(SampleSummary([1]), SampleSummary([2, 3])).pValue == nil)
        #expect(WelchTest(SampleSummary([2, 2]), SampleSummary([2, 2, 2])).pValue == 1)
        #expect(WelchTest(SampleSummary([2, 2]), SampleSummary([3, 3])).pValue == 0)
    }
}
