/// The requests of a load run that did not get a 2xx answer, by cause. None of
/// them stops the run: a load generator must keep its schedule while a server
/// fails, or the failures would hide the latency behind them.
public struct LoadErrors: Sendable, Equatable {
    /// Answers with a status outside 2xx, by status.
    public var statuses: [Int: UInt64] = [:]
    /// Connections that could not be made (refused, unreachable, connect timeout).
    public var connect: UInt64 = 0
    /// Requests without a whole answer within the timeout.
    public var timeout: UInt64 = 0
    /// Connections that failed or closed mid-answer, or answers that were not HTTP.
    public var io: UInt64 = 0

    public init() {}

    public var nonSuccess: UInt64 { statuses.values.reduce(0, +) }
    public var total: UInt64 { nonSuccess + connect + timeout + io }

    public mutating func add(_ other: LoadErrors) {
        statuses.merge(other.statuses, uniquingKeysWith: +)
        connect += other.connect
        timeout += other.timeout
        io += other.io
    }

    /// `none`, or e.g. `3 timeouts, 12 × 503`.
    public var summary: String {
        var parts: [String] = []
        if connect > 0 { parts.append("\(connect) connect") }
        if timeout > 0 { parts.append("\(timeout) timeout") }
        if io > 0 { parts.append("\(io) connection/protocol") }
        for (status, n) in statuses.sorted(by: { $0.key < $1.key }) { parts.append("\(n) × HTTP \(status)") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
