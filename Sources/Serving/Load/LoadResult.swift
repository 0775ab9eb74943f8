/// What one load run measured.
public struct LoadResult: Sendable {
    public var mode: LoadMode
    public var connections: Int
    /// From the first send to the last answer waited for, in seconds.
    public var seconds: Double
    /// 2xx answers.
    public var requests: UInt64
    public var errors: LoadErrors
    /// Latency of the 2xx answers: from the intended send time in open loop
    /// (coordinated-omission corrected), from the send in closed loop.
    public var latency: LatencyPercentiles
    /// Latency from the actual send (what a closed-loop tool reports), for comparison.
    public var serviceTime: LatencyPercentiles
    /// Open loop: how late requests left after their intended times — a busy server
    /// (every connection waiting) or a generator that did not get the CPU in time.
    public var sendLag: LatencyPercentiles?
    public var intervals: [LoadInterval]
    /// Open loop: requests the schedule had due before the end that were never
    /// sent (every connection stayed busy until the run gave up waiting).
    public var unsent: Int
    /// Requests still unanswered when the run stopped waiting for them.
    public var unfinished: Int

    public var requestsPerSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }
    public var corrected: Bool { mode.origin == .intended }

    /// The run as one JSON object (numbers in µs and requests/s).
    public func json(extra: [(String, String)] = []) -> String {
        let l = latency, s = serviceTime
        var fields: [(String, String)] = [
            ("mode", mode.rate == nil ? "\"closed-loop\"" : "\"open-loop\""),
            ("rate", mode.rate.map { LoadInterval.number($0) } ?? "null"),
            ("arrivals", { if case .openLoop(_, let a, _) = mode { return "\"\(a.rawValue)\"" } else { return "null" } }()),
            ("corrected", "\(corrected)"),
            ("connections", "\(connections)"),
            ("seconds", LoadInterval.number(seconds)),
            ("requests", "\(requests)"),
            ("requests_per_second", LoadInterval.number(requestsPerSecond)),
            ("p50_us", "\(l.p50)"), ("p90_us", "\(l.p90)"), ("p95_us", "\(l.p95)"), ("p99_us", "\(l.p99)"),
            ("p999_us", "\(l.p999)"), ("p9999_us", "\(l.p9999)"), ("max_us", "\(l.max)"),
            ("mean_us", LoadInterval.number(l.mean)),
            ("service_p50_us", "\(s.p50)"), ("service_p99_us", "\(s.p99)"), ("service_max_us", "\(s.max)"),
            ("send_lag_p50_us", sendLag.map { "\($0.p50)" } ?? "null"), ("send_lag_p99_us", sendLag.map { "\($0.p99)" } ?? "null"),
            ("errors", "\(errors.total)"),
            ("errors_connect", "\(errors.connect)"), ("errors_timeout", "\(errors.timeout)"), ("errors_io", "\(errors.io)"),
            ("errors_status", "{" + errors.statuses.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"),
            ("unsent", "\(unsent)"), ("unfinished", "\(unfinished)"),
        ]
        fields += extra
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}
