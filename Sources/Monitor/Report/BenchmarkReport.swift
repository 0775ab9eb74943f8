import Engine

/// The guide's benchmark results: the Microbenchmark results table (latency
/// percentiles and requests per second per mode), the Training Throughput table
/// (generations per second and the speed-up against CPU-only), the decision
/// matrix scored from those figures, and the machine they were measured on.
///
/// Every measured figure is a `SampleSummary` over the repetitions: the mean,
/// its 95% confidence interval and the repetitions outside Tukey's fences. The
/// value is what `report.json` holds; `markdown`, `csv` and `comparison(against:)`
/// are views of it.
public struct BenchmarkReport: Sendable, Equatable, Codable {
    /// The `format` field of every report file.
    public static let formatName = "dashboard-report"
    /// The layout version this build writes and reads.
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var environment: ReportEnvironment
    public var settings: ReportSettings
    /// The Microbenchmark results table, rows in the guide's order.
    public var microbenchmark: [LatencyRow]
    /// The Training Throughput table, rows in the guide's order.
    public var trainingThroughput: [ThroughputRow]
    public var decisionMatrix: ReportMatrix
    /// With an assumed round trip (`--assume-rtt`): the remote rows projected a network hop
    /// away, and the matrix scored on those projections; nil otherwise, and in reports
    /// written before there were projections.
    public var projected: ReportProjection?

    enum CodingKeys: String, CodingKey {
        case format, version, environment, settings, microbenchmark, projected
        case trainingThroughput = "training_throughput", decisionMatrix = "decision_matrix"
    }

    /// One row of the Microbenchmark results table.
    public struct LatencyRow: Sendable, Equatable, Codable {
        /// `CPU-Only`, `Remote (Batch=1)`, `Remote (Batch=N)` with N filled in.
        public var row: String
        /// `cpu` or `remote`.
        public var mode: String
        /// Vectors per request (1 for CPU-only).
        public var batch: Int
        /// What one latency sample and one request is: `call` (CPU-only) or `HTTP request`.
        public var per: String
        public var p50Milliseconds: SampleSummary
        public var p95Milliseconds: SampleSummary
        public var p99Milliseconds: SampleSummary
        /// Calls (CPU-only) or HTTP requests (remote) per second.
        public var requestsPerSecond: SampleSummary
        /// Failed requests over every repetition.
        public var errors: UInt64
        /// Remote rows: the mean µs of each part of a request's round trip, over the repetitions that had it
        /// (from the training's requests, whichever way the row's percentiles were measured).
        public var breakdownMicros: [String: Double]?
        /// Remote rows: how the percentiles and RPS were measured; nil for CPU-Only and in reports
        /// written before the load generator measured them (the training's requests).
        public var measuredBy: RemoteRowMethod?
        /// What limits the mode over the training's repetitions (`BottleneckRules`, the monitor's and
        /// `train --json`'s rules): the verdict line, and its kind (`client-bound`, …). nil when too little
        /// was measured, and in reports written before the report gave verdicts.
        public var bottleneck: String?
        public var bottleneckKind: String?

        enum CodingKeys: String, CodingKey {
            case row, mode, batch, per, errors, bottleneck
            case p50Milliseconds = "p50_ms", p95Milliseconds = "p95_ms", p99Milliseconds = "p99_ms"
            case requestsPerSecond = "rps", breakdownMicros = "breakdown_us", measuredBy = "measured_by"
            case bottleneckKind = "bottleneck_kind"
        }
    }

    /// One row of the Training Throughput table.
    public struct ThroughputRow: Sendable, Equatable, Codable {
        public var row: String
        public var generationsPerSecond: SampleSummary
        /// Mean generations/s over CPU-only's mean (1 for CPU-only itself).
        public var speedup: Double
        /// The speed-up's range over both 95% intervals: max(0, low) / CPU high … high / CPU low;
        /// no upper end (nil) when CPU-only's interval reaches down to 0.
        public var speedupLow: Double
        public var speedupHigh: Double?
        public var cpuSecondsPerGeneration: SampleSummary?
        public var peakRSSMegabytes: SampleSummary?

        enum CodingKeys: String, CodingKey {
            case row, speedup
            case generationsPerSecond = "gens_per_sec", speedupLow = "speedup_low", speedupHigh = "speedup_high"
            case cpuSecondsPerGeneration = "cpu_seconds_per_generation", peakRSSMegabytes = "peak_rss_mb"
        }
    }

    /// The name of `mode`'s row in both tables, as the guide writes it.
    public static func rowName(_ mode: InferenceMode) -> String {
        switch mode {
        case .cpu: return "CPU-Only"
        case .remote(let batch): return "Remote (Batch=\(batch))"
        }
    }

