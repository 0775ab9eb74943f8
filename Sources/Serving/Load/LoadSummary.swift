/// The text a load run prints: the summary after each run and the live
/// progress line. Pure functions of the figures, so tests read them as text.
public enum LoadSummary {
    /// The lines printed after a run.
    public static func lines(_ r: LoadResult, step: Int?) -> [String] {
        let head: String
        switch r.mode {
        case .openLoop(let rate, let arrivals, _):
            head = "open loop, \(number(rate)) req/s (\(arrivals.rawValue) arrivals), \(r.connections) connections"
        case .closedLoop:
            head = "closed loop, \(r.connections) connection\(r.connections == 1 ? "" : "s")"
        }
        var out = [(step.map { "step \($0): " } ?? "") + head + ": \(r.requests) requests in \(number(r.seconds)) s = \(number(r.requestsPerSecond)) req/s; errors: \(r.errors.summary)"]
        let from = r.corrected ? "latency from intended send (corrected)" : "latency"
        out.append("  \(from): " + percentiles(r.latency))
        if r.corrected { out.append("  latency from actual send (uncorrected): " + percentiles(r.serviceTime)) }
        if let lag = r.sendLag, lag.count > 0 {
            out.append("  sent late by (all connections busy, or the generator waiting for a CPU): p50 \(milliseconds(lag.p50)) ms  p99 \(milliseconds(lag.p99)) ms  max \(milliseconds(lag.max)) ms")
        }
        if r.unsent > 0 || r.unfinished > 0 {
            out.append("  not measured: \(r.unsent) due but never sent, \(r.unfinished) unanswered when the run stopped waiting")
        }
        return out
    }

    /// `p50 0.412 ms  p90 …  p99 …  p99.9 …  p99.99 …  max …`
    public static func percentiles(_ l: LatencyPercentiles) -> String {
        [("p50", l.p50), ("p90", l.p90), ("p99", l.p99), ("p99.9", l.p999), ("p99.99", l.p9999), ("max", l.max)]
            .map { "\($0.0) \(milliseconds($0.1)) ms" }.joined(separator: "  ")
    }

    /// The live line for one second: `[step 2, 4000 req/s] 12 s  3998 req/s  p50 … p99 …  errors 0  backlog 0`.
    public static func progress(_ i: LoadInterval, step: Int?, level: Double, closedLoop: Bool) -> String {
        let tag = step.map { "[step \($0): \(number(level))\(closedLoop ? " connections" : " req/s")] " } ?? ""
        var text = tag + "\(number(i.elapsedSeconds)) s  \(number(i.requestsPerSecond.rounded())) req/s  p50 \(milliseconds(i.latency.p50)) ms"
            + "  p99 \(milliseconds(i.latency.p99)) ms  max \(milliseconds(i.latency.max)) ms  errors \(i.errors)"
        if !closedLoop { text += "  backlog \(i.backlog)" }
        return text
    }

    /// Microseconds as milliseconds with 3 decimals (`1234` → `1.234`).
    public static func milliseconds(_ micros: UInt64) -> String {
        let whole = micros / 1000, frac = micros % 1000
        return "\(whole)." + String(String(frac).reversed()).padding(toLength: 3, withPad: "0", startingAt: 0).reversed()
    }

    /// A number with at most 3 decimals, no trailing zeros.
    public static func number(_ x: Double) -> String { LoadInterval.number(x) }

    /// A JSON string literal.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
