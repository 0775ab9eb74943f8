import CSV
import Engine
import Testing
@testable import Monitor

@Suite struct BenchmarkReportCSVTests {
    func parse(_ text: String) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    @Test func oneLinePerFigureWithItsInterval() throws {
        let rows = try parse(ReportFixtures.report().csv)
        #expect(rows.first == BenchmarkReport.csvHeader)
        #expect(rows.allSatisfy { $0.count == BenchmarkReport.csvHeader.count })
        let p99 = try #require(rows.first { $0[0] == "microbenchmark" && $0[1] == "Remote (Batch=8)" && $0[2] == "P99 (ms)" })
        let s = ReportFixtures.report().microbenchmark[2].p99Milliseconds
        #expect(p99[3] == "ms" && Double(p99[4]) == s.mean && Double(p99[5]) == s.low && Double(p99[6]) == s.high)
        #expect(p99[8] == "5" && p99[9] == "" && p99[10].split(separator: ";").count == 5)
        let microRows = rows.filter { $0[0] == "microbenchmark" }.map { "\($0[1])|\($0[2])" }
        #expect(microRows.count == 12)
        #expect(rows.filter { $0[0] == "training_throughput" }.map(\.[2]) == ["Gens/sec", "Gens/sec", "Gens/sec", "Speedup", "Speedup", "Speedup"])
        #expect(rows.contains { $0[0] == "microbenchmark" && $0[1] == "CPU-Only" && $0[2] == "RPS" && $0[3] == "calls/s" })
        #expect(rows.contains { $0[0] == "microbenchmark" && $0[1] == "Remote (Batch=1)" && $0[2] == "RPS" && $0[3] == "requests/s" })
    }

    @Test func matrixBreakdownAndEnvironmentRows() throws {
        let rows = try parse(ReportFixtures.report().csv)
        #expect(rows.contains { $0[0] == "breakdown_us" && $0[1] == "Remote (Batch=1)" && $0[2] == "wire" && $0[4] == "900.0" })
        #expect(rows.contains { $0[0] == "decision_matrix" && $0[1] == "CPU-Only" && $0[2] == "latency" && $0[4] == "5" })
        #expect(rows.contains { $0[0] == "decision_matrix" && $0[2] == "recommended" && $0[4] == "CPU-Only" })
        // The CPU model holds a comma: quoted on the line, whole once parsed.
        #expect(rows.contains { $0[0] == "environment" && $0[2] == "cpu_model" && $0[4] == "Test CPU, 2 cores" })
        #expect(rows.contains { $0[0] == "environment" && $0[2] == "memory_bytes" && $0[4] == "\(8 << 30)" })
    }

    @Test func outliersAreOneBasedRepetitions() throws {
        var reps = ReportFixtures.reps(p50: 50, p99: 120, rps: 50_000, gps: 40)
        reps[0].requestsPerSecond = 1
        let r = BenchmarkReport(environment: ReportFixtures.environment, settings: ReportFixtures.settings, measurements: [(.cpu, reps)])
        let rows = try parse(r.csv)
        #expect(rows.first { $0[2] == "RPS" }?[9] == "1")
    }

    @Test func quoting() {
        #expect(BenchmarkReport.csvLine(["a", "b,c", "say \"hi\""]) == "a,\"b,c\",\"say \"\"hi\"\"\"")
    }
}
