import Engine

/// One measured figure of a report: a cell of the two tables, named
/// `"<row> <column>"` (`Remote (Batch=8) P99 (ms)`), with the direction in which
/// it is better. What `--compare` compares and the CSV lists.
public struct ReportFigure: Sendable, Equatable {
    /// `microbenchmark` or `training_throughput`.
    public var table: String
    public var row: String
    /// The column as the table heads it: `P50 (ms)`, `RPS`, `Gens/sec`.
    public var column: String
    public var unit: String
    public var direction: FigureComparison.Direction
    public var summary: SampleSummary

    public var name: String { "\(row) \(column)" }
}

extension BenchmarkReport {
    /// Every cell of both tables that was measured over repetitions, in table order.
    public var figures: [ReportFigure] {
        var out: [ReportFigure] = []
        for r in microbenchmark {
            let rate = r.per == "call" ? "calls/s" : "requests/s"
            out.append(ReportFigure(table: "microbenchmark", row: r.row, column: "P50 (ms)", unit: "ms", direction: .lowerIsBetter, summary: r.p50Milliseconds))
            out.append(ReportFigure(table: "microbenchmark", row: r.row, column: "P95 (ms)", unit: "ms", direction: .lowerIsBetter, summary: r.p95Milliseconds))
            out.append(ReportFigure(table: "microbenchmark", row: r.row, column: "P99 (ms)", unit: "ms", direction: .lowerIsBetter, summary: r.p99Milliseconds))
            out.append(ReportFigure(table: "microbenchmark", row: r.row, column: "RPS", unit: rate, direction: .higherIsBetter, summary: r.requestsPerSecond))
        }
        for r in trainingThroughput {
            out.append(ReportFigure(table: "training_throughput", row: r.row, column: "Gens/sec", unit: "generations/s",
                                    direction: .higherIsBetter, summary: r.generationsPerSecond))
        }
        return out
    }
}
