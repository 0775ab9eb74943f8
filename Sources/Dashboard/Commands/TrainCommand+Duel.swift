import ArgumentParser
import Engine
import Foundation
import Logging
import Monitor
import Serving

extension TrainCommand {
    /// The duel macro benchmark: N runs of G generations through one inference mode.
    func runDuel() throws {
        if neatConfig != nil { throw ValidationError("--neat-config applies to the xor task only") }
        let maxGenerations = generations ?? 50
        let threadCount = threads ?? WorkerPool.defaultThreadCount(environment: ProcessInfo.processInfo.environment)
        let showBar = Output.stdoutIsTerminal
        let level: Logger.Level = (showBar && !duel.verbose) ? .warning : .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        let logger = Logger(label: "dashboard.train")
        let pool = WorkerPool(threads: threadCount)
        let mode = duel.inferenceMode
        let bar = ProgressBar(total: runs * maxGenerations, label: "duel \(mode)", enabled: showBar)
        var results = [DuelRunFigures]()
        // The recorder of the run in progress, for the metrics endpoint's thread.
        let current = Locked<MetricsRecorder?>(nil)
        let endpoint = try metricsExport.start { current.withLock { $0 }?.snapshot() }
        defer { endpoint?.stop() }
        if let endpoint { FileHandle.standardError.write(Data("serving Prometheus metrics at \(endpoint.url)\n".utf8)) }
        for r in 0..<runs {
            var options = DuelTrainingOptions()
            duel.apply(to: &options)
            options.seed = seed &+ UInt64(r)
            let metrics = MetricsRecorder(workers: threadCount, mode: mode, task: "duel", enabled: !duel.noInstrumentation)
            current.withLock { $0 = metrics }
            var settings = InferenceSetup.Settings()
            settings.concurrency = duel.concurrency
            settings.workers = threadCount
            settings.serverURL = duel.serverURL
            settings.serverKind = try ServerKind(parsing: duel.serverKind)
            let setup = InferenceSetup(settings: settings, metrics: metrics, logger: logger)
            defer { setup.shutdown() }
            let selector = BackendSelector(try setup.backend(for: mode))
            metrics.setCurrentMode(mode)
            let trainer = DuelTrainer(options: options, pool: pool, selector: selector, metrics: metrics, logger: logger)
            var curve = [Double]()
            var fitnessCurve = [Double]()
            var champion = ""
            let start = SystemClock().nanoseconds()
            for g in 0..<maxGenerations {
                let report: DuelGenerationReport
                do { report = try trainer.runGeneration() } catch {
                    bar.finish()
                    throw CLIError("run \(r), generation \(g): inference failed: \(error)")
                }
                curve.append(report.championWinRate)
                fitnessCurve.append(report.stats.bestFitness)
                champion = report.stats.champion.fingerprint
                bar.update(r * maxGenerations + g + 1, detail: "run \(r + 1)/\(runs) gen \(g + 1) win \(Output.fixed(report.championWinRate * 100, 0))%")
            }
            let wall = Double(SystemClock().nanoseconds() - start) / 1e9
            if r == runs - 1 { try saveIfAsked(task: "duel", generation: maxGenerations, genomes: trainer.lastEvaluated) }
            let f = metrics.snapshot().figures(for: mode)
            results.append(DuelRunFigures(
                run: r, seed: options.seed, generations: maxGenerations, wallSeconds: wall,
                meanTickMicros: f?.meanTickMicros ?? 0, inferenceMillisPerGeneration: f?.inferenceMillisPerGeneration ?? 0,
                match: f?.match ?? .empty, requests: f?.requests ?? 0, vectors: f?.vectors ?? 0, errors: f?.errors ?? 0,
                peakRSSMegabytes: Double(ProcessMemory.peakRSSBytes()) / 1_048_576, winRateCurve: curve,
                fitnessCurve: fitnessCurve, champion: champion))
        }
        bar.finish()
        reportDuel(results, mode: mode, threads: threadCount)
    }

