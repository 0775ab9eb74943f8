import Engine

/// A report's figures against a baseline report's: each figure's change, whether
/// it is significant, and which figures are regressions beyond the tolerance.
///
/// Welch's t-test at 5% decides significance (it weighs the difference of the
/// means against both sides' spread); whether the two 95% intervals overlap is
/// shown beside it as the reader's check. A regression is a figure significantly
/// worse by more than `tolerance` (relative: 0.05 is 5%). Figures are matched by
/// name (`Remote (Batch=8) P99 (ms)`): a row present on one side only is listed, not compared.
public struct ReportComparison: Sendable {
    public var comparisons: [FigureComparison]
    /// Figures of the baseline the current report lacks, and the reverse.
    public var onlyInBaseline: [String]
    public var onlyInCurrent: [String]
    public var tolerance: Double
    /// Where the environments differ ("CPU: a → b").
    public var environmentChanges: [String]
    /// Where the settings differ ("population: 100 → 150").
    public var settingsChanges: [String]

    public init(baseline: BenchmarkReport, current: BenchmarkReport, tolerance: Double) {
        let base = Dictionary(baseline.figures.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Set(current.figures.map(\.name))
        comparisons = current.figures.compactMap { f in
            base[f.name].map { b in FigureComparison(name: f.name, direction: f.direction, baseline: b.summary, current: f.summary) }
        }
        onlyInBaseline = baseline.figures.map(\.name).filter { !now.contains($0) }
        onlyInCurrent = current.figures.map(\.name).filter { base[$0] == nil }
        self.tolerance = tolerance
        environmentChanges = current.environment.differences(from: baseline.environment)
        settingsChanges = current.settings.differences(from: baseline.settings)
    }

    /// The figures significantly worse by more than the tolerance.
    public var regressions: [FigureComparison] { comparisons.filter { $0.isRegression(tolerance: tolerance) } }

    /// The comparison as printed: a table, then one line per regression, then the verdict.
    public var text: String {
        func cell(_ s: SampleSummary) -> String { BenchmarkReport.cell(s) }
        let rows = comparisons.map { c -> [String] in
            let change = c.relativeChange.isFinite ? String(format: "%+.1f%%", c.relativeChange * 100) : (c.relativeChange > 0 ? "+∞" : "−∞")
            let p = c.test.pValue.map { $0 < 0.001 ? "<0.001" : String(format: "%.3f", $0) } ?? "n/a"
            let verdict: String
            switch c.verdict {
            case .untested: verdict = "untested (fewer than 2 repetitions)"
            case .unchanged: verdict = "not significant"
            case .better: verdict = "better"
            case .worse: verdict = c.isRegression(tolerance: tolerance) ? "WORSE beyond tolerance" : "worse, within tolerance"
            }
            return [c.name, cell(c.baseline), cell(c.current), change, p, c.intervalsDisjoint ? "disjoint" : "overlap", verdict]
        }
        var lines = [Self.plainTable(header: ["figure", "baseline", "current", "change", "p (Welch)", "95% intervals", "verdict"], rows: rows), ""]
        lines.append("Significant: Welch's t-test, two-sided p < 0.05 (it decides; the intervals are shown for reference). Tolerance: \(String(format: "%g", tolerance * 100))%.")
        if !onlyInBaseline.isEmpty { lines.append("Only in the baseline (not compared): \(onlyInBaseline.joined(separator: ", ")).") }
        if !onlyInCurrent.isEmpty { lines.append("Only in this report (not compared): \(onlyInCurrent.joined(separator: ", ")).") }
        if !environmentChanges.isEmpty { lines.append("Measured differently: \(environmentChanges.joined(separator: "; ")).") }
        if !settingsChanges.isEmpty { lines.append("Measured with other settings: \(settingsChanges.joined(separator: "; ")).") }
        let worse = regressions
        for r in worse {
            let p = r.test.pValue.map { String(format: "%.3g", $0) } ?? "n/a"
            lines.append("REGRESSION: \(r.name) is \(String(format: "%.1f", r.relativeWorsening * 100))% worse than the baseline (p = \(p)), beyond the \(String(format: "%g", tolerance * 100))% tolerance")
        }
        lines.append(worse.isEmpty ? "No figure is significantly worse than the baseline by more than \(String(format: "%g", tolerance * 100))%."
                                   : "\(worse.count) figure\(worse.count == 1 ? "" : "s") worse than the baseline: \(worse.map(\.name).joined(separator: ", ")).")
        return lines.joined(separator: "\n")
    }

    /// A fixed-width text table, first column left-aligned.
    static func plainTable(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return i == 0 ? c + pad : pad + c
            }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)).joined(separator: "\n")
    }
}
