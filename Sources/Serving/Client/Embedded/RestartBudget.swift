/// How often a crashed server child may be started again: at most `limit` restarts
/// within any `window` (default 3 a minute). A server that keeps dying is a problem
/// to report, not to hide behind restarts.
public struct RestartBudget: Sendable, Equatable {
    public let limit: Int
    public let windowNanos: UInt64
    /// Times of the restarts inside the window, oldest first.
    public private(set) var recent: [UInt64] = []

    public init(limit: Int = 3, windowNanos: UInt64 = 60_000_000_000) {
        self.limit = limit
        self.windowNanos = windowNanos
    }

    /// Spends one restart at `now` if the window has one left; false when it is spent.
    public mutating func allow(now: UInt64) -> Bool {
        recent.removeAll { now &- $0 >= windowNanos }
        guard recent.count < limit else { return false }
        recent.append(now)
        return true
    }
}
