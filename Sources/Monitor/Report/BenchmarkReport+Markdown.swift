import Engine

extension BenchmarkReport {
    /// `report.md`: the guide's two tables with 95% intervals, the outliers, the
    /// round-trip breakdown, each mode's bottleneck, the decision matrix and the environment.
    public var markdown: String {
        var out: [String] = ["# Benchmark report", ""]
        let s = settings
        out.append("Task \(s.task), population \(s.population), \(s.threads) worker thread\(s.threads == 1 ? "" : "s"); each mode: \(s.warmupGenerations) warm-up generation\(s.warmupGenerations == 1 ? "" : "s") (not measured), then \(s.repetitions) repetition\(s.repetitions == 1 ? "" : "s") of \(s.generationsPerRepetition) generation\(s.generationsPerRepetition == 1 ? "" : "s") from the same seed\(s.quick ? " (--quick)" : ""). Each cell is the mean over the repetitions ± the half-width of its 95% confidence interval (Student's t; no interval with one repetition).")
        out += ["", "## Microbenchmark results", ""]
        out.append("Latency per inference call for CPU-Only (one call evaluates a worker's tick in-process) and per HTTP request for the remote rows; RPS counts the same unit.")
        out.append("")
        out.append(Self.table(header: ["Implementation", "P50 (ms)", "P95 (ms)", "P99 (ms)", "RPS"], rows: microbenchmark.map { r in
            [r.row, Self.cell(r.p50Milliseconds), Self.cell(r.p95Milliseconds), Self.cell(r.p99Milliseconds), Self.cell(r.requestsPerSecond)]
        }))
        let methods = microbenchmark.compactMap { r in r.measuredBy.map { "- \(r.row): \($0.sentence)." } }
        if !methods.isEmpty { out += ["", "How the remote rows were measured:", ""] + methods }
        let failed = microbenchmark.filter { $0.errors > 0 }
        if !failed.isEmpty {
            out += ["", "Failed requests: " + failed.map { "\($0.row) \($0.errors)" }.joined(separator: ", ") + "."]
        }
        out += ["", "## Training Throughput", ""]
        out.append(Self.table(header: ["Configuration", "Gens/sec", "Speedup"], rows: trainingThroughput.map { r in
            [r.row, Self.cell(r.generationsPerSecond), Self.speedupCell(r)]
        }))
        out += ["", "Speedup: mean generations/s over CPU-Only's; in brackets, its range over both 95% intervals (unbounded when CPU-Only's reaches 0).", ""]
        out += projectionSection
        out += outlierSection
        out += breakdownSection
        out += bottleneckSection
        out += matrixSection
        out += ["## Environment", "", Self.table(header: ["", ""], rows: environment.fields.map { [$0.label, $0.value] }), ""]
        return out.joined(separator: "\n")
    }

    /// A cell: mean ± half-width, or the mean alone for a single repetition.
    static func cell(_ s: SampleSummary) -> String {
        s.count > 1 ? ReportNumber.interval(mean: s.mean, halfWidth: s.ci95HalfWidth) : ReportNumber.format(s.mean)
    }

    static func speedupCell(_ r: ThroughputRow) -> String {
        let x = ReportNumber.format(r.speedup, decimals: 2) + "x"
        guard r.speedupLow != r.speedupHigh else { return x }
        let high = r.speedupHigh.map { ReportNumber.format($0, decimals: 2) } ?? "unbounded"
        return "\(x) (\(ReportNumber.format(r.speedupLow, decimals: 2))–\(high))"
    }

    /// Every measured figure with its repetitions outside Tukey's fences.
    var outlierSection: [String] {
        var lines = ["## Outliers", ""]
        let flagged = figures.filter { !$0.summary.outliers.isEmpty }
        if flagged.isEmpty {
            lines.append("None: every repetition of every figure lies within Tukey's fences (Q1 − 1.5 IQR … Q3 + 1.5 IQR).")
        } else {
            lines.append("Repetitions outside Tukey's fences (Q1 − 1.5 IQR … Q3 + 1.5 IQR). They are kept: the means and intervals above include them, so a disturbed repetition shows as a wider interval.")
            lines.append("")
            for f in flagged {
                let reps = f.summary.outliers.map { "repetition \($0 + 1) (\(ReportNumber.format(f.summary.samples[$0])))" }
                lines.append("- \(f.name): \(reps.joined(separator: ", ")) of \(f.summary.samples.map { ReportNumber.format($0) }.joined(separator: ", "))")
            }
        }
        return lines + [""]
    }

