import Engine
import Foundation
import Testing
@testable import Monitor

@Suite struct BenchmarkReportJSONTests {
    func decode(_ text: String) -> String? {
        do { _ = try BenchmarkReport.decode(Data(text.utf8), path: "base.json"); return nil } catch { return error.description }
    }

    /// The fixture report as a mutable JSON object.
    func object() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try ReportFixtures.report().json()) as! [String: Any]
    }

    func text(_ o: [String: Any]) throws -> String { String(decoding: try JSONSerialization.data(withJSONObject: o), as: UTF8.self) }

    @Test func roundTrips() throws {
        let r = ReportFixtures.report()
        #expect(try BenchmarkReport.decode(r.json(), path: "x") == r)
    }

    @Test func hasTheDocumentedTopLevelShape() throws {
        let o = try object()
        #expect(Set(o.keys) == ["format", "version", "environment", "settings", "microbenchmark", "training_throughput", "decision_matrix"])
        #expect(o["format"] as? String == "dashboard-report")
        let row = try #require((o["microbenchmark"] as? [[String: Any]])?.last)
        #expect(Set(row.keys) == ["row", "mode", "batch", "per", "p50_ms", "p95_ms", "p99_ms", "rps", "errors", "breakdown_us"])
        #expect((row["p99_ms"] as? [String: Any])?["ci95_half_width"] is Double)
        let t = try #require((o["training_throughput"] as? [[String: Any]])?.first)
        #expect(Set(t.keys) == ["row", "gens_per_sec", "speedup", "speedup_low", "speedup_high", "cpu_seconds_per_generation", "peak_rss_mb"])
    }

    @Test func remoteRowsSayHowTheyWereMeasured() throws {
        let r = ReportFixtures.report(methods: ReportFixtures.loadMethods)
        #expect(try BenchmarkReport.decode(r.json(), path: "x") == r)
        let o = try JSONSerialization.jsonObject(with: try r.json()) as! [String: Any]
        #expect((o["settings"] as? [String: Any])?["remote_rows"] as? String == "load")
        let rows = try #require(o["microbenchmark"] as? [[String: Any]])
        #expect(rows[0]["measured_by"] == nil)
        let method = try #require(rows[2]["measured_by"] as? [String: Any])
        #expect(Set(method.keys) == ["source", "rows_per_request", "connections", "seconds_per_repetition", "model", "inputs"])
        #expect(method["source"] as? String == "load" && method["rows_per_request"] as? Int == 8 && method["connections"] as? Int == 4)
        #expect(method["seconds_per_repetition"] as? Double == 2)
    }

    @Test func aReportWithoutTheMethodFieldsStillReads() throws {
        var o = try JSONSerialization.jsonObject(with: try ReportFixtures.report(methods: ReportFixtures.loadMethods).json()) as! [String: Any]
        var settings = o["settings"] as! [String: Any]
        settings["remote_rows"] = nil
        o["settings"] = settings
        o["microbenchmark"] = (o["microbenchmark"] as! [[String: Any]]).map { r in var r = r; r["measured_by"] = nil; return r }
        let r = try BenchmarkReport.decode(Data(try text(o).utf8), path: "old.json")
        #expect(r.settings.remoteRows == nil && r.microbenchmark.allSatisfy { $0.measuredBy == nil })
    }

    @Test func refusesWhatIsNotAReportNamingTheFileAndProblem() throws {
        #expect(decode("not json")?.hasPrefix("base.json: is not JSON") == true)
        #expect(decode("[1, 2]") == "base.json: is JSON but not an object: not a dashboard report")
        #expect(decode(#"{"requests_per_second": 5}"#)?.contains("base.json: is not a dashboard report (it has no \"format\" field") == true)
        #expect(decode(#"{"format": "k6"}"#)?.contains("\"format\" is k6") == true)
        #expect(decode(#"{"format": "dashboard-report", "version": 2}"#) == "base.json: is report version 2; this dashboard reads version 1")
    }

    @Test func namesTheFieldThatIsMissingOrWrong() throws {
        var o = try object()
        var rows = o["microbenchmark"] as! [[String: Any]]
        rows[1]["p99_ms"] = nil
        o["microbenchmark"] = rows
        #expect(decode(try text(o)) == "base.json: the field microbenchmark[1].p99_ms is missing")

        o = try object()
        rows = o["microbenchmark"] as! [[String: Any]]
        rows[0]["p50_ms"] = ["samples": ["fast"]]
        o["microbenchmark"] = rows
        #expect(decode(try text(o))?.hasPrefix("base.json: the field microbenchmark[0].p50_ms.samples[0] is not a number") == true)

        // A sample that overflows to infinity: the JSON reader refuses the number itself.
        let huge = try text(try object()).replacingOccurrences(of: #""samples":["#, with: #""samples":[1e400,"#)
        #expect(decode(huge)?.hasPrefix("base.json: is not JSON") == true)
    }

    @Test func refusesDuplicateEmptyAndSampleLessRows() throws {
        var o = try object()
        var rows = o["training_throughput"] as! [[String: Any]]
        rows[2]["row"] = "CPU-Only"
        o["training_throughput"] = rows
        #expect(decode(try text(o)) == "base.json: training_throughput has the row \"CPU-Only\" twice")

        o = try object()
        o["microbenchmark"] = [[String: Any]]()
        #expect(decode(try text(o)) == "base.json: has an empty microbenchmark table")

        o = try object()
        rows = o["microbenchmark"] as! [[String: Any]]
        rows[0]["rps"] = ["samples": [Double]()]
        o["microbenchmark"] = rows
        #expect(decode(try text(o)) == "base.json: CPU-Only RPS has no samples")
    }

    @Test func readNamesMissingFilesAndFolders() throws {
        #expect(throws: ReportFileError("/nonexistent/report.json", "does not exist")) { try BenchmarkReport.read(path: "/nonexistent/report.json") }
        do { _ = try BenchmarkReport.read(path: NSTemporaryDirectory()) } catch {
            #expect(error.description.hasSuffix("is a folder; give the report.json file in it"))
        }
        let path = NSTemporaryDirectory() + "report-\(UInt64.random(in: 0...UInt64.max)).json"
        try ReportFixtures.report().json().write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try BenchmarkReport.read(path: path) == ReportFixtures.report())
    }
}
