import Engine
import Testing
@testable import Monitor

@Suite struct BreakdownBarTests {
    func figures(_ means: [BreakdownPart: Double]) -> BreakdownFigures {
        BreakdownFigures(requests: 1, meanRoundTripMicros: means.values.reduce(0, +), parts: BreakdownPart.allCases.map { p in
            let m = means[p] ?? 0
            return LatencySummary(count: 1, p50: m, p95: m, p99: m, max: m, mean: m)
        })
    }

    @Test func cellsAreProportionalAndFillTheWidth() {
        let f = figures([.clientEncode: 10, .clientDecode: 10, .wire: 40, .serverCompute: 40])
        #expect(BreakdownBar.cells(f, width: 10) == [2, 4, 0, 4])
        #expect(BreakdownBar.text(f, width: 10) == "cc~~~~ssss")
        for w in 1...30 { #expect(BreakdownBar.cells(f, width: w).reduce(0, +) == w) }
    }

    @Test func aSmallShareStillShows() {
        let f = figures([.wire: 990, .serverQueue: 5, .serverCompute: 5])
        #expect(BreakdownBar.text(f, width: 8) == "~~~~~~qs")
    }

    @Test func nothingMeasuredDrawsNothing() {
        #expect(BreakdownBar.cells(figures([:]), width: 8) == [0, 0, 0, 0])
        #expect(BreakdownBar.text(figures([:]), width: 8) == "")
    }
}
