import CSV
import Engine
import Foundation
import Testing
@testable import Monitor

@Suite struct CSVSnapshotTests {
    func tempDir() -> String {
        let d = NSTemporaryDirectory() + "csvsnap-\(UUID().uuidString)"
        return d
    }

    func write(_ dir: String) throws -> String {
        try CSVSnapshot.write(snapshot: Fixtures.snapshot, system: Fixtures.system,
                              matrix: DecisionMatrix(figures: Fixtures.snapshot.modes), directory: dir,
                              date: Date(timeIntervalSince1970: 1_795_000_000.25))
    }

    @Test func writesAtomicallyWithATimestampedName() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try write(dir)
        #expect(path == dir + "/dashboard-20261118-110640-250.csv")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(files == ["dashboard-20261118-110640-250.csv"])   // no temporary file left behind
    }

    @Test func parsesBackWithHeaderAndQuotedNames() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try String(contentsOfFile: try write(dir), encoding: .utf8)
        #expect(text.hasSuffix("\r\n"))
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        #expect(reader.headerRow == CSVSnapshot.header)
        var rows: [[String]] = []
        while let r = reader.next() { rows.append(r) }
        #expect(rows.allSatisfy { $0.count == CSVSnapshot.header.count })
        #expect(rows.allSatisfy { $0[0] == "2026-11-18T11:06:40.250Z" })
        func find(_ section: String, _ mode: String, _ metric: String) -> [String]? {
            rows.first { $0[1] == section && $0[2] == mode && $0[3] == metric }
        }
        #expect(find("latency", "CPU-only", "inference_p99")?[4] == "35.0")
        #expect(find("latency", "Remote (batch 1)", "match_p50")?[4] == "95000.0")
        #expect(find("rates", "CPU-only", "vectors_per_s")?[4] == "2000.0")
        #expect(find("training", "", "generation")?[4] == "42")
        #expect(find("training", "CPU-only", "task")?[9] == "duel")
        #expect(find("matrix", "Remote (batch 1)", "measured_mode")?[9] == "Remote (batch 1)")
        #expect(find("matrix", "CPU-only", "recommended")?[4] == "1")
        #expect(find("matrix", "Remote (batch N)", "measured")?[4] == "0")
        #expect(find("matrix", "Remote (batch N)", "score")?[4] == "")
        let thread = rows.first { $0[1] == "threads" && $0[7] == "4243" }
        #expect(thread?[8] == "worker, \"1\"")            // comma and quotes survive
        #expect(thread?[6] == "dashboard")
        #expect(rows.contains { $0[1] == "memory" && $0[6] == "server" && $0[4] == "10485760" })
        #expect(text.contains("\"worker, \"\"1\"\"\""))     // RFC 4180 quoting on disk
    }

    @Test func loadsWithPythonCSVAndPandasIfInstalled() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try write(dir)
        let script = """
        import csv, sys
        with open(sys.argv[1], newline='') as f:
            rows = list(csv.reader(f, strict=True))
        assert rows[0] == \(CSVSnapshot.header.map { "'\($0)'" }.joined(separator: ",").replacingOccurrences(of: "'", with: "\"").wrapList), rows[0]
        assert all(len(r) == len(rows[0]) for r in rows), 'ragged rows'
        assert any(r[8] == 'worker, "1"' for r in rows), 'quoted name lost'
        try:
            import pandas
        except ImportError:
            print('pandas: not installed, skipped')
        else:
            df = pandas.read_csv(sys.argv[1])
            assert list(df.columns) == rows[0]
            assert df["value"].dtype.kind == "f", df["value"].dtype
            assert len(df) == len(rows) - 1
            print('pandas: ok')
        print('csv: ok', len(rows))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        p.waitUntilExit()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0, "python3 said: \(output)")
        #expect(output.contains("csv: ok"))
    }

    /// A remote mode's per-request figures and protocol are rows of their own.
    @Test func remoteModesHavePerRequestRowsAndTheirProtocol() {
        var remote = Fixtures.remoteSingleFigures
        remote.requestLatency = LatencySummary(count: 40_000, p50: 70, p95: 110, p99: 150, max: 900, mean: 80)
        remote.retries = 3
        remote.protocolName = "v2"
        remote.tensorFormat = "binary"
        var snap = Fixtures.snapshot
        snap.modes = [Fixtures.cpuFigures, remote]
        let rows = CSVSnapshot.rows(snapshot: snap, system: Fixtures.system, matrix: DecisionMatrix(figures: snap.modes), timestamp: "t")
        func find(_ mode: String, _ metric: String) -> [String]? { rows.first { $0[2] == mode && $0[3] == metric } }
        #expect(find("Remote (batch 1)", "request_p99")?[4] == "150.0" && find("Remote (batch 1)", "request_p99")?[5] == "us")
        #expect(find("Remote (batch 1)", "inference_p99")?[4] == "900.0")   // the per-tick wait stays apart
        #expect(find("Remote (batch 1)", "protocol")?[9] == "v2" && find("Remote (batch 1)", "tensor_format")?[9] == "binary")
        #expect(find("Remote (batch 1)", "errors")?[4] == "12" && find("Remote (batch 1)", "retries")?[4] == "3")
        #expect(find("CPU-only", "request_p99") == nil && find("CPU-only", "protocol") == nil)
    }

    /// The breakdown says where the server's parts came from.
    @Test func breakdownRowsNameTheirSource() {
        var snap = Fixtures.snapshot
        let i = snap.modes.firstIndex { $0.mode != .cpu }!
        snap.modes[i].breakdown = BreakdownFigures(requests: 10, meanRoundTripMicros: 100,
                                                   parts: BreakdownPart.allCases.map { _ in LatencySummary.empty }, statisticsRequests: 10)
        let rows = CSVSnapshot.rows(snapshot: snap, system: Fixtures.system, matrix: DecisionMatrix(figures: snap.modes), timestamp: "t")
        let source = rows.first { $0[1] == "breakdown" && $0[3] == "source" }
        #expect(source?[9] == "statistics")
    }

    @Test func unwritableDirectoryIsAClearError() {
        #expect {
            try CSVSnapshot.write(snapshot: Fixtures.snapshot, system: .empty, matrix: DecisionMatrix(figures: []),
                                  directory: "/proc/no-such-dir/x")
        } throws: { e in "\(e)".contains("cannot create directory /proc/no-such-dir/x") }
    }
}

private extension String {
    var wrapList: String { "[" + self + "]" }
}

@Suite struct CSVSnapshotVerdictTests {
    /// Each measured mode's verdict (kind and line), and the what-if network's round trip and projected columns.
    @Test func bottleneckAndWhatIfRows() {
        let snap = Fixtures.snapshot
        let network = WhatIfNetwork(rttMillis: 2, workers: 2, inFlight: 4)
        let rows = CSVSnapshot.rows(snapshot: snap, system: Fixtures.system, matrix: DecisionMatrix(figures: snap.modes, network: network),
                                    timestamp: "t")
        func text(_ section: String, _ mode: String, _ metric: String) -> String? {
            rows.first { $0[1] == section && $0[2] == mode && $0[3] == metric }?[9]
        }
        func value(_ section: String, _ mode: String, _ metric: String) -> String? {
            rows.first { $0[1] == section && $0[2] == mode && $0[3] == metric }?[4]
        }
        #expect(text("bottleneck", "CPU-only", "verdict") == "CPU-bound")
        #expect(text("bottleneck", "CPU-only", "line") == "CPU-only: CPU-bound — game simulation 67% of a tick, inference 33%, threads not observed")
        #expect(text("bottleneck", "Remote (batch 1)", "verdict") == nil)   // neither a breakdown nor thread figures
        #expect(value("matrix", "", "assumed_rtt") == "2.0")
        #expect(value("matrix", "Remote (batch 1)", "projected") == "1")
        #expect(value("matrix", "CPU-only", "projected") == "0")
        // Measured as is: no what-if rows.
        let plain = CSVSnapshot.rows(snapshot: snap, system: Fixtures.system, matrix: DecisionMatrix(figures: snap.modes), timestamp: "t")
        #expect(!plain.contains { $0[3] == "assumed_rtt" || $0[3] == "projected" })
    }
}
