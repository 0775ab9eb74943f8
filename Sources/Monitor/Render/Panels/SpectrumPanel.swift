import Engine
#if canImport(Glibc)
import Glibc
#endif

/// The latency spectrum: the HdrHistogram percentile distribution from p0 to
/// p99.99, on a percentile axis scaled as log10(1 / (1 − q)) (the plot wrk2 and
/// HdrHistogram users read tail latency from), for the current mode or every
/// measured mode overlaid (`m`). Each mode's whole distribution since it first ran.
enum SpectrumPanel: ScreenPanel {
    /// The axis runs to 1 − 10^−decades: p99.99.
    static let decades = 4

    static func series(_ m: ScreenModel) -> [LatencySeries] {
        let metric = LatencyMetric.all[LatencyChartPanel.metricIndex(m)]
        return LatencySeries.from(m.snapshot, metric: metric, mode: m.state.spectrumAllModes ? nil : m.snapshot.currentMode)
    }

    static func title(_ m: ScreenModel) -> String {
        let metric = LatencyMetric.all[LatencyChartPanel.metricIndex(m)]
        let whose = m.state.spectrumAllModes ? metric.name + ", all modes" : metric.name + " " + metric.unit(m.snapshot.currentMode) + ", \(m.snapshot.currentMode)"
        return "Spectrum " + m.glyphs.dash + " " + whose
    }

    /// The percentile (0…100) at x = log10(1 / (1 − q)).
    static func percentile(atDecade x: Double) -> Double { 100 * (1 - pow(10, -x)) }

    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        let g = m.glyphs
        guard rect.height >= 3, rect.width > LinePlot.labelWidth + 4 else { return }
        let all = series(m)
        let modes = m.snapshot.modes.map(\.mode)
        // Per mode: p99 and p99.9, or only p99 when every mode would not fit otherwise.
        func items(_ tail: Bool) -> [LegendItem] {
            all.map { s in
                let p99 = Format.micros(s.micros(atPercentile: 99), glyphs: g)
                let p999 = tail ? " p99.9 " + Format.micros(s.micros(atPercentile: 99.9), glyphs: g) : ""
                return LegendItem(role: ChartParts.role(for: s.mode, among: modes), label: all.count > 1 ? ModeSwitchMark.shortLabel(s.mode) : "p99",
                                  value: (all.count > 1 ? "p99 " : "") + p99 + p999)
            }
        }
        let full = items(true)
        let fits = full.reduce(0) { $0 + 5 + $1.label.count + ($1.value?.unicodeScalars.count ?? 0) } <= rect.width
        ChartParts.legend(fits ? full : items(false), into: &b, x: rect.x + 1, y: rect.y, maxX: rect.maxX, glyphs: g)
        let area = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 2)
        let samples = Swift.max(2, (area.width - LinePlot.labelWidth) * 2)
        let xs = (0..<samples).map { Double(decades) * Double($0) / Double(samples - 1) }
        let percentiles = xs.map(percentile(atDecade:))
        let lines = all.map { s in
            ChartLine(points: zip(xs, s.micros(atAscending: percentiles)).enumerated().map { i, xv in
                ChartPoint(x: xv.0, mean: xv.1, min: xv.1, max: xv.1, connected: i > 0)
            }, role: ChartParts.role(for: s.mode, among: modes))
        }
        let plot = LinePlot(lines: lines, xLow: 0, xHigh: Double(decades),
                            scale: .auto(lines.flatMap { $0.points.map(\.mean) }, fromZero: true, allowLog: true, rows: area.height), unit: .micros)
        plot.draw(into: &b, rect: area, glyphs: g)
        if all.isEmpty { ChartParts.note("no samples yet", into: &b, rect: LinePlot.plotRect(area)) }
        ChartParts.xAxis(AxisLabels.percentiles(decades: decades), plot: plot, rect: area, y: rect.maxY - 1, glyphs: g, into: &b)
    }
}
