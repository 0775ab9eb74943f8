import Engine
import Testing
@testable import Monitor

@Suite struct BenchmarkReportMarkdownTests {
    func lines(after heading: String, in text: String) -> [String] {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let i = all.firstIndex(of: heading) else { return [] }
        return Array(all[(i + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") })
    }

    @Test func microbenchmarkTableHasTheGuidesColumnsRowsAndIntervals() {
        let table = lines(after: "## Microbenchmark results", in: ReportFixtures.report().markdown)
        #expect(table.first == "| Implementation | P50 (ms) | P95 (ms) | P99 (ms) | RPS |")
        #expect(table.count == 5)
        #expect(table[2].hasPrefix("| CPU-Only | 0.0500 ± 0.00"))
        #expect(table[3].hasPrefix("| Remote (Batch=1) | 1.20 ± "))
        #expect(table[4].hasPrefix("| Remote (Batch=8) | 2.00 ± "))
        #expect(table[4].contains("| 4,000 ± "))
        #expect(table.dropFirst(2).allSatisfy { $0.components(separatedBy: " ± ").count == 5 })  // four cells, four intervals
    }

    @Test func saysUnderTheTableHowEachRemoteRowWasMeasured() throws {
        let text = ReportFixtures.report(methods: ReportFixtures.loadMethods).markdown
        let all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = try #require(all.firstIndex(of: "How the remote rows were measured:"))
        #expect(i < all.firstIndex(of: "## Training Throughput")!)
        #expect(all[i + 2] == "- Remote (Batch=1): load generator, closed loop: 4 connections (one request in flight on each), 1 row per request, 2 s after each repetition, model load-default (100 inputs).")
        #expect(all[i + 3].hasPrefix("- Remote (Batch=8): load generator, closed loop: 4 connections (one request in flight on each), 8 rows per request, "))
        #expect(!all.contains { $0.hasPrefix("- CPU-Only:") })
        let training = BenchmarkReport(environment: ReportFixtures.environment, settings: ReportFixtures.settings,
                                       measurements: [(.cpu, ReportFixtures.reps(p50: 50, p99: 120, rps: 50_000, gps: 40)),
                                                      (.remote(batch: 1), ReportFixtures.reps(p50: 1200, p99: 5000, rps: 800, gps: 12))],
                                       methods: ["Remote (Batch=1)": RemoteRowMethod(source: "training", rowsPerRequest: 1)])
        #expect(training.markdown.contains("- Remote (Batch=1): the training's own HTTP requests during each repetition (1 row per request, "))
    }

    @Test func throughputTableHasGensPerSecondAndSpeedup() {
        let table = lines(after: "## Training Throughput", in: ReportFixtures.report().markdown)
        #expect(table.first == "| Configuration | Gens/sec | Speedup |")
        #expect(table[2].hasPrefix("| CPU-Only | 40.0 ± ") && table[2].hasSuffix("| 1.00x |"))
        #expect(table[3].hasPrefix("| Remote (Batch=1) | 12.0 ± ") && table[3].contains("| 0.30x ("))
        #expect(table[4].hasPrefix("| Remote (Batch=8) | 28.0 ± ") && table[4].contains("| 0.70x ("))
    }

    @Test func oneRepetitionHasNoInterval() {
        let r = BenchmarkReport(environment: ReportFixtures.environment, settings: ReportFixtures.settings, measurements: [
            (.cpu, Array(ReportFixtures.reps(p50: 50, p99: 120, rps: 50_000, gps: 40).prefix(1))),
        ])
        let table = lines(after: "## Microbenchmark results", in: r.markdown)
        #expect(table[2] == "| CPU-Only | 0.0490 | 0.0833 | 0.118 | 49,000 |")
    }

    @Test func outliersAreListedAndKept() {
        var reps = ReportFixtures.reps(p50: 50, p99: 120, rps: 50_000, gps: 40)
        reps[3].p99Micros = 900
        let r = BenchmarkReport(environment: ReportFixtures.environment, settings: ReportFixtures.settings, measurements: [(.cpu, reps)])
        #expect(r.markdown.contains("- CPU-Only P99 (ms): repetition 4 (0.900) of 0.118, 0.119, 0.120, 0.900, 0.122"))
        #expect(r.microbenchmark[0].p99Milliseconds.samples.count == 5)  // not dropped
        #expect(ReportFixtures.report().markdown.contains("None: every repetition of every figure lies within Tukey's fences"))
    }

    @Test func matrixBreakdownAndEnvironmentAreShown() {
        let md = ReportFixtures.report().markdown
        let matrix = lines(after: "## Decision matrix", in: md)
        #expect(matrix.first == "| Factor (weight) | CPU-Only | Remote (Batch=1) | Remote (Batch=8) |")
        #expect(matrix.contains("| Latency (40%) | ★★★★★ | ★☆☆☆☆ | ★☆☆☆☆ |"))
        #expect(md.contains("Recommended: **CPU-Only**."))
        let breakdown = lines(after: "## Round-trip breakdown", in: md)
        #expect(breakdown.first?.hasPrefix("| Row | client_encode | wire |") == true)
        #expect(breakdown.contains { $0.hasPrefix("| Remote (Batch=8) |  | 1,500 |") })
        let env = lines(after: "## Environment", in: md)
        #expect(env.contains("| CPU | Test CPU, 2 cores |"))
        #expect(env.contains("| Git commit | abc123 |"))
        #expect(env.contains("| Build configuration | release |"))
    }

    @Test func pipesInCellsAreEscaped() {
        #expect(BenchmarkReport.table(header: ["a"], rows: [["x|y"]]).hasSuffix("| x\\|y |"))
    }
}
