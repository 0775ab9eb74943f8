import Foundation
import Testing
@testable import Engine

@Suite struct LatencyDistributionTests {
    func histogram(_ values: [UInt64]) -> LatencyHistogram {
        var h = LatencyHistogram.latency()
        for v in values { h.recordNanos(v) }
        return h
    }

    func randomNanos(_ n: Int, seed: UInt64) -> [UInt64] {
        var rng = SplitMix64(seed: seed)
        // Log-uniform from 1 µs to 100 ms: every bucket size of the histogram is used.
        return (0..<n).map { _ in UInt64(1000 * pow(10, 5 * rng.nextUnit())) }
    }

    /// Its percentiles are the histogram's own, bucket for bucket.
    @Test func percentilesFollowTheHistogram() {
        let h = histogram(randomNanos(5000, seed: 3))
        let d = LatencyDistribution(h)
        #expect(d.totalCount == 5000)
        #expect(d.counts.reduce(0, +) == 5000)
        for p in [0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99] {
            #expect(d.value(atPercentile: p) == h.highestEquivalentForValue(h.valueAtPercentile(p)), "p\(p)")
        }
    }

    /// The later distribution minus the earlier one is the distribution of what was recorded in between.
    @Test func subtractingGivesTheInterval() {
        let first = randomNanos(3000, seed: 5), second = randomNanos(2000, seed: 6)
        let before = LatencyDistribution(histogram(first))
        let after = LatencyDistribution(histogram(first + second))
        #expect(after.subtracting(before) == LatencyDistribution(histogram(second)))
        #expect(after.subtracting(LatencyDistribution()) == after)
        #expect(after.subtracting(after).isEmpty)
    }

    @Test func addingMerges() {
        let a = randomNanos(1000, seed: 7), b = randomNanos(1500, seed: 8)
        let sum = LatencyDistribution(histogram(a)).adding(LatencyDistribution(histogram(b)))
        #expect(sum == LatencyDistribution(histogram(a + b)))
        #expect(LatencyDistribution().adding(sum) == sum)
    }

    @Test func handBuilt() {
        let d = LatencyDistribution(values: [1000, 2000, 5000, 9000], counts: [50, 0, 45, 5])
        #expect(d.values == [1000, 5000, 9000])   // the empty bucket is dropped
        #expect(d.value(atPercentile: 50) == 1000)
        #expect(d.value(atPercentile: 50.1) == 5000)
        #expect(d.value(atPercentile: 95) == 5000)
        #expect(d.value(atPercentile: 99) == 9000)
        #expect(d.value(atPercentile: 0) == 1000)
        #expect(d.value(atPercentile: 100) == 9000)
        #expect(LatencyDistribution().value(atPercentile: 50) == 0)
    }

    /// Every snapshot carries each mode's distributions.
    @Test func snapshotsCarryThem() {
        let m = MetricsRecorder(workers: 1, mode: .cpu, task: "duel", clock: ManualClock())
        let r = m.recorder(for: .cpu)
        m.recordTicks(r, worker: 0, inferenceNanos: [10_000, 20_000, 30_000][...], matchNanos: [5_000_000][...], rows: 3,
                      tickNanos: 60_000, countsAsRequest: true)
        let f = m.snapshot().figures(for: .cpu)!
        #expect(f.inferenceDistribution.totalCount == 3)
        #expect(f.matchDistribution.totalCount == 1)
        #expect(Double(f.inferenceDistribution.value(atPercentile: 50)) / 1000 == f.inference.p50)
    }
}
