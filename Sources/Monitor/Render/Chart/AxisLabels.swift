#if canImport(Glibc)
import Glibc
#endif

/// Labels of a chart's x axis: a value, its text, placed where the value falls.
struct AxisLabel: Sendable, Equatable {
    var value: Double
    var text: String
}

/// The x-axis labels of the charts: time before now, generation numbers, percentiles.
enum AxisLabels {
    /// Steps the time axis may use, seconds.
    static let timeSteps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600,
                                      43200, 86400, 172_800, 604_800]

    /// Labels at round times before `end` ("-4m", "-2m", "now"), at most one per `spacing` cells of `columns`.
    static func time(start: Double, end: Double, columns: Int, spacing: Int = 9) -> [AxisLabel] {
        let span = end - start
        guard span > 0, columns > 0 else { return [AxisLabel(value: end, text: "now")] }
        let most = Swift.max(1, columns / spacing)
        let step = timeSteps.first { span / $0 <= Double(most) } ?? span
        var out: [AxisLabel] = []
        var k = 0.0
        while end - k * step >= start - 1e-9 {
            out.append(AxisLabel(value: end - k * step, text: k == 0 ? "now" : "-" + duration(k * step)))
            k += 1
        }
        return out.reversed()
    }

    /// A duration in the largest units that keep it short: 45s, 1m30s, 5m, 2h, 1h30m, 3d.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return s % 60 == 0 ? "\(s / 60)m" : "\(s / 60)m\(s % 60)s" }
        if s < 86400 { return s % 3600 == 0 ? "\(s / 3600)h" : "\(s / 3600)h\((s % 3600) / 60)m" }
        return s % 86400 == 0 ? "\(s / 86400)d" : "\(s / 86400)d\((s % 86400) / 3600)h"
    }

    /// Labels at round generation numbers between `low` and `high`.
    static func generations(low: Double, high: Double, columns: Int, spacing: Int = 9) -> [AxisLabel] {
        guard high > low, columns > 0 else { return [AxisLabel(value: low, text: count(low))] }
        let most = Swift.max(1, columns / spacing)
        let step = wholeStep((high - low) / Double(most))
        var out: [AxisLabel] = []
        var v = (low / step).rounded(.up) * step
        while v <= high + 1e-9 { out.append(AxisLabel(value: v, text: count(v))); v += step }
        return out
    }

    /// 1, 2 or 5 × a power of ten, at least `raw` and at least 1: a step between whole numbers.
    static func wholeStep(_ raw: Double) -> Double {
        guard raw > 1, raw.isFinite else { return 1 }
        let p = pow(10, floor(log10(raw)))
        for m in [1.0, 2, 5, 10] where m * p >= raw { return m * p }
        return 10 * p
    }

    /// 950, 12.3k, 1.2M.
    static func count(_ v: Double) -> String { v < 10_000 ? String(Int(v.rounded())) : Format.rate(v) }

    /// The spectrum's percentile axis: x = log10(1 / (1 − q)), labels 0%, 90%, 99%, 99.9%, 99.99%.
    static func percentiles(decades: Int) -> [AxisLabel] {
        (0...decades).map { d in
            let text: String
            switch d {
            case 0: text = "0%"
            case 1: text = "90%"
            default: text = "99." + String(repeating: "9", count: d - 2) + "%"
            }
            return AxisLabel(value: Double(d), text: text == "99.%" ? "99%" : text)
        }
    }

    /// Writes labels on one row: each centred on its column (the last right-aligned at the edge),
    /// skipped when it would touch the previous one.
    static func draw(_ labels: [AxisLabel], position: (Double) -> Int, into b: inout CellBuffer, x: Int, y: Int,
                     width: Int, role: StyleRole = .meter) {
        var free = x
        for l in labels {
            let n = l.text.unicodeScalars.count
            var start = x + position(l.value) - n / 2
            start = Swift.min(Swift.max(start, x), x + width - n)
            guard start >= free else { continue }
            b.write(l.text, x: start, y: y, role: role, clip: Rect(x: x, y: y, width: width, height: 1))
            free = start + n + 1
        }
    }
}
