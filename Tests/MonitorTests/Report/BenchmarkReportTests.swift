import Engine
import Testing
@testable import Monitor

@Suite struct BenchmarkReportTests {
    @Test func rowsAreTheGuidesWithNFilledIn() {
        let r = ReportFixtures.report()
        #expect(r.microbenchmark.map(\.row) == ["CPU-Only", "Remote (Batch=1)", "Remote (Batch=8)"])
        #expect(r.trainingThroughput.map(\.row) == ["CPU-Only", "Remote (Batch=1)", "Remote (Batch=8)"])
        #expect(r.microbenchmark.map(\.per) == ["call", "HTTP request", "HTTP request"])
        #expect(r.microbenchmark.map(\.batch) == [1, 1, 8])
        #expect(BenchmarkReport.rowName(.remote(batch: 32)) == "Remote (Batch=32)")
    }

    @Test func latencyIsInMillisecondsWithAnIntervalOverTheRepetitions() {
        let row = ReportFixtures.report().microbenchmark[1]
        #expect(abs(row.p50Milliseconds.mean - 1.2) < 1e-9)
        #expect(abs(row.p99Milliseconds.mean - 5.0) < 1e-9)
        #expect(row.p99Milliseconds.count == 5)
        #expect(row.p99Milliseconds.ci95HalfWidth > 0)
        #expect(row.p99Milliseconds.low < 5 && row.p99Milliseconds.high > 5)
        #expect(abs(row.requestsPerSecond.mean - 800) < 1e-9)
    }

    @Test func speedupIsAgainstCPUOnlyWithItsRange() {
        let t = ReportFixtures.report().trainingThroughput
        #expect(t[0].speedup == 1 && t[0].speedupLow == 1 && t[0].speedupHigh == 1)
        #expect(abs(t[1].speedup - 12.0 / 40) < 1e-12)
        #expect(abs(t[2].speedup - 28.0 / 40) < 1e-12)
        #expect(t[2].speedupLow < t[2].speedup && t[2].speedup < t[2].speedupHigh!)
        #expect(abs(t[2].speedupLow - t[2].generationsPerSecond.low / t[0].generationsPerSecond.high) < 1e-12)
    }

    @Test func breakdownIsTheMeanOverRepetitionsAndOnlyForRemoteRows() {
        let rows = ReportFixtures.report().microbenchmark
        #expect(rows[0].breakdownMicros == nil)
        #expect(rows[2].breakdownMicros == ["wire": 1500, "server_compute": 30])
    }

    @Test func theMatrixIsTheMonitorsScoringOfTheseFigures() {
        let r = ReportFixtures.report()
        #expect(r.decisionMatrix.columns.map(\.row) == ["CPU-Only", "Remote (Batch=1)", "Remote (Batch=8)"])
        #expect(r.decisionMatrix.recommended == "CPU-Only")
        // CPU-only is best on every measured factor: 5 stars each, score 5.
        #expect(r.decisionMatrix.columns[0].stars == ["latency": 5, "throughput": 5, "resource": 5, "complexity": 5])
        #expect(r.decisionMatrix.columns[0].score == 5)
        // Batch 8: p99 120 µs / 8000 µs → 1 star; 28/40 gens/s → 1 + round(2.8) = 4 stars.
        #expect(r.decisionMatrix.columns[2].stars["latency"] == 1)
        #expect(r.decisionMatrix.columns[2].stars["throughput"] == 4)
        #expect(r.decisionMatrix.columns[2].stars["complexity"] == 2)
        #expect(r.decisionMatrix.weights == ["latency": 0.4, "throughput": 0.3, "resource": 0.2, "complexity": 0.1])
    }

    @Test func aFastRemoteRowIsRecommended() {
        // Remote batch 8 faster than CPU-only by far: the matrix follows the figures.
        let r = BenchmarkReport(environment: ReportFixtures.environment, settings: ReportFixtures.settings, measurements: [
            (.cpu, ReportFixtures.reps(p50: 5000, p99: 9000, rps: 100, gps: 1)),
            (.remote(batch: 1), ReportFixtures.reps(p50: 5000, p99: 9000, rps: 100, gps: 1)),
            (.remote(batch: 8), ReportFixtures.reps(p50: 50, p99: 100, rps: 9000, gps: 40)),
        ])
        #expect(r.decisionMatrix.recommended == "Remote (Batch=8)")
    }

    @Test func figuresAreEveryCellOfBothTables() {
        let names = ReportFixtures.report().figures.map(\.name)
        #expect(names.count == 3 * 4 + 3)
        #expect(names.prefix(4) == ["CPU-Only P50 (ms)", "CPU-Only P95 (ms)", "CPU-Only P99 (ms)", "CPU-Only RPS"])
        #expect(names.last == "Remote (Batch=8) Gens/sec")
        let f = ReportFixtures.report().figures
        #expect(f.filter { $0.column.hasPrefix("P") }.allSatisfy { $0.direction == .lowerIsBetter })
        #expect(f.filter { !$0.column.hasPrefix("P") }.allSatisfy { $0.direction == .higherIsBetter })
    }

    @Test func aWideIntervalGivesNoNegativeNorInvertedSpeedupRange() {
        // Two repetitions far apart: both intervals reach below 0 (t(0.975, 1) = 12.7).
        func two(_ a: Double, _ b: Double) -> [RepetitionFigures] {
            [a, b].map { RepetitionFigures(p50Micros: 1, p95Micros: 1, p99Micros: 1, requestsPerSecond: 1, generationsPerSecond: $0) }
        }
        let r = BenchmarkReport(environment: ReportFixtures.environment, settings: ReportFixtures.settings,
                                measurements: [(.cpu, two(13.5, 22.5)), (.remote(batch: 1), two(0.204, 0.163))])
        let t = r.trainingThroughput[1]
        #expect(r.trainingThroughput[0].generationsPerSecond.low < 0 && t.generationsPerSecond.low < 0)
        #expect(t.speedupLow == 0 && t.speedupHigh == nil)
        #expect(r.markdown.contains(" ± 0.260 | 0.01x (0.00–unbounded) |"))
    }
}
