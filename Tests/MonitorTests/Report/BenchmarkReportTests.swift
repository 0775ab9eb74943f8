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

@Suite struct BenchmarkReportVerdictTests {
    static func report() -> BenchmarkReport {
        BenchmarkReport(environment: ReportFixtures.environment, settings: ReportFixtures.settings, measurements: [
            (.cpu, ReportFixtures.reps(p50: 50, p99: 120, rps: 50_000, gps: 40)),
            (.remote(batch: 8), ReportFixtures.reps(p50: 2000, p99: 8000, rps: 4000, gps: 28, breakdown: ["wire": 1500])),
        ], verdicts: [.cpu: Bottleneck(kind: .cpuBound, evidence: ["game simulation 80% of a tick, inference 20%", "neat-eval-0 busy 99% of a core"]),
                      .remote(batch: 8): Bottleneck(kind: .networkBound, evidence: ["wire 1.50 ms of a 1.55 ms round trip"])])
    }

    /// Each row's verdict line and kind, in report.json, report.md and report.csv.
    @Test func everyViewCarriesEachRowsVerdict() throws {
        let r = Self.report()
        #expect(r.microbenchmark[0].bottleneck == "CPU-Only: CPU-bound — game simulation 80% of a tick, inference 20%, neat-eval-0 busy 99% of a core")
        #expect(r.microbenchmark[1].bottleneckKind == "network-bound")
        let json = String(decoding: try r.json(), as: UTF8.self)
        #expect(json.contains(#""bottleneck_kind" : "network-bound""#))
        #expect(json.contains(#""bottleneck" : "Remote (Batch=8): network-bound — wire 1.50 ms of a 1.55 ms round trip""#))
        #expect(try BenchmarkReport.decode(try r.json(), path: "r.json") == r)
        #expect(r.markdown.contains("## Bottleneck\n"))
        #expect(r.markdown.contains("- Remote (Batch=8): network-bound — wire 1.50 ms of a 1.55 ms round trip\n"))
        #expect(r.csv.contains("bottleneck,Remote (Batch=8),verdict,,network-bound,"))
        #expect(r.csv.contains("bottleneck,CPU-Only,line,,\"CPU-Only: CPU-bound — game simulation 80% of a tick, inference 20%, neat-eval-0 busy 99% of a core\","))
    }

    /// Without verdicts (too little measured, or a report from before) there is no section and the JSON has no field.
    @Test func noVerdictNoSection() throws {
        let r = ReportFixtures.report()
        #expect(r.microbenchmark.allSatisfy { $0.bottleneck == nil && $0.bottleneckKind == nil })
        #expect(!r.markdown.contains("## Bottleneck"))
        #expect(!String(decoding: try r.json(), as: UTF8.self).contains("bottleneck"))
    }
}
