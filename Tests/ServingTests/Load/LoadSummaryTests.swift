import Foundation
import Testing
@testable import Serving

@Suite struct LoadSummaryTests {
    static func result(mode: LoadMode) -> LoadResult {
        var errors = LoadErrors()
        errors.statuses[503] = 2
        errors.timeout = 1
        let l = LatencyPercentiles(count: 100, p50: 412, p90: 900, p95: 1_000, p99: 312_500, p999: 480_000, p9999: 499_000, max: 500_123, mean: 20_000)
        let s = LatencyPercentiles(count: 100, p50: 400, p90: 800, p95: 1_000, p99: 1_200, p999: 2_000, p9999: 2_000, max: 500_000, mean: 5_000)
        return LoadResult(mode: mode, connections: 16, seconds: 10, requests: 19_990, errors: errors, latency: l, serviceTime: s, sendLag: nil,
                          intervals: [], unsent: 0, unfinished: 0)
    }

    @Test func jsonHasTheFieldsAToolReads() throws {
        let line = Self.result(mode: .openLoop(rate: 2000, arrivals: .constant, seed: 1)).json(extra: [("model", LoadSummary.quoted("m\"1"))])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["requests_per_second"] as? Double == 1999)
        #expect(object["p50_us"] as? Int == 412 && object["p90_us"] as? Int == 900 && object["p99_us"] as? Int == 312_500)
        #expect(object["p999_us"] as? Int == 480_000 && object["max_us"] as? Int == 500_123)
        #expect(object["errors"] as? Int == 3 && object["rate"] as? Int == 2000 && object["corrected"] as? Bool == true)
        #expect(object["service_p99_us"] as? Int == 1_200)
        #expect((object["errors_status"] as? [String: Int]) == ["503": 2])
        #expect(object["model"] as? String == "m\"1")
        let closed = try #require(try JSONSerialization.jsonObject(with: Data(Self.result(mode: .closedLoop).json().utf8)) as? [String: Any])
        #expect(closed["rate"] is NSNull && closed["corrected"] as? Bool == false)
    }

    @Test func summaryShowsBothViewsInOpenLoop() {
        let lines = LoadSummary.lines(Self.result(mode: .openLoop(rate: 2000, arrivals: .poisson, seed: 1)), step: nil)
        #expect(lines[0] == "open loop, 2000 req/s (poisson arrivals), 16 connections: 19990 requests in 10 s = 1999 req/s; errors: 1 timeout, 2 × HTTP 503")
        #expect(lines[1] == "  latency from intended send (corrected): p50 0.412 ms  p90 0.900 ms  p99 312.500 ms  p99.9 480.000 ms  p99.99 499.000 ms  max 500.123 ms")
        #expect(lines[2].hasPrefix("  latency from actual send (uncorrected): p50 0.400 ms"))
        #expect(LoadSummary.lines(Self.result(mode: .closedLoop), step: 3)[0].hasPrefix("step 3: closed loop, 16 connections"))
    }

    @Test func progressAndCSVRows() {
        let i = LoadInterval(elapsedSeconds: 3, seconds: 1, requests: 4000, errors: 1,
                             latency: LatencyPercentiles(count: 4000, p50: 250, p90: 400, p95: 1_000, p99: 1_500, p999: 3_000, p9999: 3_000, max: 3_100, mean: 300),
                             backlog: 7)
        #expect(LoadSummary.progress(i, step: nil, level: 4000, closedLoop: false)
                == "3 s  4000 req/s  p50 0.250 ms  p99 1.500 ms  max 3.100 ms  errors 1  backlog 7")
        #expect(LoadSummary.progress(i, step: 2, level: 8, closedLoop: true).hasPrefix("[step 2: 8 connections] 3 s"))
        #expect(LoadInterval.csvHeader.split(separator: ",").count == i.csvRow(step: 1, level: 4000).split(separator: ",").count)
        #expect(i.csvRow(step: 1, level: 4000.5) == "1,4000.5,3,4000,1,4000,250,400,1500,3000,3100,7")
        #expect(LoadSummary.milliseconds(5) == "0.005" && LoadSummary.milliseconds(12_340) == "12.340")
        #expect(LoadSummary.quoted("a\nb\u{1}") == "\"a\\nb\\u0001\"")
    }
}
