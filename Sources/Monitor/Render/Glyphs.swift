/// The characters the panels draw with: UTF-8 box drawing, block sparklines
/// and stars when the locale is UTF-8, plain ASCII otherwise.
public struct Glyphs: Sendable, Equatable {
    public var horizontal: Unicode.Scalar, vertical: Unicode.Scalar
    public var topLeft: Unicode.Scalar, topRight: Unicode.Scalar
    public var bottomLeft: Unicode.Scalar, bottomRight: Unicode.Scalar
    /// Eight sparkline levels, lowest first.
    public var spark: [Unicode.Scalar]
    public var starFull: Unicode.Scalar, starEmpty: Unicode.Scalar
    public var micro: String
    public var times: String
    public var dash: String
    public var ellipsis: Unicode.Scalar
    /// A chart's mode-switch marker line.
    public var marker: Unicode.Scalar
    /// A legend's line sample, in the series' colour.
    public var legend: String
    /// A group row's fold mark in the threads panel.
    public var folded: String, unfolded: String
    public var isUTF8: Bool

    public static let utf8 = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], starFull: "★", starEmpty: "☆",
        micro: "µ", times: "×", dash: "—", ellipsis: "…", marker: "┊", legend: "━━", folded: "▸", unfolded: "▾",
        isUTF8: true)

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        spark: ["_", ".", ",", "-", "=", "+", "*", "#"], starFull: "*", starEmpty: ".",
        micro: "u", times: "x", dash: "-", ellipsis: "~", marker: "|", legend: "--", folded: "+", unfolded: "-",
        isUTF8: false)

    /// Picks the glyph set from the locale variables, as the C library would
    /// (`LC_ALL`, then `LC_CTYPE`, then `LANG`): UTF-8 only when the winner says so.
    public static func forLocale(_ environment: [String: String]) -> Glyphs {
        for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let v = environment[key], !v.isEmpty {
                let l = v.lowercased()
                return (l.contains("utf-8") || l.contains("utf8")) ? .utf8 : .ascii
            }
        }
        return .ascii
    }
}