    /// The report of the measured repetitions, one list per mode in the order given
    /// (CPU-only first: the speed-up is against it); `methods` says how each remote
    /// row was measured, keyed by its row name, and `verdicts` what limits each mode.
    /// - Precondition: every mode has at least one repetition; the first mode is `.cpu`.
    public init(environment: ReportEnvironment, settings: ReportSettings, measurements: [(mode: InferenceMode, repetitions: [RepetitionFigures])],
                methods: [String: RemoteRowMethod] = [:], verdicts: [InferenceMode: Bottleneck] = [:]) {
        precondition(measurements.first?.mode == .cpu, "the first mode of a report is CPU-only")
        precondition(measurements.allSatisfy { !$0.repetitions.isEmpty }, "every mode needs a repetition")
        format = Self.formatName
        version = Self.currentVersion
        self.environment = environment
        self.settings = settings
        let latency = measurements.map { m in
            var row = Self.latencyRow(m.mode, m.repetitions)
            row.measuredBy = m.mode == .cpu ? nil : methods[row.row]
            if let v = verdicts[m.mode] {
                row.bottleneck = v.line(label: row.row)
                row.bottleneckKind = v.kind.rawValue
            }
            return row
        }
        let cpu = SampleSummary(measurements[0].repetitions.map(\.generationsPerSecond))
        let throughput = measurements.map { Self.throughputRow($0.mode, $0.repetitions, cpu: cpu) }
        microbenchmark = latency
        trainingThroughput = throughput
        let figures = measurements.indices.map { i in Self.matrixFigures(measurements[i].mode, latency: latency[i], throughput: throughput[i]) }
        let rowNames = Dictionary(measurements.map { ($0.mode.column, Self.rowName($0.mode)) }, uniquingKeysWith: { a, _ in a })
        decisionMatrix = ReportMatrix(DecisionMatrix(figures: figures), rowNames: rowNames)
        projected = settings.assumedRTTMilliseconds.flatMap { rtt in
            ReportProjection(rttMilliseconds: rtt, measurements: measurements, latency: latency, throughput: throughput, rowNames: rowNames)
        }
    }

    static func latencyRow(_ mode: InferenceMode, _ reps: [RepetitionFigures]) -> LatencyRow {
        let remote = mode != .cpu
        let splits = reps.compactMap(\.breakdownMicros)
        var breakdown: [String: Double]?
        if !splits.isEmpty {
            let keys = Set(splits.flatMap(\.keys))
            breakdown = Dictionary(uniqueKeysWithValues: keys.map { k in
                let xs = splits.compactMap { $0[k] }
                return (k, xs.reduce(0, +) / Double(xs.count))
            })
        }
        return LatencyRow(row: rowName(mode), mode: remote ? "remote" : "cpu", batch: mode.batchSize, per: remote ? "HTTP request" : "call",
                          p50Milliseconds: SampleSummary(reps.map { $0.p50Micros / 1000 }),
                          p95Milliseconds: SampleSummary(reps.map { $0.p95Micros / 1000 }),
                          p99Milliseconds: SampleSummary(reps.map { $0.p99Micros / 1000 }),
                          requestsPerSecond: SampleSummary(reps.map(\.requestsPerSecond)),
                          errors: reps.reduce(0) { $0 + $1.errors }, breakdownMicros: breakdown)
    }

    static func throughputRow(_ mode: InferenceMode, _ reps: [RepetitionFigures], cpu: SampleSummary) -> ThroughputRow {
        let gps = SampleSummary(reps.map(\.generationsPerSecond))
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }
        let cpuSeconds = reps.compactMap(\.cpuSecondsPerGeneration)
        let rss = reps.compactMap(\.peakRSSBytes)
        // CPU-Only against itself is 1 exactly, whatever its spread.
        let isCPU = mode == .cpu
        return ThroughputRow(row: rowName(mode), generationsPerSecond: gps, speedup: isCPU ? 1 : ratio(gps.mean, cpu.mean),
                             speedupLow: isCPU ? 1 : ratio(max(0, gps.low), cpu.high),
                             speedupHigh: isCPU ? 1 : (cpu.low > 0 ? gps.high / cpu.low : nil),
                             cpuSecondsPerGeneration: cpuSeconds.count == reps.count ? SampleSummary(cpuSeconds) : nil,
                             peakRSSMegabytes: rss.count == reps.count ? SampleSummary(rss.map { Double($0) / 1_048_576 }) : nil)
    }

    /// A mode's mean figures in the shape the decision matrix scores: p99 latency
    /// (per call or per request), generations per second, CPU seconds per
    /// generation and peak RSS.
    static func matrixFigures(_ mode: InferenceMode, latency: LatencyRow, throughput: ThroughputRow) -> ModeFigures {
        let generations = 1000
        let gps = throughput.generationsPerSecond.mean
        var f = ModeFigures(mode: mode, activeSeconds: gps > 0 ? Double(generations) / gps : 0, generations: gps > 0 ? generations : 0)
        let p99 = latency.p99Milliseconds.mean * 1000
        let summary = LatencySummary(count: 1, p50: latency.p50Milliseconds.mean * 1000, p95: latency.p95Milliseconds.mean * 1000,
                                     p99: p99, max: p99, mean: latency.p50Milliseconds.mean * 1000)
        f.inference = summary
        if mode != .cpu { f.requestLatency = summary }
        f.cpuSecondsPerGeneration = throughput.cpuSecondsPerGeneration?.mean
        f.peakRSSBytes = throughput.peakRSSMegabytes.map { UInt64(($0.mean * 1_048_576).rounded()) }
        return f
    }
}

