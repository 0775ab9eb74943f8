import Testing
@testable import Serving

@Suite struct RestartBudgetTests {
    /// Three restarts within a minute are allowed, the fourth is not; a minute later there is room again.
    @Test func threeAMinute() {
        var b = RestartBudget()
        let s: UInt64 = 1_000_000_000
        #expect(b.allow(now: 100 * s) && b.allow(now: 110 * s) && b.allow(now: 120 * s))
        #expect(!b.allow(now: 150 * s))
        #expect(!b.allow(now: 159 * s))
        #expect(b.allow(now: 160 * s))   // the restart at 100 s has left the window
        #expect(b.recent == [110 * s, 120 * s, 160 * s])
    }
}
