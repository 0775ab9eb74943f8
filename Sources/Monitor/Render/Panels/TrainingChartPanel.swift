/// Training curves per generation over the chart window: best and mean fitness, the
/// champion's win rate against the reference bot (duel), and the species count,
/// with the generations where the inference mode changed marked.
enum TrainingChartPanel: ScreenPanel {
    static func title(_ m: ScreenModel) -> String {
        var t = "Training " + m.charts.window.label + " " + m.glyphs.dash + " per generation"
        if let (lo, hi) = range(m.charts) { t += ", " + AxisLabels.count(lo) + (hi > lo ? "-" + AxisLabels.count(hi) : "") }
        return t
    }

    /// The generations in the window.
    static func range(_ data: ChartData) -> (Double, Double)? {
        let xs = data.points(.bestFitness).map(\.x)
        guard let lo = xs.min(), let hi = xs.max() else { return nil }
        return (lo.rounded(), hi.rounded())
    }

    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        let g = m.glyphs, data = m.charts
        guard rect.height >= 3, rect.width > LinePlot.labelWidth + 4 else { return }
        let hasWins = !data.points(.winRate).isEmpty
        var items = [LegendItem(role: .series4, label: "best", value: data.latest(.bestFitness).map { Format.fixed($0, 3) }),
                     LegendItem(role: .series1, label: "mean", value: data.latest(.meanFitness).map { Format.fixed($0, 3) })]
        if hasWins {
            items.append(LegendItem(role: .series6, label: "win rate vs bot", value: data.latest(.winRate).map { Format.percent($0) }, short: "win"))
        }
        items.append(LegendItem(role: .series5, label: "species", value: data.latest(.species).map { Format.fixed($0, 0) }, short: "spp"))
        ChartParts.legend(items, into: &b, x: rect.x + 1, y: rect.y, maxX: rect.maxX, glyphs: g)
        guard let (lo, hi) = range(data) else {
            ChartParts.note("no generation finished in the window yet", into: &b, rect: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 2))
            return
        }
        let xLow = hi > lo ? lo : lo - 1, xHigh = hi > lo ? hi : hi + 1
        var plots: [(lines: [ChartLine], unit: ValueUnit, fromZero: Bool)] = [
            ([ChartLine(points: data.points(.bestFitness), role: .series4), ChartLine(points: data.points(.meanFitness), role: .series1)],
             .plain(digits: 1), false)]
        if hasWins { plots.append(([ChartLine(points: data.points(.winRate), role: .series6)], .fraction, true)) }
        plots.append(([ChartLine(points: data.points(.species), role: .series5)], .plain(digits: 0), true))
        // Fitness keeps at least half the rows; the others need 3 rows each to read (else only the legend has them).
        let rows = ChartParts.split(rect.height - 2, weights: hasWins ? [2, 1, 1] : [2, 1], minimum: 3)
        let markers = data.marks.filter { Double($0.generation) >= xLow && Double($0.generation) <= xHigh }
            .map { (Double($0.generation), ModeSwitchMark.shortLabel($0.mode)) }
        var y = rect.y + 1
        var last: (LinePlot, Rect)?
        for (i, p) in plots.enumerated() where rows[i] > 0 {
            let area = Rect(x: rect.x, y: y, width: rect.width, height: rows[i])
            let plot = LinePlot(lines: p.lines, xLow: xLow, xHigh: xHigh,
                                scale: .auto(p.lines.flatMap { $0.points.map(\.mean) }, fromZero: p.fromZero, allowLog: false, rows: area.height),
                                unit: p.unit, markers: markers, labelMarkers: i == 0)
            plot.draw(into: &b, rect: area, glyphs: g)
            last = (plot, area)
            y += rows[i]
        }
        if let (plot, area) = last {
            ChartParts.xAxis(AxisLabels.generations(low: xLow, high: xHigh, columns: area.width - LinePlot.labelWidth),
                             plot: plot, rect: area, y: rect.maxY - 1, glyphs: g, into: &b)
        }
    }
}
