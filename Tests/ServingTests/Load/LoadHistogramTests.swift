import Testing
@testable import Serving

@Suite struct LoadHistogramTests {
    @Test func percentilesAreWithinATenthOfAPercent() {
        var h = LoadHistogram()
        for us in 1...100_000 { h.record(nanos: UInt64(us) * 1000) }
        let expected: [(Double, Double)] = [(50, 50_000), (90, 90_000), (99, 99_000), (99.9, 99_900), (99.99, 99_990)]
        for (p, v) in expected {
            let got = Double(h.micros(atPercentile: p))
            #expect(abs(got - v) / v <= 0.001, "p\(p): \(got) µs, expected \(v)")
        }
        #expect(h.count == 100_000)
        #expect(abs(Double(h.maxMicros) - 100_000) / 100_000 <= 0.001)
        let s = h.summary
        #expect(s.p9999 >= s.p999 && s.p999 >= s.p99 && s.p99 >= s.p90 && s.p90 >= s.p50)
    }

    @Test func aTailOfOneInAThousandShowsAtP9999NotP999() {
        var h = LoadHistogram()
        for _ in 0..<9_990 { h.record(nanos: 200_000) }
        for _ in 0..<10 { h.record(nanos: 750_000_000) }
        #expect(h.micros(atPercentile: 99.9) == 200)
        #expect(abs(Double(h.micros(atPercentile: 99.99)) - 750_000) / 750_000 <= 0.001)
        #expect(abs(Double(h.maxMicros) - 750_000) / 750_000 <= 0.001)
    }

    @Test func roundsToMicrosecondsAndClamps() {
        var h = LoadHistogram()
        h.record(nanos: 0)
        #expect(h.maxMicros == 1)   // at least 1 µs
        h.reset()
        #expect(h.count == 0 && h.maxMicros == 0 && h.micros(atPercentile: 99) == 0)
        h.record(nanos: 1_499)
        #expect(h.maxMicros == 1)
        h.record(nanos: 10 * 3_600_000_000_000)   // 10 hours
        #expect(h.count == 2)
        #expect(Double(h.maxMicros) >= Double(LoadHistogram.highestMicros) * 0.999)
    }

    @Test func addMergesCounts() {
        var a = LoadHistogram(), b = LoadHistogram()
        for _ in 0..<99 { a.record(nanos: 1_000_000) }
        b.record(nanos: 100_000_000)
        a.add(b)
        #expect(a.count == 100)
        #expect(a.micros(atPercentile: 99) == 1000)
        #expect(a.maxMicros >= 99_900)
    }
}
