import Engine

/// The remote rows as they would be a network round trip away (`dashboard report
/// --assume-rtt MS`), and the decision matrix scored on them.
///
/// Each repetition's generations/s and the training's requests/s are projected by
/// `NetworkProjection`, the model the monitor's what-if network and `train
/// --assume-rtt` use (docs/analysis.md gives it and its measured accuracy); the
/// latency columns grow by the round trip. CPU-Only is measured, never projected.
/// Projections, not measurements: every view of the report says so.
public struct ReportProjection: Sendable, Equatable, Codable {
    /// One remote row at the assumed round trip.
    public struct Row: Sendable, Equatable, Codable {
        public var row: String
        public var generationsPerSecond: SampleSummary
        /// The training's HTTP requests per second at that round trip.
        public var requestsPerSecond: SampleSummary
        /// Projected mean generations/s over CPU-Only's measured mean.
        public var speedup: Double
        /// What the round trip adds to a generation, seconds (mean over the repetitions).
        public var addedSecondsPerGeneration: Double

        enum CodingKeys: String, CodingKey {
            case row, speedup
            case generationsPerSecond = "gens_per_sec", requestsPerSecond = "rps", addedSecondsPerGeneration = "added_seconds_per_generation"
        }
    }

    public var rttMilliseconds: Double
    public var rows: [Row]
    /// Scored as the measured matrix is, on CPU-Only's figures and the projected remote rows'.
    public var decisionMatrix: ReportMatrix

    enum CodingKeys: String, CodingKey {
        case rows
        case rttMilliseconds = "rtt_ms", decisionMatrix = "decision_matrix"
    }

    /// The projection of the measured modes (CPU-Only first, as the report's rows); nil
    /// when no remote mode has a projection in every repetition.
    init?(rttMilliseconds: Double, measurements: [(mode: InferenceMode, repetitions: [RepetitionFigures])],
          latency: [BenchmarkReport.LatencyRow], throughput: [BenchmarkReport.ThroughputRow], rowNames: [InferenceMode.Column: String]) {
        let cpuMean = throughput[0].generationsPerSecond.mean
        var rows: [Row] = []
        var figures: [ModeFigures] = []
        for (i, m) in measurements.enumerated() {
            let projections = m.repetitions.compactMap(\.projection)
            guard m.mode != .cpu, !projections.isEmpty, projections.count == m.repetitions.count else {
                if m.mode == .cpu { figures.append(BenchmarkReport.matrixFigures(m.mode, latency: latency[i], throughput: throughput[i])) }
                continue
            }
            let gps = SampleSummary(projections.map(\.generationsPerSecond))
            rows.append(Row(row: BenchmarkReport.rowName(m.mode), generationsPerSecond: gps,
                            requestsPerSecond: SampleSummary(projections.map(\.requestsPerSecond)),
                            speedup: cpuMean > 0 ? gps.mean / cpuMean : 0,
                            addedSecondsPerGeneration: projections.map(\.addedSecondsPerGeneration).reduce(0, +) / Double(projections.count)))
            var later = latency[i]
            let ms = rttMilliseconds
            later.p50Milliseconds = SampleSummary(later.p50Milliseconds.samples.map { $0 + ms })
            later.p95Milliseconds = SampleSummary(later.p95Milliseconds.samples.map { $0 + ms })
            later.p99Milliseconds = SampleSummary(later.p99Milliseconds.samples.map { $0 + ms })
            var slower = throughput[i]
            slower.generationsPerSecond = gps
            figures.append(BenchmarkReport.matrixFigures(m.mode, latency: later, throughput: slower))
        }
        guard !rows.isEmpty else { return nil }
        self.rttMilliseconds = rttMilliseconds
        self.rows = rows
        decisionMatrix = ReportMatrix(DecisionMatrix(figures: figures), rowNames: rowNames)
    }
}
