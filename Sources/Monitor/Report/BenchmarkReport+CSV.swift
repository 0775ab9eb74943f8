import Engine

extension BenchmarkReport {
    /// The columns of `report.csv`.
    public static let csvHeader = ["table", "row", "figure", "unit", "value", "ci95_low", "ci95_high", "ci95_half_width",
                                   "repetitions", "outliers", "samples"]

    /// `report.csv`, long format: one line per figure (header first, RFC 4180 quoting, LF line ends).
    ///
    /// `table` is `microbenchmark`, `training_throughput`, `resources`, `breakdown_us`,
    /// `bottleneck` (figures `verdict`, the kind, and `line`), `decision_matrix`, with
    /// `--assume-rtt` `projected` and `projected_decision_matrix` (projections, not
    /// measurements), or `environment`; `value` is the mean (text for `bottleneck`, stars, score or text for
    /// the last two; a Speedup's `ci95_high` is empty when unbounded); `outliers` lists the 1-based repetitions outside Tukey's fences and
    /// `samples` every repetition, both separated by `;`.
    public var csv: String {
        var lines = [Self.csvLine(Self.csvHeader)]
        func measured(_ table: String, _ row: String, _ figure: String, _ unit: String, _ s: SampleSummary) {
            lines.append(Self.csvLine([table, row, figure, unit, "\(s.mean)", "\(s.low)", "\(s.high)", "\(s.ci95HalfWidth)", "\(s.count)",
                                       s.outliers.map { "\($0 + 1)" }.joined(separator: ";"), s.samples.map { "\($0)" }.joined(separator: ";")]))
        }
        func plain(_ table: String, _ row: String, _ figure: String, _ unit: String, _ value: String) {
            lines.append(Self.csvLine([table, row, figure, unit, value, "", "", "", "", "", ""]))
        }
        for f in figures { measured(f.table, f.row, f.column, f.unit, f.summary) }
        for r in trainingThroughput {
            lines.append(Self.csvLine(["training_throughput", r.row, "Speedup", "x", "\(r.speedup)", "\(r.speedupLow)", r.speedupHigh.map { "\($0)" } ?? "",
                                       "", "\(r.generationsPerSecond.count)", "", ""]))
        }
        for r in trainingThroughput {
            if let s = r.cpuSecondsPerGeneration { measured("resources", r.row, "CPU s/generation", "s", s) }
            if let s = r.peakRSSMegabytes { measured("resources", r.row, "Peak RSS (MB)", "MB", s) }
        }
        for r in microbenchmark {
            for (part, us) in (r.breakdownMicros ?? [:]).sorted(by: { $0.key < $1.key }) { plain("breakdown_us", r.row, part, "us", "\(us)") }
        }
        for r in microbenchmark {
            if let kind = r.bottleneckKind { plain("bottleneck", r.row, "verdict", "", kind) }
            if let line = r.bottleneck { plain("bottleneck", r.row, "line", "", line) }
        }
        func matrix(_ table: String, _ m: ReportMatrix) {
            for c in m.columns {
                for f in DecisionMatrix.Factor.allCases { plain(table, c.row, f.key, "stars", "\(c.stars[f.key] ?? 0)") }
                plain(table, c.row, "score", "", "\(c.score)")
            }
            plain(table, "", "recommended", "", m.recommended ?? "")
        }
        matrix("decision_matrix", decisionMatrix)
        if let p = projected {
            for r in p.rows {
                plain("projected", r.row, "assumed_rtt", "ms", "\(p.rttMilliseconds)")
                measured("projected", r.row, "Gens/sec", "gen/s", r.generationsPerSecond)
                measured("projected", r.row, "Requests/sec", "req/s", r.requestsPerSecond)
                plain("projected", r.row, "Speedup", "x", "\(r.speedup)")
                plain("projected", r.row, "added per generation", "s", "\(r.addedSecondsPerGeneration)")
            }
            matrix("projected_decision_matrix", p.decisionMatrix)
        }
        for f in environment.fields { plain("environment", "", f.key, "", f.key == "memory_bytes" ? "\(environment.memoryBytes)" : f.value) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One CSV line: fields holding a comma, quote or line break are quoted, quotes doubled.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",")
    }
}
