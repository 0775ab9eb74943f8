import Engine

/// Requests/s, vectors/s, errors/s and error rate, generations/s, tick time, inference time per generation.
public enum RatesPanel: ScreenPanel {
    static func title(_ m: ScreenModel) -> String { "Rates per mode" }

    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect inner: Rect) {
        let g = m.glyphs
        let labelW = 16
        let colW = Swift.max(8, (inner.width - 1 - labelW) / 3)
        var x = b.write(Format.pad("", labelW), x: inner.x + 1, y: inner.y, clip: inner)
        let cols = InferenceMode.Column.allCases
        for c in cols {
            let current = m.snapshot.currentMode.column == c
            x = b.write(Format.padLeft(m.shortLabel(c), colW), x: x, y: inner.y, role: current ? .highlight : .label,
                        attributes: current ? .bold : [], clip: inner)
        }
        let figs = cols.map { m.figures(for: $0) }
        let rows: [(String, (ModeFigures) -> String)] = [
            ("requests/s", { Format.rate($0.requestsPerSecond) }),
            ("vectors/s", { Format.rate($0.vectorsPerSecond) }),
            ("errors/s", { Format.rate($0.errorsPerSecond) }),
            ("error rate", { Format.percent($0.errorRate, digits: 2) }),
            ("generations/s", { Format.rate($0.generationsPerSecond) }),
            ("avg tick", { Format.micros($0.meanTickMicros, glyphs: g) }),
            ("inference/gen", { Format.micros($0.inferenceMillisPerGeneration * 1000, glyphs: g) }),
        ]
        var y = inner.y + 1
        for (label, value) in rows where y < inner.maxY {
            x = b.write(Format.pad(label, labelW), x: inner.x + 1, y: y, role: .label, clip: inner)
            for f in figs {
                let text = f.map(value) ?? g.dash
                var role: StyleRole = .normal
                if label.hasPrefix("error"), let f, f.errors > 0 { role = .bad }
                if f == nil { role = .inactive }
                x = b.write(Format.padLeft(text, colW), x: x, y: y, role: role, clip: inner)
            }
            y += 1
        }
    }
}
