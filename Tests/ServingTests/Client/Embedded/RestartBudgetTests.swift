import Testing
@testable import Serving

@Suite struct RestartBudgetTests {
    /// Three restarts within a minute are allowed, the fourth is not; a minute later there is room again.
    @Test func threeAMinute() {
        var b = RestartBudget()
        let s: UInt64 = 1_000_000_000
        let answers = [100, 110, 120, 150, 159, 160].map { b.allow(now: UInt64($0) * s) }
        #expect(answers == [true, true, true, false, false, true])   // at 160 s the restart at 100 s has left the window
        #expect(b.recent == [110 * s, 120 * s, 160 * s])
    }
}
