/// One second of a load run (the last one may be shorter): what the live
/// progress line shows and `--csv` writes, a row each.
public struct LoadInterval: Sendable, Equatable {
    /// Seconds from the start of the run to the end of this interval.
    public var elapsedSeconds: Double
    /// Length of the interval, in seconds.
    public var seconds: Double
    /// 2xx answers in the interval.
    public var requests: UInt64
    public var errors: UInt64
    /// Latency percentiles of the interval's 2xx answers (from intended send
    /// times in open loop), µs.
    public var latency: LatencyPercentiles
    /// Requests due by the schedule but not yet sent at the end of the interval
    /// (open loop: every connection was busy).
    public var backlog: Int

    public var requestsPerSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }

    /// The CSV header matching `csvRow`.
    public static let csvHeader = "step,level,elapsed_s,requests,errors,requests_per_second,p50_us,p90_us,p99_us,p999_us,max_us,backlog"

    /// One CSV row; `step` and `level` (the rate, or connections) tell sweep runs apart.
    public func csvRow(step: Int, level: Double) -> String {
        let l = latency
        return "\(step),\(Self.number(level)),\(Self.number(elapsedSeconds)),\(requests),\(errors),\(Self.number(requestsPerSecond)),"
            + "\(l.p50),\(l.p90),\(l.p99),\(l.p999),\(l.max),\(backlog)"
    }

    /// A number with at most 3 decimals, no trailing zeros.
    static func number(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        return r == r.rounded() ? String(Int64(r)) : String(r)
    }
}
