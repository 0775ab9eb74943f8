/// Requests, vectors and errors per second over the chart window, and generations
/// per second below them: is the rate steady, did a switch change it.
enum ThroughputChartPanel: ScreenPanel {
    static func title(_ m: ScreenModel) -> String { "Throughput " + m.charts.window.label }

    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        let g = m.glyphs, data = m.charts
        guard rect.height >= 3, rect.width > LinePlot.labelWidth + 4 else { return }
        let errors = (data.peak(.errorsPerSecond) ?? 0) > 0
        var items = [LegendItem(role: .series1, label: "requests/s", value: data.latest(.requestsPerSecond).map(Format.rate), short: "req/s"),
                     LegendItem(role: .series2, label: "vectors/s", value: data.latest(.vectorsPerSecond).map(Format.rate), short: "vec/s"),
                     LegendItem(role: .series3, label: "generations/s", value: data.latest(.generationsPerSecond).map(Format.rate), short: "gen/s")]
        if errors {
            items.append(LegendItem(role: .bad, label: "errors/s", value: data.latest(.errorsPerSecond).map(Format.rate), short: "err/s"))
        }
        ChartParts.legend(items, into: &b, x: rect.x + 1, y: rect.y, maxX: rect.maxX, glyphs: g)
        let rows = ChartParts.split(rect.height - 2, weights: [2, 1])
        var y = rect.y + 1
        var top = [ChartLine(points: data.points(.requestsPerSecond), role: .series1),
                   ChartLine(points: data.points(.vectorsPerSecond), role: .series2)]
        if errors { top.append(ChartLine(points: data.points(.errorsPerSecond), role: .bad)) }
        let plots = [top, [ChartLine(points: data.points(.generationsPerSecond), role: .series3)]]
        var last: (LinePlot, Rect)?
        for (i, lines) in plots.enumerated() where rows[i] > 0 {
            let area = Rect(x: rect.x, y: y, width: rect.width, height: rows[i])
            let plot = LinePlot(lines: lines, xLow: data.start, xHigh: data.end,
                                scale: .auto(lines.flatMap { $0.points.map(\.mean) }, fromZero: true, allowLog: false, rows: area.height),
                                unit: .rate, markers: ChartParts.timeMarkers(data), labelMarkers: i == 0)
            plot.draw(into: &b, rect: area, glyphs: g)
            last = (plot, area)
            y += rows[i]
        }
        if data.points(.requestsPerSecond).isEmpty {
            ChartParts.note("no interval measured yet", into: &b, rect: LinePlot.plotRect(Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rows[0])))
        }
        if let (plot, area) = last {
            ChartParts.xAxis(AxisLabels.time(start: data.start, end: data.end, columns: area.width - LinePlot.labelWidth),
                             plot: plot, rect: area, y: rect.maxY - 1, glyphs: g, into: &b)
        }
    }
}
