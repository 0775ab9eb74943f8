import Engine
import Testing
@testable import Monitor

/// Distributions from (ns, count) pairs.
enum LatencyDistributionFixture {
    static func make(_ pairs: [(UInt64, UInt64)]) -> LatencyDistribution {
        LatencyDistribution(values: pairs.map(\.0), counts: pairs.map(\.1))
    }
}

@Suite struct CumulativeBucketsTests {
    @Test func emptyDistributionHasZeroBuckets() {
        let b = CumulativeBuckets(LatencyDistribution(), bounds: CumulativeBuckets.latencyBounds)
        #expect(b.cumulativeCounts == Array(repeating: 0, count: CumulativeBuckets.latencyBounds.count))
        #expect(b.count == 0 && b.sum == 0)
    }

    @Test func valueOnABoundCountsInThatBucket() {
        // 1 ms exactly is in le="0.001"; one nanosecond more is in the next bucket.
        let d = LatencyDistributionFixture.make([(1_000_000, 2), (1_000_001, 5), (2_500_000, 1)])
        let b = CumulativeBuckets(d, bounds: [0.001, 0.0025, 0.005])
        #expect(b.cumulativeCounts == [2, 8, 8])
        #expect(b.count == 8)
    }

    @Test func valuesAboveTheLastBoundCountOnlyInInf() {
        let d = LatencyDistributionFixture.make([(100, 1), (20_000_000_000, 3)])
        let b = CumulativeBuckets(d, bounds: CumulativeBuckets.latencyBounds)
        #expect(b.cumulativeCounts.last == 1)
        #expect(b.count == 4)
        #expect(abs(b.sum - 60.0000001) < 1e-9)
    }

    /// Random distributions: buckets never decrease, the +Inf bucket and _count are the
    /// total, every bucket is exactly the samples at or below its bound, _sum their sum.
    @Test(arguments: 0..<40) func cumulativeAndConsistent(seed: Int) {
        var rng = Xoshiro256(seed: UInt64(seed))
        var values = Set<UInt64>()
        let n = Int(rng.next() % 200)
        for _ in 0..<n { values.insert(100 + rng.next() % 30_000_000_000) }
        let sorted = values.sorted()
        let counts = sorted.map { _ in rng.next() % 1000 }
        let d = LatencyDistribution(values: sorted, counts: counts)
        for bounds in [CumulativeBuckets.latencyBounds, CumulativeBuckets.matchBounds] {
            let b = CumulativeBuckets(d, bounds: bounds)
            #expect(zip(b.cumulativeCounts, b.cumulativeCounts.dropFirst()).allSatisfy { $0 <= $1 })
            #expect((b.cumulativeCounts.last ?? 0) <= b.count)
            #expect(b.count == d.totalCount)
            for (bound, c) in zip(bounds, b.cumulativeCounts) {
                let expected = zip(d.values, d.counts).filter { Double($0.0) <= bound * 1e9 + 0.5 }.reduce(0) { $0 + $1.1 }
                #expect(c == expected, "bound \(bound)")
            }
            let sum = zip(d.values, d.counts).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } / 1e9
            #expect(abs(b.sum - sum) <= 1e-9 * Swift.max(1, sum))
        }
    }

    @Test func standardBoundsAscend() {
        for bounds in [CumulativeBuckets.latencyBounds, CumulativeBuckets.matchBounds] {
            #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 })
        }
    }
}