    func reportDuel(_ runs: [DuelRunFigures], mode: InferenceMode, threads: Int) {
        func stat(_ xs: [Double]) -> [String: Double] { ["mean": Output.mean(xs), "ci95": Output.ci95(xs)] }
        let gps = runs.map(\.generationsPerSecond), tick = runs.map(\.meanTickMicros), inf = runs.map(\.inferenceMillisPerGeneration)
        let p50 = runs.map(\.match.p50), p95 = runs.map(\.match.p95), p99 = runs.map(\.match.p99)
        let rss = runs.map(\.peakRSSMegabytes), win = runs.map { $0.winRateCurve.last ?? 0 }
        let win0 = runs.map { $0.winRateCurve.first ?? 0 }
        let instrumented = !duel.noInstrumentation
        var summary: [String: Any] = [
            "task": "duel", "mode": mode.column.rawValue, "batch": mode.batchSize, "runs": runs.count, "threads": threads,
            "population": duel.population, "schedule": duel.schedule.description, "generations": runs.first?.generations ?? 0,
            "instrumentation": instrumented,
            "reference_matches": duel.plain ? 0 : duel.referenceMatches, "hall_of_fame": duel.plain ? 0 : duel.hallOfFame,
            "survival_tie_break": !(duel.plain || duel.noTieBreak), "weight_power": duel.weightPower, "weight_rate": duel.weightRate,
            "reference_survival_weight": duel.plain ? 0 : duel.referenceSurvival, "add_link": duel.addLink, "add_node": duel.addNode,
            "generations_per_second": Output.mean(gps), "generations_per_second_ci95": Output.ci95(gps),
            "mean_tick_us": Output.mean(tick), "inference_ms_per_generation": Output.mean(inf),
            "match_p50_us": Output.mean(p50), "match_p95_us": Output.mean(p95), "match_p99_us": Output.mean(p99),
            "peak_rss_mb": rss.max() ?? 0,
            "win_rate_vs_reference": Output.mean(win), "win_rate_vs_reference_ci95": Output.ci95(win),
            "win_rate_generation0": Output.mean(win0),
            "errors": runs.reduce(0) { $0 + Int($1.errors) },
            "wall_seconds": runs.reduce(0) { $0 + $1.wallSeconds },
        ]
        summary["ci95"] = ["generations_per_second": stat(gps), "mean_tick_us": stat(tick), "inference_ms_per_generation": stat(inf),
                           "match_p50_us": stat(p50), "match_p95_us": stat(p95), "match_p99_us": stat(p99), "win_rate_vs_reference": stat(win)]
        summary["per_run"] = runs.map { r -> [String: Any] in
            ["run": r.run, "seed": r.seed, "generations_per_second": r.generationsPerSecond, "mean_tick_us": r.meanTickMicros,
             "inference_ms_per_generation": r.inferenceMillisPerGeneration, "match_p50_us": r.match.p50, "match_p95_us": r.match.p95,
             "match_p99_us": r.match.p99, "peak_rss_mb": r.peakRSSMegabytes, "win_rate_vs_reference": r.winRateCurve.last ?? 0,
             "win_rate_curve": r.winRateCurve, "fitness_curve": r.fitnessCurve, "champion": r.champion,
             "requests": r.requests, "vectors": r.vectors, "errors": r.errors]
        }
        if json {
            print(Output.jsonLine(summary))
            return
        }
        let rows = runs.map { r in
            [String(r.run), Output.fixed(r.generationsPerSecond, 2), Output.fixed(r.meanTickMicros, 1), Output.fixed(r.inferenceMillisPerGeneration, 2),
             Output.fixed(r.match.p50, 0), Output.fixed(r.match.p95, 0), Output.fixed(r.match.p99, 0), Output.fixed(r.peakRSSMegabytes, 1),
             Output.fixed((r.winRateCurve.first ?? 0) * 100, 0) + "% → " + Output.fixed((r.winRateCurve.last ?? 0) * 100, 0) + "%", String(r.errors)]
        }
        print(Output.table(header: ["run", "gen/s", "tick µs", "infer ms/gen", "match p50 µs", "p95 µs", "p99 µs", "peak RSS MB", "win vs bot", "errors"], rows: rows))
        print("")
        func pm(_ xs: [Double], _ d: Int) -> String { "\(Output.fixed(Output.mean(xs), d)) ± \(Output.fixed(Output.ci95(xs), d))" }
        print("duel, \(mode), \(threads) threads, population \(duel.population), \(duel.schedule)\(instrumented ? "" : ", instrumentation off"):")
        print("  generations/s \(pm(gps, 2)); tick \(pm(tick, 1)) µs; inference \(pm(inf, 2)) ms/generation")
        print("  match p50 \(pm(p50, 0)) µs, p95 \(pm(p95, 0)) µs, p99 \(pm(p99, 0)) µs; peak RSS \(Output.fixed(rss.max() ?? 0, 1)) MB")
        print("  champion vs reference bot: \(pm(win.map { $0 * 100 }, 1))% (generation 0: \(Output.fixed(Output.mean(win0) * 100, 1))%)  (mean ± 95% CI over \(runs.count) runs)")
    }
}

/// One duel run's figures.
struct DuelRunFigures {
    var run: Int
    var seed: UInt64
    var generations: Int
    var wallSeconds: Double
    var meanTickMicros: Double
    var inferenceMillisPerGeneration: Double
    var match: LatencySummary
    var requests: UInt64
    var vectors: UInt64
    var errors: UInt64
    var peakRSSMegabytes: Double
    var winRateCurve: [Double]
    var fitnessCurve: [Double]
    /// The last champion's fingerprint (equal fingerprints: the same genome).
    var champion: String

    var generationsPerSecond: Double { wallSeconds > 0 ? Double(generations) / wallSeconds : 0 }
}

/// This process's memory figures from /proc.
enum ProcessMemory {
    /// Peak resident set size (VmHWM), bytes; 0 if /proc is unavailable.
    static func peakRSSBytes() -> UInt64 {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        return ProcParser.statusBytes(text, field: "VmHWM") ?? 0
    }
}
