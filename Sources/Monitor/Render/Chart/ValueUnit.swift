/// How a chart's y values read: the axis labels and the legend use it.
enum ValueUnit: Sendable, Equatable {
    /// Microseconds, shown as µs / ms / s.
    case micros
    /// Per second, with k / M suffixes.
    case rate
    /// A fraction shown as a percentage.
    case fraction
    /// A plain number with at most `digits` decimals.
    case plain(digits: Int)

    /// Label text at most about 7 cells wide.
    func format(_ v: Double, glyphs: Glyphs) -> String {
        if v == 0 { return self == .fraction ? "0%" : "0" }
        switch self {
        case .micros: return Format.micros(v, glyphs: glyphs)
        case .rate: return Format.rate(v)
        case .fraction: return Format.fixed(v * 100, v * 100 < 10 && v != 0 ? 1 : 0) + "%"
        case .plain(let d):
            if abs(v) >= 10_000 { return Format.rate(v) }
            return Format.fixed(v, abs(v) >= 100 ? 0 : d)
        }
    }
}
