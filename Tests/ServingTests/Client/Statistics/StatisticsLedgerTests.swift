import Testing
@testable import Serving
import Wire

@Suite struct StatisticsLedgerTests {
    typealias D = V2ModelStatistics.Duration

    /// A model whose `n` requests took `queue`, `input`, `infer`, `output` ns each.
    static func model(_ name: String, version: String = "1", n: UInt64, queue: UInt64 = 10, input: UInt64 = 20, infer: UInt64 = 30,
                      output: UInt64 = 40) -> V2ModelStatistics.Model {
        V2ModelStatistics.Model(name: name, version: version, success: D(count: n, nanos: n * (queue + input + infer + output)),
                                queue: D(count: n, nanos: n * queue), computeInput: D(count: n, nanos: n * input),
                                computeInfer: D(count: n, nanos: n * infer), computeOutput: D(count: n, nanos: n * output))
    }

    @Test func aWindowIsTheMeanOfTheDeltasOverEveryModel() {
        var ledger = StatisticsLedger()
        ledger.setBaseline([Self.model("a", n: 100, queue: 999), Self.model("b", n: 5)])
        // a: 10 more requests at queue 10 (its cumulative queue is 100×999 + 10×10); b: 30 more at infer 70.
        var a = Self.model("a", n: 110)
        a.queue = D(count: 110, nanos: 100 * 999 + 10 * 10)
        a.success = D(count: 110, nanos: 100 * 1089 + 10 * 100)
        var b = Self.model("b", n: 35)
        b.computeInfer = D(count: 35, nanos: 5 * 30 + 30 * 70)
        let w = ledger.advance([a, b])
        let expected = StatisticsLedger.Window(requests: 40, decode: 20, queue: 10, compute: 60, encode: 40)
        #expect(w == expected)
        #expect(ledger.advance([a, b]) == nil, "nothing new: no window")
    }

    @Test func aModelFirstSeenCountsFromThenAndAResetCountsFromZero() {
        var ledger = StatisticsLedger()
        #expect(ledger.advance([Self.model("a", n: 50)]) == nil, "no baseline: the counters so far are not this window's")
        #expect(ledger.advance([Self.model("a", n: 60)])?.requests == 10)
        // Reloaded: its counters start again.
        #expect(ledger.advance([Self.model("a", n: 4, infer: 100)]) == .init(requests: 4, decode: 20, queue: 10, compute: 100, encode: 40))
    }

    @Test func versionsAreCountedApartAndReplacedModelsForgotten() {
        var ledger = StatisticsLedger()
        ledger.setBaseline([Self.model("a", version: "1", n: 10), Self.model("a", version: "2", n: 0), Self.model("old", n: 3)])
        #expect(ledger.modelCount == 3)
        #expect(ledger.advance([Self.model("a", version: "1", n: 10), Self.model("a", version: "2", n: 6)])?.requests == 6)
        ledger.forget(keeping: ["a"])
        #expect(ledger.modelCount == 2)
    }

    @Test func aPartWithoutRequestsHasNoMean() {
        var ledger = StatisticsLedger()
        var m = Self.model("a", n: 0)
        ledger.setBaseline([m])
        m.success = D(count: 3, nanos: 300)
        m.queue = D(count: 3, nanos: 30)
        #expect(ledger.advance([m]) == .init(requests: 3, decode: 0, queue: 10, compute: 0, encode: 0))
    }
}
