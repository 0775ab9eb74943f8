import Engine
import Testing
@testable import Monitor

@Suite struct ReportComparisonTests {
    @Test func aReportAgainstItselfHasNoRegression() {
        let r = ReportFixtures.report()
        let c = ReportComparison(baseline: r, current: r, tolerance: 0.05)
        #expect(c.comparisons.count == r.figures.count)
        #expect(c.comparisons.allSatisfy { $0.verdict == .unchanged && $0.relativeChange == 0 })
        #expect(c.regressions.isEmpty)
        #expect(c.text.hasSuffix("No figure is significantly worse than the baseline by more than 5%."))
        #expect(c.onlyInBaseline.isEmpty && c.onlyInCurrent.isEmpty && c.environmentChanges.isEmpty && c.settingsChanges.isEmpty)
    }

    @Test func aSignificantDropBeyondTheToleranceIsNamed() {
        // Batch 8 RPS 4000 → 3000 (−25%), every repetition within 2%: significant.
        let c = ReportComparison(baseline: ReportFixtures.report(), current: ReportFixtures.report(batchRPS: 3000), tolerance: 0.05)
        #expect(c.regressions.map(\.name) == ["Remote (Batch=8) RPS"])
        #expect(c.text.contains("REGRESSION: Remote (Batch=8) RPS is 25.0% worse than the baseline"))
        #expect(c.text.hasSuffix("1 figure worse than the baseline: Remote (Batch=8) RPS."))
        #expect(c.text.contains("Welch's t-test"))
        // Within a 30% tolerance it is worse but passes.
        let lenient = ReportComparison(baseline: ReportFixtures.report(), current: ReportFixtures.report(batchRPS: 3000), tolerance: 0.30)
        #expect(lenient.regressions.isEmpty)
        #expect(lenient.text.contains("worse, within tolerance"))
    }

    @Test func improvementsAreNotRegressions() {
        let c = ReportComparison(baseline: ReportFixtures.report(cpuGPS: 40), current: ReportFixtures.report(cpuGPS: 60), tolerance: 0)
        #expect(c.comparisons.first { $0.name == "CPU-Only Gens/sec" }?.verdict == .better)
        #expect(c.regressions.isEmpty)
    }

    @Test func aNoisyDifferenceIsNotSignificant() {
        // 10% fewer generations/s on average, but the repetitions spread ±40%: not significant.
        let noisy = BenchmarkReport(environment: ReportFixtures.environment, settings: ReportFixtures.settings, measurements: [
            (.cpu, ReportFixtures.reps(p50: 50, p99: 120, rps: 50_000, gps: 36, jitter: 0.2)),
        ])
        let base = BenchmarkReport(environment: ReportFixtures.environment, settings: ReportFixtures.settings, measurements: [
            (.cpu, ReportFixtures.reps(p50: 50, p99: 120, rps: 50_000, gps: 40, jitter: 0.2)),
        ])
        let c = ReportComparison(baseline: base, current: noisy, tolerance: 0.05)
        #expect(c.comparisons.first { $0.name == "CPU-Only Gens/sec" }?.verdict == .unchanged)
        #expect(c.regressions.isEmpty)
    }

    @Test func rowsOnOneSideOnlyAreListedNotCompared() {
        let other = BenchmarkReport(environment: ReportFixtures.environment, settings: ReportFixtures.settings, measurements: [
            (.cpu, ReportFixtures.reps(p50: 50, p99: 120, rps: 50_000, gps: 40)),
            (.remote(batch: 16), ReportFixtures.reps(p50: 2000, p99: 8000, rps: 4000, gps: 28)),
        ])
        let c = ReportComparison(baseline: ReportFixtures.report(), current: other, tolerance: 0.05)
        #expect(c.comparisons.count == 5)
        #expect(c.onlyInCurrent.first == "Remote (Batch=16) P50 (ms)")
        #expect(c.onlyInBaseline.contains("Remote (Batch=8) Gens/sec"))
        #expect(c.text.contains("Only in the baseline (not compared): Remote (Batch=1) P50 (ms)"))
    }

    @Test func environmentChangesAreShown() {
        var other = ReportFixtures.report()
        other.environment.buildConfiguration = "debug"
        other.environment.startedAt = "2027-01-01T00:00:00Z"   // dates are not a difference worth a line
        let c = ReportComparison(baseline: ReportFixtures.report(), current: other, tolerance: 0.05)
        #expect(c.environmentChanges == ["Build configuration: release → debug"])
        #expect(c.text.contains("Measured differently: Build configuration: release → debug."))
    }

    @Test func settingsChangesAreShown() {
        var other = ReportFixtures.report()
        other.settings.population = 150
        other.settings.generationsPerRepetition = 10
        other.settings.repetitions = 3   // fewer repetitions: wider intervals, the same figures
        let c = ReportComparison(baseline: ReportFixtures.report(), current: other, tolerance: 0.05)
        #expect(c.settingsChanges == ["generations per repetition: 2 → 10", "population: 100 → 150"])
        #expect(c.text.contains("Measured with other settings: generations per repetition: 2 → 10; population: 100 → 150."))
    }

    @Test func aChangeOfRemoteRowMethodIsShown() {
        // A report from before the choice existed measured the remote rows from the training.
        let c = ReportComparison(baseline: ReportFixtures.report(), current: ReportFixtures.report(methods: ReportFixtures.loadMethods), tolerance: 0.05)
        #expect(c.settingsChanges == ["remote rows measured by: training → load"])
        let same = ReportComparison(baseline: ReportFixtures.report(methods: ReportFixtures.loadMethods),
                                    current: ReportFixtures.report(methods: ReportFixtures.loadMethods), tolerance: 0.05)
        #expect(same.settingsChanges.isEmpty)
    }
}
