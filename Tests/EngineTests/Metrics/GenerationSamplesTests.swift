import Testing
@testable import Engine

@Suite struct GenerationSamplesTests {
    /// The selection gives the same percentiles as sorting: the smallest value with at
    /// least ⌈p% × n⌉ values at or below it (sizes 1…300, with and without repeats).
    @Test func percentilesMatchSorting() {
        var rng = Xoshiro256(seed: 42)
        for n in 1...300 {
            let spread: UInt64 = n % 3 == 0 ? 5 : 1_000_000
            var values = (0..<n).map { _ in 100 + rng.next() % spread }
            let sorted = values.sorted()
            func expected(_ p: Double) -> Double {
                let k = max(1, Int((p.nextDown * Double(n) / 100).rounded(.up)))
                return Double(sorted[k - 1]) / 1000
            }
            let s = GenerationSamples.summary(&values)
            #expect(s.count == UInt64(n))
            #expect(s.p50 == expected(50) && s.p95 == expected(95) && s.p99 == expected(99), "n = \(n)")
            #expect(s.max == Double(sorted.last!) / 1000)
            #expect(abs(s.mean - Double(sorted.reduce(0, +)) / Double(n) / 1000) < 1e-9)
        }
    }

    /// Taking merges every worker's samples and leaves them empty.
    @Test func takeMergesAndClears() {
        let workers = [GenerationSamples(), GenerationSamples()]
        workers[0].append(1000)
        workers[1].append(contentsOf: [2000, 3000][...])
        var all = GenerationSamples.take(workers)
        #expect(all.sorted() == [1000, 2000, 3000])
        #expect(GenerationSamples.summary(&all).p50 == 2)
        #expect(GenerationSamples.take(workers).isEmpty)
        var none = [UInt64]()
        #expect(GenerationSamples.summary(&none) == .empty)
    }
}
