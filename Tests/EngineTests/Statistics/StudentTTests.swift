import Testing
@testable import Engine

@Suite struct StudentTTests {
    /// Reference values from scipy.stats.t.
    @Test func quantilesMatchTheTables() {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 4) - 2.7764451051977934) < 1e-9)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 1) - 12.706204736174694) < 1e-8)
        #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: 4) + 2.7764451051977934) < 1e-9)
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
    }

    @Test func cdfMatchesReferenceValues() {
        #expect(abs(StudentT.cdf(2.0, degreesOfFreedom: 10) - 0.9633059826146299) < 1e-10)
        #expect(abs(StudentT.cdf(-1.3, degreesOfFreedom: 2.5) - 0.15024339463535416) < 1e-10)
        #expect(StudentT.cdf(0, degreesOfFreedom: 7) == 0.5)
        #expect(StudentT.cdf(.infinity, degreesOfFreedom: 7) == 1)
        #expect(StudentT.cdf(1, degreesOfFreedom: 0).isNaN)
    }
}
