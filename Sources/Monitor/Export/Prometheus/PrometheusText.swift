/// The Prometheus text exposition format (version 0.0.4), written line by line.
///
/// Knows the format's few rules so its callers never spell them: one `# HELP` and
/// one `# TYPE` line before a family's samples, `\` and newline escaped in help
/// text, `\`, `"` and newline escaped in label values, numbers as Go's
/// `strconv.FormatFloat(v, 'g', -1, 64)` would write them where it matters to a
/// reader (integers without a fraction, `+Inf`, `-Inf`, `NaN`).
///
/// ```swift
/// var text = PrometheusText()
/// text.family("dashboard_generations_total", .counter, help: "Generations finished.")
/// text.sample("dashboard_generations_total", labels: [("mode", "cpu")], 42)
/// text.output   // "# HELP dashboard_generations_total Generations finished.\n# TYPE ..."
/// ```
public struct PrometheusText: Sendable {
    /// A metric family's type, as its `# TYPE` line names it.
    public enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    /// The text written so far.
    public private(set) var output = ""

    public init() {}

    /// Starts a family: its `# HELP` and `# TYPE` lines.
    public mutating func family(_ name: String, _ kind: Kind, help: String) {
        output += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(kind.rawValue)\n"
    }

    /// One sample line: `name{labels} value`.
    public mutating func sample(_ name: String, labels: [(String, String)] = [], _ value: Double) {
        output += name
        if !labels.isEmpty {
            output += "{"
            for (i, (key, v)) in labels.enumerated() {
                if i > 0 { output += "," }
                output += key + "=\"" + Self.escapeLabel(v) + "\""
            }
            output += "}"
        }
        output += " " + Self.format(value) + "\n"
    }

    /// The series of one histogram: cumulative `_bucket` lines (the last `le="+Inf"`),
    /// then `_sum` and `_count`.
    public mutating func histogram(_ name: String, labels: [(String, String)] = [], _ buckets: CumulativeBuckets) {
        for (bound, count) in zip(buckets.bounds, buckets.cumulativeCounts) {
            sample(name + "_bucket", labels: labels + [("le", Self.format(bound))], Double(count))
        }
        sample(name + "_bucket", labels: labels + [("le", "+Inf")], Double(buckets.count))
        sample(name + "_sum", labels: labels, buckets.sum)
        sample(name + "_count", labels: labels, Double(buckets.count))
    }

    /// Help text escaped: `\` → `\\`, newline → `\n`.
    public static func escapeHelp(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A label value escaped: `\` → `\\`, `"` → `\"`, newline → `\n`.
    public static func escapeLabel(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A sample value or bucket bound: whole numbers below 2⁵³ without a fraction
    /// (`42`, not `42.0`, as Go clients write them, so `le="1"` matches theirs),
    /// others as Swift's shortest round-tripping text (`0.0025`, `1e-06`), which
    /// Prometheus reads back exactly.
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 9_007_199_254_740_992 {
            return v == 0 ? "0" : String(Int64(v))
        }
        return v.description
    }
}
