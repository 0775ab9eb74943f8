import Testing
@testable import Serving

@Suite struct ArrivalScheduleTests {
    @Test func constantSpacingIsExactAndDoesNotDrift() {
        var s = ArrivalSchedule(rate: 1000, arrivals: .constant)
        #expect((0..<4).map { _ in s.next() } == [0, 1_000_000, 2_000_000, 3_000_000])
        // 1/3 s does not divide a nanosecond: each offset is computed from its index, never summed.
        var third = ArrivalSchedule(rate: 3, arrivals: .constant)
        #expect((0..<4).map { _ in third.next() } == [0, 333_333_333, 666_666_667, 1_000_000_000])
        for _ in 4..<3000 { _ = third.next() }
        #expect(third.next() == 1_000_000_000_000)   // request 3000 leaves at exactly 1000 s
    }

    @Test func poissonIsSeededAndMonotonic() {
        var a = ArrivalSchedule(rate: 500, arrivals: .poisson, seed: 9)
        var b = ArrivalSchedule(rate: 500, arrivals: .poisson, seed: 9)
        var c = ArrivalSchedule(rate: 500, arrivals: .poisson, seed: 10)
        let xs = (0..<1000).map { _ in a.next() }
        #expect(xs == (0..<1000).map { _ in b.next() })
        #expect(xs != (0..<1000).map { _ in c.next() })
        #expect(xs.first == 0)
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func poissonGapsAreExponentialWithMeanOneOverRate() {
        var s = ArrivalSchedule(rate: 2000, arrivals: .poisson, seed: 3)
        let n = 200_000
        let offsets = (0...n).map { _ in Double(s.next()) }
        let gaps = zip(offsets, offsets.dropFirst()).map { $1 - $0 }
        let mean = gaps.reduce(0, +) / Double(n)
        let variance = gaps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
        #expect(abs(mean - 500_000) / 500_000 < 0.01, "mean gap \(mean) ns, expected 500000")
        // An exponential's standard deviation equals its mean (constant spacing would give 0).
        #expect(abs(variance.squareRoot() / mean - 1) < 0.02)
        // P(gap > mean) = 1/e.
        let above = Double(gaps.filter { $0 > mean }.count) / Double(n)
        #expect(abs(above - 0.3679) < 0.01)
    }

    @Test func exponentialGapIsTheInverseTransform() {
        #expect(ArrivalSchedule.exponentialGap(unit: 0, rate: 10) == 0)
        #expect(abs(ArrivalSchedule.exponentialGap(unit: 0.5, rate: 10) - 0.6931471805599453 / 10 * 1e9) < 1e-3)
    }
}
