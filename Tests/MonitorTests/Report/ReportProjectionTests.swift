import Engine
import Foundation
import Testing
@testable import Monitor

@Suite struct ReportProjectionTests {
    /// The fixture report with every remote repetition projected `rtt` ms away: generations/s
    /// at `factor` of the measured, 100 requests per generation.
    static func projected(rtt: Double = 1, factor: Double = 0.5, skipOne: Bool = false) -> BenchmarkReport {
        var s = ReportFixtures.settings
        s.assumedRTTMilliseconds = rtt
        func project(_ reps: [RepetitionFigures]) -> [RepetitionFigures] {
            reps.enumerated().map { i, r in
                var p = r
                if !(skipOne && i == 0) {
                    let gps = r.generationsPerSecond * factor
                    p.projection = NetworkProjection(generationsPerSecond: gps, requestsPerSecond: 100 * gps,
                                                     addedSecondsPerGeneration: 1 / gps - 1 / r.generationsPerSecond)
                }
                return p
            }
        }
        return BenchmarkReport(environment: ReportFixtures.environment, settings: s, measurements: [
            (.cpu, ReportFixtures.reps(p50: 50, p99: 120, rps: 50_000, gps: 40)),
            (.remote(batch: 1), project(ReportFixtures.reps(p50: 1200, p99: 5000, rps: 800, gps: 12))),
            (.remote(batch: 8), project(ReportFixtures.reps(p50: 2000, p99: 8000, rps: 4000, gps: 28))),
        ])
    }

    @Test func remoteRowsAreProjectedAndCPUOnlyIsNot() throws {
        let p = try #require(Self.projected(factor: 0.5).projected)
        #expect(p.rttMilliseconds == 1)
        #expect(p.rows.map(\.row) == ["Remote (Batch=1)", "Remote (Batch=8)"])
        #expect(abs(p.rows[1].generationsPerSecond.mean - 14) < 1e-9)
        #expect(abs(p.rows[1].requestsPerSecond.mean - 1400) < 1e-6)
        #expect(abs(p.rows[1].speedup - 14.0 / 40) < 1e-9)
        #expect(p.rows[1].generationsPerSecond.count == 5, "an interval over the repetitions")
        #expect(p.rows.allSatisfy { $0.addedSecondsPerGeneration > 0 })
    }

    @Test func theProjectedMatrixScoresTheSlowerRemoteRows() throws {
        // Measured, batch 8 at 28 gen/s; a hop away at a tenth of that, CPU-only's 40 win throughput outright.
        let report = Self.projected(factor: 0.1)
        let p = try #require(report.projected)
        let measured = try #require(report.decisionMatrix.columns.first { $0.row == "Remote (Batch=8)" })
        let far = try #require(p.decisionMatrix.columns.first { $0.row == "Remote (Batch=8)" })
        #expect(far.score < measured.score)
        #expect((far.stars["throughput"] ?? 0) < (measured.stars["throughput"] ?? 0))
        #expect(p.decisionMatrix.recommended == "CPU-Only")
    }

    @Test func withoutAnAssumedRoundTripThereIsNoProjection() {
        #expect(ReportFixtures.report().projected == nil)
        #expect(!ReportFixtures.report().markdown.contains("Projected"))
        #expect(!ReportFixtures.report().csv.contains("projected"))
    }

    @Test func aRepetitionWithoutProjectionLeavesTheRowOut() {
        #expect(Self.projected(skipOne: true).projected == nil)
    }

    @Test func everyViewSaysItIsAProjection() throws {
        let report = Self.projected(rtt: 0.5)
        let md = report.markdown
        #expect(md.contains("## Projected at a 0.5 ms round trip"))
        #expect(md.contains("Projections, not measurements"))
        #expect(md.contains("Decision matrix at 0.5 ms"))
        let csv = report.csv.split(separator: "\n")
        #expect(csv.contains { $0.hasPrefix("projected,Remote (Batch=8),Gens/sec,gen/s,") })
        #expect(csv.contains { $0.hasPrefix("projected,Remote (Batch=1),assumed_rtt,ms,0.5") })
        #expect(csv.contains { $0.hasPrefix("projected_decision_matrix,,recommended,") })
        let json = try #require(String(data: try report.json(), encoding: .utf8))
        #expect(json.contains("\"assumed_rtt_ms\" : 0.5"))
        #expect(json.contains("\"projected\" : {"))
        let back = try BenchmarkReport.decode(try report.json(), path: "report.json")
        #expect(back == report)
    }

    @Test func aReportWithAProjectedRowWithoutSamplesIsRefused() throws {
        var report = Self.projected()
        report.projected?.rows[0].requestsPerSecond = SampleSummary([])
        let data = try report.json()
        #expect(throws: ReportFileError.self) { try BenchmarkReport.decode(data, path: "r.json") }
        do throws(ReportFileError) { _ = try BenchmarkReport.decode(data, path: "r.json") } catch {
            #expect(error.description == "r.json: projected row \"Remote (Batch=1)\" has no samples")
        }
    }
}
