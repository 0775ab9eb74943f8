import Engine

/// One legend entry: a line sample in the series' colour, a label, a value.
struct LegendItem {
    var role: StyleRole
    var label: String
    var value: String?
    /// The label when the full ones do not all fit.
    var short: String?

    init(role: StyleRole, label: String, value: String?, short: String? = nil) {
        self.role = role; self.label = label; self.value = value; self.short = short
    }
}

/// The pieces every chart panel shares: legend row, x axis, markers, empty message.
enum ChartParts {
    /// Writes the legend entries left to right while they fit (with their short labels when the
    /// full ones do not all fit); returns the x after the last.
    @discardableResult
    static func legend(_ items: [LegendItem], into b: inout CellBuffer, x: Int, y: Int, maxX: Int, glyphs: Glyphs) -> Int {
        var cx = x
        let clip = Rect(x: x, y: y, width: maxX - x, height: 1)
        func width(_ i: LegendItem, _ label: String) -> Int {
            glyphs.legend.unicodeScalars.count + 1 + label.unicodeScalars.count + (i.value.map { $0.unicodeScalars.count + 1 } ?? 0) + 2
        }
        let full = items.reduce(0) { $0 + width($1, $1.label) }
        let items = full <= maxX - x + 2 ? items : items.map { i in
            var s = i
            s.label = i.short ?? i.label
            return s
        }
        for item in items {
            let text = item.label + (item.value.map { " " + $0 } ?? "")
            let need = glyphs.legend.unicodeScalars.count + 1 + text.unicodeScalars.count
            guard cx + need <= maxX else { break }
            cx = b.write(glyphs.legend, x: cx, y: y, role: item.role, clip: clip)
            cx = b.write(" " + item.label, x: cx, y: y, role: .label, clip: clip)
            if let v = item.value { cx = b.write(" " + v, x: cx, y: y, role: .normal, attributes: .bold, clip: clip) }
            cx += 2
        }
        return cx
    }

    /// The x-axis row under `plot` (a `LinePlot` drawn in `rect`): labels at their columns.
    static func xAxis(_ labels: [AxisLabel], plot: LinePlot, rect: Rect, y: Int, glyphs: Glyphs, into b: inout CellBuffer) {
        let area = LinePlot.plotRect(rect)
        let cell = glyphs.isUTF8 ? 2 : 1
        let dots = area.width * cell
        AxisLabels.draw(labels, position: { Int(plot.dotX($0, dots: dots).rounded()) / cell }, into: &b,
                        x: area.x, y: y, width: area.width)
    }

    /// Mode switches as markers on a time axis.
    static func timeMarkers(_ data: ChartData) -> [(x: Double, label: String)] {
        data.marks.map { ($0.time, ModeSwitchMark.shortLabel($0.mode)) }
    }

    /// A grey note in the middle of `rect`.
    static func note(_ text: String, into b: inout CellBuffer, rect: Rect) {
        let n = text.unicodeScalars.count
        b.write(text, x: rect.x + Swift.max(0, (rect.width - n) / 2), y: rect.y + rect.height / 2, role: .inactive, clip: rect)
    }

    /// Splits `total` rows into parts with the given weights, each at least `minimum`; parts that do not fit get 0.
    static func split(_ total: Int, weights: [Int], minimum: Int = 2) -> [Int] {
        var w = weights
        while w.count > 1 && w.count * minimum > total { w.removeLast() }
        let sum = w.reduce(0, +)
        var rows = w.map { Swift.max(minimum, total * $0 / Swift.max(1, sum)) }
        rows[0] += total - rows.reduce(0, +)
        return rows + Array(repeating: 0, count: weights.count - w.count)
    }

    /// The colour of a mode's line where modes are compared (the spectrum): one per matrix column,
    /// further batch sizes in the remaining series colours.
    static func role(for mode: InferenceMode, among modes: [InferenceMode]) -> StyleRole {
        switch mode {
        case .cpu: return .series1
        case .remote(1): return .series4
        case .remote:
            let batched = modes.filter { $0.column == .remoteBatched }
            let i = batched.firstIndex(of: mode) ?? 0
            return [.series3, .series5, .series6, .series2][i % 4]
        }
    }
}
