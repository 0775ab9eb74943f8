/// Latency p50, p95 and p99 over the chart window, per sampling interval, with the
/// mode switches marked: the before/after of a switch at a glance.
enum LatencyChartPanel: ScreenPanel {
    static func metricIndex(_ m: ScreenModel) -> Int { m.state.latencyMetric % LatencyMetric.all.count }

    static func title(_ m: ScreenModel) -> String {
        let metric = LatencyMetric.all[metricIndex(m)]
        return "Latency " + m.charts.window.label + " " + m.glyphs.dash + " " + metric.name + " " + metric.unit(m.snapshot.currentMode)
    }

    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        let g = m.glyphs, data = m.charts, mi = metricIndex(m)
        guard rect.height >= 3, rect.width > LinePlot.labelWidth + 4 else { return }
        let roles: [StyleRole] = [.good, .warning, .bad]
        let series = HistorySeries.Percentile.allCases.map { HistorySeries.latency(mi, $0) }
        var items = zip(series, HistorySeries.Percentile.allCases).enumerated().map { i, sp in
            LegendItem(role: roles[i], label: sp.1.label, value: data.latest(sp.0).map { Format.micros($0, glyphs: g) })
        }
        if let peak = data.peak(series[2]) { items.append(LegendItem(role: .inactive, label: "peak p99", value: Format.micros(peak, glyphs: g))) }
        ChartParts.legend(items, into: &b, x: rect.x + 1, y: rect.y, maxX: rect.maxX, glyphs: g)
        let area = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 2)
        let lines = zip(series, roles).map { ChartLine(points: data.points($0.0), role: $0.1) }
        let plot = LinePlot(lines: lines, xLow: data.start, xHigh: data.end,
                            scale: .auto(lines.flatMap { $0.points.map(\.mean) }, fromZero: true, allowLog: true, rows: area.height),
                            unit: .micros, markers: ChartParts.timeMarkers(data))
        plot.draw(into: &b, rect: area, glyphs: g)
        if lines.allSatisfy({ $0.points.isEmpty }) {
            ChartParts.note("no inference calls in the window yet", into: &b, rect: LinePlot.plotRect(area))
        }
        ChartParts.xAxis(AxisLabels.time(start: data.start, end: data.end, columns: area.width - LinePlot.labelWidth),
                         plot: plot, rect: area, y: rect.maxY - 1, glyphs: g, into: &b)
    }
}
