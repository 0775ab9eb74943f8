import Testing
@testable import Serving

struct LoadRowFiguresTests {
    static func result(requests: UInt64 = 4000, seconds: Double = 2, unfinished: Int = 0, errors: LoadErrors = LoadErrors()) -> LoadResult {
        let latency = LatencyPercentiles(count: requests, p50: 250, p90: 400, p95: 480, p99: 1_500, p999: 3_000, p9999: 3_000, max: 3_100, mean: 300)
        return LoadResult(mode: .closedLoop, connections: 4, seconds: seconds, requests: requests, errors: errors,
                          latency: latency, serviceTime: latency, sendLag: nil, intervals: [], unsent: 0, unfinished: unfinished)
    }

    @Test func percentilesAndRateCarryOverInMicroseconds() {
        let f = LoadRowFigures(Self.result())
        #expect(f.p50Micros == 250 && f.p95Micros == 480 && f.p99Micros == 1_500)
        #expect(f.requestsPerSecond == 2000 && f.errors == 0)
    }

    @Test func theP95IsTheHistogramsNotAnotherPercentile() {
        var h = LoadHistogram()
        for micros in 1...100 { h.record(nanos: UInt64(micros) * 1000) }
        let p = h.summary
        #expect(p.p90 == 90 && p.p95 == 95 && p.p99 == 99)
    }

    @Test func unansweredRequestsCountAsFailed() {
        var errors = LoadErrors()
        errors.timeout = 2
        errors.statuses[503] = 3
        errors.connect = 1
        let f = LoadRowFigures(Self.result(unfinished: 4, errors: errors))
        #expect(f.errors == 10)
    }

    @Test func aRunThatTookNoTimeHasNoRate() {
        #expect(LoadRowFigures(Self.result(requests: 0, seconds: 0)).requestsPerSecond == 0)
    }
}
