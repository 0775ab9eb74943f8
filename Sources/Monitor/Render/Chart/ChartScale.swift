#if canImport(Glibc)
import Glibc
#endif

/// Maps values to a chart's height, linear or logarithmic, with round ends and ticks.
///
/// `auto` picks a log scale when allowed and the values span more than two
/// decades (latencies whose p99 is 100× their p50), else a linear one from zero
/// (or from the smallest value, for figures like fitness that do not start at zero).
struct ChartScale: Sendable, Equatable {
    var low: Double
    var high: Double
    var logarithmic: Bool
    /// Linear scales: the distance between ticks.
    var step: Double

    /// A scale for `values` (non-finite ones ignored), with about one linear tick per three of `rows`.
    static func auto(_ values: [Double], fromZero: Bool, allowLog: Bool, rows: Int = 3) -> ChartScale {
        let v = values.filter(\.isFinite)
        guard let lo = v.min(), let hi = v.max() else { return ChartScale(low: 0, high: 1, logarithmic: false, step: 0.5) }
        let positive = v.filter { $0 > 0 }
        if allowLog, let pmin = positive.min(), hi / pmin > 100 {
            return ChartScale(low: pow(10, floor(log10(pmin))), high: pow(10, ceil(log10(hi))), logarithmic: true, step: 10)
        }
        let bottom = fromZero ? Swift.min(0, lo) : lo
        var top = hi
        if top <= bottom { top = bottom + Swift.max(abs(bottom) * 0.1, fromZero ? 1 : 0.5) }
        let step = niceStep((top - bottom) / Double(Swift.max(2, rows / 3)))
        let low = fromZero && bottom >= 0 ? 0 : (bottom / step).rounded(.down) * step
        let high = Swift.max(low + step, (top / step).rounded(.up) * step)
        return ChartScale(low: low, high: high, logarithmic: false, step: step)
    }

    /// 1, 2, 2.5 or 5 × a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, floor(log10(raw)))
        for m in [1.0, 2, 2.5, 5, 10] where m * p >= raw * (1 - 1e-12) { return m * p }
        return 10 * p
    }

    /// Where `v` sits, 0 at the bottom and 1 at the top (outside values clamped).
    func position(_ v: Double) -> Double {
        let p: Double
        if logarithmic {
            guard v > 0 else { return 0 }
            p = (log10(v) - log10(low)) / (log10(high) - log10(low))
        } else {
            p = (v - low) / (high - low)
        }
        return Swift.min(1, Swift.max(0, p.isFinite ? p : 0))
    }

    /// Tick values from the bottom up: each decade (log), or every `step`; thinned to at most `maxTicks`.
    func ticks(maxTicks: Int) -> [Double] {
        var t: [Double] = []
        if logarithmic {
            var v = low
            while v <= high * (1 + 1e-9) { t.append(v); v *= 10 }
        } else {
            var i = 0.0
            while low + i * step <= high + step * 1e-9 { t.append(low + i * step); i += 1 }
        }
        guard maxTicks >= 2, t.count > maxTicks else { return t }
        // Keep both ends and every k-th tick between.
        let k = Int((Double(t.count - 1) / Double(maxTicks - 1)).rounded(.up))
        return t.enumerated().filter { $0.offset % k == 0 || $0.offset == t.count - 1 }.map(\.element)
    }
}