    /// Where a remote request's time went, part by part.
    var breakdownSection: [String] {
        let rows = microbenchmark.filter { $0.breakdownMicros != nil }
        guard !rows.isEmpty else { return [] }
        let parts = BreakdownPart.allCases.map(\.rawValue)
        return ["## Round-trip breakdown", "",
                "Mean µs per HTTP request of the training in each part of its round trip (the server's parts from its Server-Timing header; wire is what is left: network and queues).", "",
                Self.table(header: ["Row"] + parts, rows: rows.map { r in
                    [r.row] + parts.map { p in r.breakdownMicros?[p].map { ReportNumber.format($0) } ?? "" }
                }), ""]
    }

    /// What limits each mode, one verdict line per row (the monitor's and `train --json`'s rules).
    var bottleneckSection: [String] {
        let lines = microbenchmark.compactMap(\.bottleneck)
        guard !lines.isEmpty else { return [] }
        return ["## Bottleneck", "",
                "Over each mode's repetitions (warm-up excluded): the round-trip breakdown and the threads' load from /proc (dashboard and built-in server), under the rules of docs/analysis.md.", ""]
            + lines.map { "- \($0)" } + [""]
    }

    /// The remote rows a network hop away (`--assume-rtt`): projected, not measured.
    var projectionSection: [String] {
        guard let p = projected else { return [] }
        let rtt = WhatIfNetwork.label(p.rttMilliseconds)
        var lines = ["## Projected at a \(rtt) round trip", "",
                     "Projections, not measurements: each repetition's loopback figures with every wave of a tick's requests waiting \(rtt) longer (docs/analysis.md: the model and its measured accuracy). CPU-Only is as measured.", "",
                     Self.table(header: ["Configuration", "Gens/sec (projected)", "Requests/sec (projected)", "Speedup", "Added per generation (ms)"],
                                rows: p.rows.map { r in
                                    [r.row, Self.cell(r.generationsPerSecond), Self.cell(r.requestsPerSecond),
                                     ReportNumber.format(r.speedup, decimals: 2) + "x", ReportNumber.format(r.addedSecondsPerGeneration * 1000)]
                                }), ""]
        lines += ["Decision matrix at \(rtt) (remote rows projected, latency + \(rtt)):", ""]
        lines += Self.matrixTable(p.decisionMatrix)
        return lines
    }

    /// A matrix's stars and weighted scores, and its recommendation.
    static func matrixTable(_ matrix: ReportMatrix) -> [String] {
        let cols = matrix.columns
        var rows = DecisionMatrix.Factor.allCases.map { f in
            ["\(f.rawValue) (\(Int((f.weight * 100).rounded()))%)"] + cols.map { c in
                let n = c.stars[f.key] ?? 0
                return String(repeating: "★", count: n) + String(repeating: "☆", count: max(0, 5 - n))
            }
        }
        rows.append(["Weighted score"] + cols.map { ReportNumber.format($0.score, decimals: 2) })
        var lines = [table(header: ["Factor (weight)"] + cols.map(\.row), rows: rows), ""]
        if let r = matrix.recommended { lines += ["Recommended: **\(r)**.", ""] }
        return lines
    }

    var matrixSection: [String] {
        let cols = decisionMatrix.columns
        guard !cols.isEmpty else { return [] }
        var lines = ["## Decision matrix", "",
                     "Scored from the figures above: latency on the mean P99, throughput on the mean Gens/sec, resource usage on CPU seconds per generation and peak RSS (dashboard plus the built-in server), complexity fixed; stars = 1 + round(4 × this / best).", ""]
        lines += Self.matrixTable(decisionMatrix)
        let resources = trainingThroughput.filter { $0.cpuSecondsPerGeneration != nil || $0.peakRSSMegabytes != nil }
        if !resources.isEmpty {
            lines += [Self.table(header: ["Resources", "CPU s/generation", "Peak RSS (MB)"], rows: resources.map { r in
                [r.row, r.cpuSecondsPerGeneration.map(Self.cell) ?? "", r.peakRSSMegabytes.map(Self.cell) ?? ""]
            }), ""]
        }
        return lines
    }

    /// A GitHub-flavoured Markdown table (pipes in cells escaped).
    static func table(header: [String], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        return ([line(header), "|" + header.map { String(repeating: "-", count: max(3, $0.count + 2)) }.joined(separator: "|") + "|"]
                + rows.map(line)).joined(separator: "\n")
    }
}
