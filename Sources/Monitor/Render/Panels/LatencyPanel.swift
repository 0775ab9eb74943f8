import Engine

/// p50/p95/p99/max of inference and of matches per matrix column, over each mode's
/// whole run (the charts show the same over time).
///
/// The "tick" columns are one worker's wait for a whole lockstep tick (every row of
/// the tick: one call in CPU mode, many HTTP requests in a remote mode). A remote
/// mode's latency of one HTTP request (send to last byte) is shown apart, so the two
/// are never mistaken for each other: in "req p50"/"req p99" columns when the panel
/// is wide enough, else on a "per request" line under the mode's row.
public enum LatencyPanel: ScreenPanel {
    static let labelWidth = 19, callsWidth = 8, cell = 8
    /// Inner width from which the call counts and every match column fit.
    static let wideWidth = 98
    /// Inner width from which the per-request columns fit beside them.
    static let requestColumnsWidth = 120

    static func title(_ m: ScreenModel) -> String { "Percentiles per mode, since it first ran" }

    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect inner: Rect) {
        let wide = inner.width >= wideWidth, requests = inner.width >= requestColumnsWidth
        var y = inner.y
        drawHeader(into: &b, y: y, inner: inner, wide: wide, requests: requests)
        y += 1
        for c in InferenceMode.Column.allCases where y < inner.maxY {
            drawRow(c, m, into: &b, y: y, inner: inner, wide: wide, requests: requests)
            y += 1
            if !requests, let r = m.figures(for: c)?.requestLatency, r.count > 0, y < inner.maxY {
                drawRequestLine(r, m, into: &b, y: y, inner: inner)
                y += 1
            }
        }
    }

    private static func drawHeader(into b: inout CellBuffer, y: Int, inner: Rect, wide: Bool, requests: Bool) {
        var x = b.write(Format.pad("mode", labelWidth), x: inner.x + 1, y: y, role: .label, clip: inner)
        if wide { x = b.write(Format.padLeft("calls", callsWidth) + "  ", x: x, y: y, role: .label, clip: inner) }
        for h in ["tick p50", "p95", "p99", "max"] { x = b.write(Format.padLeft(h, cell), x: x, y: y, role: .label, clip: inner) }
        x = b.write("  ", x: x, y: y, clip: inner)
        for h in wide ? ["match p50", "p95", "p99", "max"] : ["match p99"] {
            x = b.write(Format.padLeft(h, h.count > cell ? h.count : cell), x: x, y: y, role: .label, clip: inner)
        }
        if requests {
            x = b.write("  ", x: x, y: y, clip: inner)
            for h in ["req p50", "req p99"] { x = b.write(Format.padLeft(h, cell), x: x, y: y, role: .label, clip: inner) }
        }
    }

    private static func drawRow(_ c: InferenceMode.Column, _ m: ScreenModel, into b: inout CellBuffer, y: Int, inner: Rect,
                                wide: Bool, requests: Bool) {
        let g = m.glyphs
        let current = m.snapshot.currentMode.column == c
        let f = m.figures(for: c)
        let label = (current ? "> " : "  ") + (f.map { "\($0.mode)" } ?? c.rawValue)
        var x = b.write(Format.pad(label, labelWidth), x: inner.x + 1, y: y, role: current ? .highlight : .normal,
                        attributes: current ? .bold : [], clip: inner)
        guard let f, f.inference.count > 0 || f.match.count > 0 else {
            b.write(Format.padLeft(m.absentText(c), (wide ? callsWidth + 2 : 0) + 4 * cell), x: x, y: y, role: .inactive, clip: inner)
            return
        }
        if wide { x = b.write(Format.padLeft(Format.rate(Double(f.inference.count)), callsWidth) + "  ", x: x, y: y, clip: inner) }
        for v in [f.inference.p50, f.inference.p95, f.inference.p99, f.inference.max] {
            x = b.write(Format.padLeft(Format.micros(v, glyphs: g), cell), x: x, y: y, clip: inner)
        }
        x = b.write("  ", x: x, y: y, clip: inner)
        let match = wide ? [f.match.p50, f.match.p95, f.match.p99, f.match.max] : [f.match.p99]
        let widths = wide ? [9, cell, cell, cell] : [9]
        for (i, v) in match.enumerated() {
            x = b.write(Format.padLeft(f.match.count > 0 ? Format.micros(v, glyphs: g) : g.dash, widths[i]), x: x, y: y, clip: inner)
        }
        if requests, let r = f.requestLatency, r.count > 0 {
            x = b.write("  ", x: x, y: y, clip: inner)
            for v in [r.p50, r.p99] { x = b.write(Format.padLeft(Format.micros(v, glyphs: g), cell), x: x, y: y, clip: inner) }
        }
    }

    /// A remote mode's per-request percentiles under its row, when the columns do not fit.
    private static func drawRequestLine(_ r: LatencySummary, _ m: ScreenModel, into b: inout CellBuffer, y: Int, inner: Rect) {
        var x = b.write(Format.pad("    per request", labelWidth), x: inner.x + 1, y: y, role: .label, clip: inner)
        for v in [r.p50, r.p95, r.p99, r.max] {
            x = b.write(Format.padLeft(Format.micros(v, glyphs: m.glyphs), cell), x: x, y: y, clip: inner)
        }
    }
}
