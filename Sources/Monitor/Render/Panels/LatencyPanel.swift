import Engine

/// p50/p95/p99/max of inference calls and of matches per matrix column, with sparklines.
///
/// The "tick" columns are one worker's wait for a whole lockstep tick (every row of
/// the tick: one call in CPU mode, many HTTP requests in a remote mode). A remote
/// mode's latency of one HTTP request (send to last byte) is shown apart, so the
/// two are never mistaken for each other: in "req p50"/"req p99" columns when the
/// panel is wide enough, else on a "per request" line under the mode's row.
public enum LatencyPanel {
    static let labelWidth = 19, callsWidth = 8, cell = 8

    /// Inner width from which the per-request columns fit beside the match columns.
    static let requestColumnsWidth = 120

    public static func draw(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        let g = m.glyphs
        b.box(rect, title: "Latency", glyphs: g)
        let inner = rect.inset(1)
        guard inner.height >= 1 else { return }
        let wide = inner.width >= requestColumnsWidth
        var y = inner.y
        var x = inner.x + 1
        x = b.write(Format.pad("mode", labelWidth), x: x, y: y, role: .label, clip: inner)
        x = b.write(Format.padLeft("calls", callsWidth), x: x, y: y, role: .label, clip: inner)
        x = b.write("  ", x: x, y: y, clip: inner)
        for h in ["tick p50", "p95", "p99", "max"] { x = b.write(Format.padLeft(h, cell), x: x, y: y, role: .label, clip: inner) }
        x = b.write("  ", x: x, y: y, clip: inner)
        for h in ["match p50", "p95", "p99", "max"] {
            x = b.write(Format.padLeft(h, h.count > cell ? h.count : cell), x: x, y: y, role: .label, clip: inner)
        }
        if wide {
            x = b.write("  ", x: x, y: y, clip: inner)
            for h in ["req p50", "req p99"] { x = b.write(Format.padLeft(h, cell), x: x, y: y, role: .label, clip: inner) }
        }
        y += 1
        for c in InferenceMode.Column.allCases where y < inner.maxY - 1 {
            let current = m.snapshot.currentMode.column == c
            let f = m.figures(for: c)
            let label = (current ? "> " : "  ") + (f.map { "\($0.mode)" } ?? c.rawValue)
            x = b.write(Format.pad(label, labelWidth), x: inner.x + 1, y: y, role: current ? .highlight : .normal,
                        attributes: current ? .bold : [], clip: inner)
            if let f, f.inference.count > 0 || f.match.count > 0 {
                x = b.write(Format.padLeft(Format.rate(Double(f.inference.count)), callsWidth), x: x, y: y, clip: inner)
                x = b.write("  ", x: x, y: y, clip: inner)
                for v in [f.inference.p50, f.inference.p95, f.inference.p99, f.inference.max] {
                    x = b.write(Format.padLeft(Format.micros(v, glyphs: g), cell), x: x, y: y, clip: inner)
                }
                x = b.write("  ", x: x, y: y, clip: inner)
                let widths = [9, cell, cell, cell]
                for (i, v) in [f.match.p50, f.match.p95, f.match.p99, f.match.max].enumerated() {
                    x = b.write(Format.padLeft(f.match.count > 0 ? Format.micros(v, glyphs: g) : g.dash, widths[i]),
                                x: x, y: y, clip: inner)
                }
                if wide, let r = f.requestLatency, r.count > 0 {
                    x = b.write("  ", x: x, y: y, clip: inner)
                    for v in [r.p50, r.p99] { x = b.write(Format.padLeft(Format.micros(v, glyphs: g), cell), x: x, y: y, clip: inner) }
                }
            } else {
                b.write(Format.padLeft(m.absentText(c), callsWidth + 2 + 4 * cell), x: x, y: y, role: .inactive, clip: inner)
            }
            y += 1
            if !wide, let r = f?.requestLatency, r.count > 0, y < inner.maxY - 1 {
                x = b.write(Format.pad("    per request", labelWidth), x: inner.x + 1, y: y, role: .label, clip: inner)
                x = b.write(Format.padLeft(Format.rate(Double(r.count)), callsWidth), x: x, y: y, clip: inner)
                x = b.write("  ", x: x, y: y, clip: inner)
                for v in [r.p50, r.p95, r.p99, r.max] {
                    x = b.write(Format.padLeft(Format.micros(v, glyphs: g), cell), x: x, y: y, clip: inner)
                }
                y += 1
            }
        }
        // Sparklines: inference p99 per generation, generations per second.
        let sy = inner.maxY - 1
        guard sy > inner.y else { return }
        let half = inner.width / 2
        let p99 = m.snapshot.inferenceP99History, gps = m.snapshot.generationsPerSecondHistory
        var sx = b.write("inference p99 ", x: inner.x + 1, y: sy, role: .label, clip: inner)
        let lastP99 = p99.last.map { Format.micros($0, glyphs: g) } ?? g.dash
        let w1 = half - (sx - inner.x) - 10
        if w1 > 0 { Sparkline.draw(p99, into: &b, x: sx, y: sy, width: w1, glyphs: g); sx += w1 }
        b.write(" " + lastP99, x: sx, y: sy, clip: inner)
        sx = b.write("generations/s ", x: inner.x + half + 1, y: sy, role: .label, clip: inner)
        let w2 = inner.maxX - sx - 9
        if w2 > 0 { Sparkline.draw(gps, into: &b, x: sx, y: sy, width: w2, glyphs: g); sx += w2 }
        b.write(" " + (gps.last.map { Format.rate($0) } ?? g.dash), x: sx, y: sy, clip: inner)
    }
}
