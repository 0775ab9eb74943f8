/// A load run as one row of a latency table (the report's remote rows): the
/// percentiles a benchmark table prints, requests per second, and the requests
/// that failed.
///
/// Latency is over the 2xx answers as the run measured it (from the send in
/// closed loop, from the intended send in open loop). A request still
/// unanswered when the run stopped waiting counts as failed: leaving it out
/// would hide the slowest requests of a stalled server.
public struct LoadRowFigures: Sendable, Equatable {
    public var p50Micros: Double
    public var p95Micros: Double
    public var p99Micros: Double
    /// 2xx answers per second of the run.
    public var requestsPerSecond: Double
    /// Non-2xx answers, connect failures, timeouts, broken connections and unanswered requests.
    public var errors: UInt64

    public init(_ r: LoadResult) {
        p50Micros = Double(r.latency.p50)
        p95Micros = Double(r.latency.p95)
        p99Micros = Double(r.latency.p99)
        requestsPerSecond = r.requestsPerSecond
        errors = r.errors.total + UInt64(r.unfinished)
    }
}
