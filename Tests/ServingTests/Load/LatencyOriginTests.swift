import Testing
@testable import Serving

@Suite struct LatencyOriginTests {
    @Test func correctedLatencyCountsFromTheIntendedSendTime() {
        // Meant to leave at 10 ms, left at 40 ms (every connection was busy), answered at 41 ms.
        #expect(LatencyOrigin.intended.latency(intended: 10_000_000, sent: 40_000_000, answered: 41_000_000) == 31_000_000)
        #expect(LatencyOrigin.sent.latency(intended: 10_000_000, sent: 40_000_000, answered: 41_000_000) == 1_000_000)
        // Never a wrap-around.
        #expect(LatencyOrigin.intended.latency(intended: 5, sent: 5, answered: 4) == 0)
    }

    /// A server that answers in 1 ms but freezes for 500 ms every 2 s, loaded at 100 req/s
    /// over one connection: measured from the intended send times, every request that
    /// arrived during a freeze waits for its end (p99 near 500 ms); measured from the
    /// actual sends, only the one request in flight saw it (p99 about 1 ms).
    @Test func aStallIsChargedToEveryRequestItDelayed() {
        func frozen(_ t: UInt64) -> Bool { t % 2_000_000_000 >= 1_500_000_000 }
        var schedule = ArrivalSchedule(rate: 100, arrivals: .constant)
        var corrected = LoadHistogram(), uncorrected = LoadHistogram()
        var free: UInt64 = 0   // when the one connection is free again
        for _ in 0..<2000 {    // 20 s
            let intended = schedule.next()
            let sent = max(intended, free)
            var start = sent
            if frozen(start) { start = (start / 2_000_000_000 + 1) * 2_000_000_000 }
            let answered = start + 1_000_000
            free = answered
            corrected.record(nanos: LatencyOrigin.intended.latency(intended: intended, sent: sent, answered: answered))
            uncorrected.record(nanos: LatencyOrigin.sent.latency(intended: intended, sent: sent, answered: answered))
        }
        #expect(corrected.micros(atPercentile: 99) >= 450_000)
        #expect(corrected.micros(atPercentile: 50) <= 1_100)
        // A quarter of the requests arrived during a freeze: p75 is about to see it.
        #expect(corrected.micros(atPercentile: 80) >= 100_000)
        #expect(uncorrected.micros(atPercentile: 99) <= 1_100)
        #expect(uncorrected.maxMicros >= 490_000)
    }
}
