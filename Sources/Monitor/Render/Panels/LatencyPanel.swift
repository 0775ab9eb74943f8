import Engine

/// p50/p95/p99/max of inference calls and of matches per matrix column, over each
/// mode's whole run (the charts show the same over time).
public enum LatencyPanel: ScreenPanel {
    static let labelWidth = 19, callsWidth = 8, cell = 8

    static func title(_ m: ScreenModel) -> String { "Percentiles per mode, since it first ran" }

    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect inner: Rect) {
        let g = m.glyphs
        // Narrower than the whole table: no call count, and of the match times only p99.
        let wide = inner.width >= 98
        var y = inner.y
        var x = b.write(Format.pad("mode", labelWidth), x: inner.x + 1, y: y, role: .label, clip: inner)
        if wide { x = b.write(Format.padLeft("calls", callsWidth) + "  ", x: x, y: y, role: .label, clip: inner) }
        for h in ["inf p50", "p95", "p99", "max"] { x = b.write(Format.padLeft(h, cell), x: x, y: y, role: .label, clip: inner) }
        x = b.write("  ", x: x, y: y, clip: inner)
        for h in wide ? ["match p50", "p95", "p99", "max"] : ["match p99"] {
            x = b.write(Format.padLeft(h, h.count > cell ? h.count : cell), x: x, y: y, role: .label, clip: inner)
        }
        y += 1
        for c in InferenceMode.Column.allCases where y < inner.maxY {
            let current = m.snapshot.currentMode.column == c
            let f = m.figures(for: c)
            let label = (current ? "> " : "  ") + (f.map { "\($0.mode)" } ?? c.rawValue)
            x = b.write(Format.pad(label, labelWidth), x: inner.x + 1, y: y, role: current ? .highlight : .normal,
                        attributes: current ? .bold : [], clip: inner)
            if let f, f.inference.count > 0 || f.match.count > 0 {
                if wide { x = b.write(Format.padLeft(Format.rate(Double(f.inference.count)), callsWidth) + "  ", x: x, y: y, clip: inner) }
                for v in [f.inference.p50, f.inference.p95, f.inference.p99, f.inference.max] {
                    x = b.write(Format.padLeft(Format.micros(v, glyphs: g), cell), x: x, y: y, clip: inner)
                }
                x = b.write("  ", x: x, y: y, clip: inner)
                let match = wide ? [f.match.p50, f.match.p95, f.match.p99, f.match.max] : [f.match.p99]
                let widths = wide ? [9, cell, cell, cell] : [9]
                for (i, v) in match.enumerated() {
                    x = b.write(Format.padLeft(f.match.count > 0 ? Format.micros(v, glyphs: g) : g.dash, widths[i]),
                                x: x, y: y, clip: inner)
                }
            } else {
                b.write(Format.padLeft(m.absentText(c), (wide ? callsWidth + 2 : 0) + 4 * cell), x: x, y: y, role: .inactive, clip: inner)
            }
            y += 1
        }
    }
}
