import Logging

/// Logs every request as `POST /infer - 200 - 0.12ms` (the guide's FastAPI
/// middleware line) at the configured level, and records it in `ServerMetrics`.
struct RequestLog: Sendable {
    let logger: Logger
    let level: Logger.Level
    let metrics: ServerMetrics

    @inline(__always)
    func finished(method: String, path: String, route: String, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = start.duration(to: .now)
        let nanos = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        metrics.recordRequest(route: route, status: status, nanoseconds: nanos)
        logger.log(level: level, "\(method) \(path) - \(status) - \(Self.milliseconds(nanos))ms")
    }

    /// Milliseconds with two decimals, without Foundation: 123_456 ns → "0.12".
    static func milliseconds(_ nanos: Int64) -> String {
        let hundredths = (max(0, nanos) + 5_000) / 10_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
