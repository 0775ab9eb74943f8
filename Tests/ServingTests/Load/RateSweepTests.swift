import Testing
@testable import Serving

@Suite struct RateSweepTests {
    /// Runs a sweep against a server whose p99 is `p99(level)`.
    func sweep(_ s: RateSweep, p99: (Double) -> UInt64, errors: (Double) -> UInt64 = { _ in 0 }) -> RateSweep {
        var s = s
        while let level = s.next { s.record(p99Micros: p99(level), requests: 10_000, errors: errors(level)) }
        return s
    }

    @Test func doublesThenBisects() {
        // Holds up to 5000 req/s.
        let s = sweep(RateSweep(start: 500, sloMicros: 10_000)) { $0 <= 5000 ? 2_000 : 50_000 }
        #expect(s.steps.map(\.level) == [500, 1000, 2000, 4000, 8000, 6000, 5000, 5500])
        #expect(s.best?.level == 5000)
        #expect(s.steps.map(\.held) == [true, true, true, true, false, false, true, false])
    }

    @Test func halvesDownWhenTheFirstLevelFails() {
        let s = sweep(RateSweep(start: 8000, sloMicros: 10_000, refinements: 1)) { $0 <= 1500 ? 2_000 : 50_000 }
        #expect(s.steps.map(\.level) == [8000, 4000, 2000, 1000, 1500])
        #expect(s.best?.level == 1500)
    }

    @Test func nothingHeldWhenEvenTheLowestLevelFails() {
        let s = sweep(RateSweep(start: 4, sloMicros: 10_000)) { _ in 50_000 }
        #expect(s.steps.map(\.level) == [4, 2, 1])
        #expect(s.best == nil && s.next == nil)
    }

    @Test func connectionsStayWhole() {
        let s = sweep(RateSweep(start: 1, sloMicros: 10_000, integral: true)) { $0 <= 11 ? 1_000 : 20_000 }
        #expect(s.steps.map(\.level) == [1, 2, 4, 8, 16, 12, 10, 11])
        #expect(s.steps.allSatisfy { $0.level == $0.level.rounded() })
        #expect(s.best?.level == 11)
    }

    @Test func errorsFailARunAndStepsAreBounded() {
        let s = sweep(RateSweep(start: 100, sloMicros: 10_000)) { _ in 1_000 } errors: { $0 >= 800 ? 11 : 10 }
        // 10 errors in 10000 requests is 0.1%: held; 11 is not (from 800 up).
        #expect(s.steps.map(\.level) == [100, 200, 400, 800, 600, 700, 750])
        #expect(s.best?.level == 750)
        let capped = sweep(RateSweep(start: 1, sloMicros: 10_000, maxSteps: 5)) { _ in 1_000 }
        #expect(capped.steps.count == 5 && capped.best?.level == 16)
        let ceiling = sweep(RateSweep(start: 1, sloMicros: 10_000, ceiling: 10)) { _ in 1_000 }
        #expect(ceiling.steps.map(\.level) == [1, 2, 4, 8])
    }

    @Test func aRunWithoutAnswersDoesNotHold() {
        #expect(!RateSweep(start: 1, sloMicros: 10_000).holds(p99Micros: 0, requests: 0, errors: 0))
    }
}
