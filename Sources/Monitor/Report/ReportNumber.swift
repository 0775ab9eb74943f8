import Foundation

/// How the report writes numbers: three significant digits (at least the units),
/// thousands grouped, an interval with the decimals of its mean.
public enum ReportNumber {
    /// Decimals that show `x` with three significant digits (none at 100 and above).
    public static func decimals(_ x: Double) -> Int {
        let a = abs(x)
        guard a.isFinite, a > 0 else { return 0 }
        return max(0, 2 - Int(log10(a).rounded(.down)))
    }

    /// `x` with `decimals` decimals and its integer part grouped by thousands (`50,000`, `0.052`).
    public static func format(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        let text = String(format: "%.\(decimals)f", x)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `x` with three significant digits.
    public static func format(_ x: Double) -> String { format(x, decimals: decimals(x)) }

    /// "mean ± half-width" with the mean's decimals (the half-width alone when it is all that differs).
    public static func interval(mean: Double, halfWidth: Double) -> String {
        let d = decimals(mean)
        return "\(format(mean, decimals: d)) ± \(format(halfWidth, decimals: max(d, min(6, decimals(halfWidth) - 1))))"
    }
}
