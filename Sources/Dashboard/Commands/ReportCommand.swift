import ArgumentParser
import Engine
import Foundation
import Logging
import Monitor
import Serving

/// `dashboard report`: the guide's benchmark end to end, written as Markdown, CSV
/// and JSON, optionally compared with a baseline report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Measure CPU-only, Remote (Batch=1) and Remote (Batch=N) and write the guide's result tables with 95% intervals.",
        discussion: """
        Trains the duel in each mode: warm-up generations first (not measured), then --repetitions repetitions \
        of the same generations from the same seed. Writes report.md, report.csv and report.json into --out: \
        the Microbenchmark results table (P50, P95, P99 in ms and RPS; per call for CPU-Only, per HTTP request \
        for the remote rows), the Training Throughput table (Gens/sec and Speedup against CPU-Only), the \
        decision matrix scored from them, the round-trip breakdown of the remote rows and the environment. \
        Each figure is the mean over the repetitions with its 95% confidence interval (Student's t); repetitions \
        outside Tukey's fences are listed, not dropped.

        The remote rows' latency and RPS come, by default (--remote-rows load), from the load generator: after \
        each repetition, a closed-loop run of --load-duration against the same server and protocol, with as many \
        connections as the training keeps requests in flight (threads × --concurrency) and 1 or N rows per \
        request, all asking for the 100-input load-default network (uploaded when missing). --remote-rows \
        training takes them from the training's own requests instead. The Training Throughput table always \
        comes from the training.

        --compare BASELINE.json prints every figure against the baseline's (change, Welch's t-test p-value, \
        whether the intervals overlap) and exits 1 when one is significantly worse (p < 0.05) by more than \
        --tolerance, naming it. --from REPORT.json compares (or writes again) a report already measured instead \
        of measuring. --assume-rtt MS adds the remote rows projected a network round trip of MS ms away, and \
        the decision matrix scored on them (projections from the loopback figures, marked so). See \
        docs/benchmarking.md.
        """
    )

    @Option(help: "Folder to write report.md, report.csv and report.json into (created if missing).")
    var out: String?

    @Flag(help: "A short run (under 3 minutes on 2 cores): \(ReportCommand.quickPlan.warmup) warm-up and \(ReportCommand.quickPlan.generations) measured generations per repetition, population \(ReportCommand.quickPlan.population).")
    var quick = false

    @Option(help: "Repetitions per mode (the intervals are over them).")
    var repetitions: Int = 5

    @Option(help: ArgumentHelp("Generations per repetition (default \(ReportCommand.fullPlan.generations), --quick \(ReportCommand.quickPlan.generations)).", valueName: "G"))
    var generations: Int?

    @Option(help: ArgumentHelp("Warm-up generations per mode before measuring (default \(ReportCommand.fullPlan.warmup), --quick \(ReportCommand.quickPlan.warmup)).", valueName: "W"))
    var warmup: Int?

    @Option(help: "Vectors per request of the Remote (Batch=N) row (at least 2).")
    var batch: Int = 8

    @Option(help: "Task to train (the duel: the only task that runs remote inference).")
    var task: TaskOption = .duel

    @Option(help: ArgumentHelp("Population size (default \(ReportCommand.fullPlan.population), --quick \(ReportCommand.quickPlan.population)).", valueName: "P"))
    var population: Int?

    @Option(help: "Seed of every repetition's population.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (default: cores − 1, or NEAT_THREADS).")
    var threads: Int?

    @Option(help: "Remote modes: requests in flight per worker thread.")
    var concurrency: Int = 4

    @Option(name: .customLong("remote-rows"), help: "How the remote rows' P50/P95/P99 and RPS are measured: load (a closed-loop load run after each repetition) or training (the training's own requests).")
    var remoteRows: RemoteRowsSource = .load

    @Option(name: .customLong("load-duration"), help: ArgumentHelp("--remote-rows load: the measured length of each repetition's load run, seconds or with a unit (default \(ReportCommand.fullPlan.loadSeconds)s, --quick \(ReportCommand.quickPlan.loadSeconds)s); a warm-up run of up to 1 s comes first for each row.", valueName: "TIME"))
    var loadDuration: String?

    @Option(name: .customLong("server-url"), help: "Measure the remote rows against this server (default: start `dashboard serve` as a child on a free loopback port).")
    var serverURL: String?

    @Option(name: .customLong("server-kind"), help: "With --server-url: auto (ask /healthz), dashboard or onnxruntime.")
    var serverKind: ServerKind = .auto

    @OptionGroup(title: "Remote protocol")
    var remote: RemoteOptions

    @Option(name: .customLong("assume-rtt"), help: ArgumentHelp("Also project the remote rows as if the server were a network round trip of MS milliseconds away (from the loopback figures; projections, marked so; see docs/analysis.md), and score the decision matrix on them.", valueName: "MS"))
    var assumeRTT: Double?

    @Option(help: ArgumentHelp("A report.json to compare this report with.", valueName: "BASELINE.json"))
    var compare: String?

    @Option(help: ArgumentHelp("With --compare: how much worse (percent) a significantly worse figure may be before the command fails.", valueName: "PERCENT"))
    var tolerance: String = "5"

    @Option(help: ArgumentHelp("Use this report.json instead of measuring (to compare it, or write its views into --out).", valueName: "REPORT.json"))
    var from: String?

    /// Generations, warm-up, population and load-run seconds of a run.
    struct Plan { var generations: Int; var warmup: Int; var population: Int; var loadSeconds: Int }
    static let quickPlan = Plan(generations: 2, warmup: 1, population: 150, loadSeconds: 2)
    static let fullPlan = Plan(generations: 10, warmup: 3, population: 150, loadSeconds: 5)

    /// How the remote rows are measured.
    enum RemoteRowsSource: String, ExpressibleByArgument, CaseIterable {
        case load, training
    }

    /// --load-duration, or the plan's.
    func loadRunLength() throws -> Duration {
        guard let loadDuration else { return .seconds((quick ? Self.quickPlan : Self.fullPlan).loadSeconds) }
        return try LoadCommand.time(loadDuration, flag: "--load-duration")
    }

    func validate() throws {
        guard out != nil || compare != nil else { throw ValidationError("give --out DIR (where the report goes), --compare BASELINE.json, or both") }
        guard (1...1000).contains(repetitions) else { throw ValidationError("--repetitions must be between 1 and 1000 (got \(repetitions))") }
        if let g = generations, !(1...100_000).contains(g) { throw ValidationError("--generations must be between 1 and 100000 (got \(g))") }
        if let w = warmup, !(0...100_000).contains(w) { throw ValidationError("--warmup must be between 0 and 100000 (got \(w))") }
        guard (2...4096).contains(batch) else { throw ValidationError("--batch must be between 2 and 4096: it is the N of Remote (Batch=N), beside Remote (Batch=1) (got \(batch))") }
        guard task == .duel else {
            throw ValidationError("--task \(task.rawValue): the report compares CPU-only with remote inference, which only the duel task runs (xor and pole evaluate in-process); use --task duel")
        }
        if let p = population, p < 2 { throw ValidationError("--population must be at least 2 (got \(p))") }
        if let t = threads, t <= 0 { throw ValidationError("--threads must be at least 1 (got \(t))") }
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 1024 (got \(concurrency))") }
        _ = try toleranceFraction()
        _ = try loadRunLength()
        if let r = assumeRTT, !(r.isFinite && r > 0 && r <= 60_000) {
            throw ValidationError("--assume-rtt \(r) is not a round-trip time in milliseconds (more than 0, at most 60000)")
        }
        if loadDuration != nil && remoteRows != .load { throw ValidationError("--load-duration applies to --remote-rows load") }
        if from != nil && (quick || serverURL != nil || generations != nil || warmup != nil || population != nil || loadDuration != nil || assumeRTT != nil) {
            throw ValidationError("--from reads figures already measured; --quick, --server-url, --generations, --warmup, --population, --load-duration and --assume-rtt apply to measuring")
        }
        var settings = InferenceSetup.Settings()
        try remote.apply(to: &settings)
    }

    /// --tolerance as a fraction (5 or 5% → 0.05).
    func toleranceFraction() throws -> Double {
        let text = tolerance.hasSuffix("%") ? String(tolerance.dropLast()) : tolerance
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite, (0...1000).contains(v) else {
            throw ValidationError("--tolerance must be a percentage between 0 and 1000, like 5 or 5% (got \(tolerance))")
        }
        return v / 100
    }

    func run() throws {
        // A baseline that cannot be read fails now, not after the measuring.
        let baseline = try compare.map(Self.readReport)
        let report = try from.map(Self.readReport) ?? measure()
        if let dir = out { try write(report, to: dir) }
        guard let baseline else { return }
        let comparison = ReportComparison(baseline: baseline, current: report, tolerance: try toleranceFraction())
        print("")
        print("Compared with \(compare!):")
        print(comparison.text)
        if !comparison.regressions.isEmpty { throw ExitCode(1) }
    }

    /// A report file, or exit 2 with the reason (naming the file).
    static func readReport(_ path: String) throws -> BenchmarkReport {
        do { return try BenchmarkReport.read(path: path) } catch {
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }

    func write(_ report: BenchmarkReport, to dir: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let url = URL(fileURLWithPath: dir)
            try Data(report.markdown.utf8).write(to: url.appendingPathComponent("report.md"), options: .atomic)
            try Data(report.csv.utf8).write(to: url.appendingPathComponent("report.csv"), options: .atomic)
            try report.json().write(to: url.appendingPathComponent("report.json"), options: .atomic)
        } catch {
            throw CLIError("cannot write the report into \(dir): \((error as NSError).localizedDescription)")
        }
        print(report.markdown)
        FileHandle.standardError.write(Data("wrote \(dir)/report.md, report.csv and report.json\n".utf8))
    }
}