/// How the report was measured.
public struct ReportSettings: Sendable, Equatable, Codable {
    public var task: String
    public var repetitions: Int
    public var warmupGenerations: Int
    public var generationsPerRepetition: Int
    /// The batch size of the Remote (Batch=N) row.
    public var batch: Int
    public var threads: Int
    public var population: Int
    /// Remote modes: requests in flight per worker thread.
    public var concurrency: Int
    public var quick: Bool
    /// How the remote rows were measured: `load` or `training` (`RemoteRowMethod.source`);
    /// nil in reports written before there was a choice (they used the training's requests).
    public var remoteRows: String?
    /// The round trip the remote rows are also projected at (`--assume-rtt`), ms; nil: none.
    public var assumedRTTMilliseconds: Double?

    public init(task: String, repetitions: Int, warmupGenerations: Int, generationsPerRepetition: Int, batch: Int, threads: Int,
                population: Int, concurrency: Int, quick: Bool, remoteRows: String? = nil, assumedRTTMilliseconds: Double? = nil) {
        self.task = task; self.repetitions = repetitions; self.warmupGenerations = warmupGenerations
        self.generationsPerRepetition = generationsPerRepetition; self.batch = batch; self.threads = threads
        self.population = population; self.concurrency = concurrency; self.quick = quick; self.remoteRows = remoteRows
        self.assumedRTTMilliseconds = assumedRTTMilliseconds
    }

    /// Where the two settings differ, as "label: a → b" lines: figures measured differently are not comparable one for one.
    public func differences(from other: ReportSettings) -> [String] {
        let pairs: [(String, String, String)] = [
            ("task", other.task, task), ("warm-up generations", "\(other.warmupGenerations)", "\(warmupGenerations)"),
            ("generations per repetition", "\(other.generationsPerRepetition)", "\(generationsPerRepetition)"),
            ("population", "\(other.population)", "\(population)"), ("threads", "\(other.threads)", "\(threads)"),
            ("concurrency", "\(other.concurrency)", "\(concurrency)"),
            ("remote rows measured by", other.remoteRows ?? RemoteRowMethod.training, remoteRows ?? RemoteRowMethod.training),
        ]
        return pairs.filter { $0.1 != $0.2 }.map { "\($0.0): \($0.1) → \($0.2)" }
    }

    enum CodingKeys: String, CodingKey {
        case task, repetitions, batch, threads, population, concurrency, quick
        case remoteRows = "remote_rows", assumedRTTMilliseconds = "assumed_rtt_ms"
        case warmupGenerations = "warmup_generations", generationsPerRepetition = "generations_per_repetition"
    }
}

/// The decision matrix as the report writes it: stars per factor and the
/// weighted score for each measured row, and the recommended row.
public struct ReportMatrix: Sendable, Equatable, Codable {
    public struct Column: Sendable, Equatable, Codable {
        public var row: String
        /// Stars (1–5) keyed by `DecisionMatrix.Factor.key`.
        public var stars: [String: Int]
        public var score: Double
    }

    public var columns: [Column]
    public var recommended: String?
    /// Factor weights keyed by `DecisionMatrix.Factor.key`.
    public var weights: [String: Double]

    public init(columns: [Column], recommended: String?, weights: [String: Double]) {
        self.columns = columns; self.recommended = recommended; self.weights = weights
    }

    /// The measured columns of `matrix`, named by the report's rows.
    public init(_ matrix: DecisionMatrix, rowNames: [InferenceMode.Column: String]) {
        columns = matrix.columns.compactMap { c in
            guard let score = c.score, let name = rowNames[c.column] else { return nil }
            return Column(row: name, stars: Dictionary(uniqueKeysWithValues: DecisionMatrix.Factor.allCases.map { ($0.key, c.stars(for: $0) ?? 0) }),
                          score: score)
        }
        recommended = matrix.recommended.flatMap { rowNames[$0] }
        weights = Dictionary(uniqueKeysWithValues: DecisionMatrix.Factor.allCases.map { ($0.key, $0.weight) })
    }
}
