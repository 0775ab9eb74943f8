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
        var resolved: ResolvedProtocol?
        // The recorder of the run in progress, for the metrics endpoint's thread.
        let current = Locked<MetricsRecorder?>(nil)
        let endpoint = try metricsExport.start { current.withLock { $0 }?.snapshot() }
        defer { endpoint?.stop() }
        if let endpoint { FileHandle.standardError.write(Data("serving Prometheus metrics at \(endpoint.url)\n".utf8)) }
        for r in 0..<runs {
            let options = try duelOptions(seed: seed &+ UInt64(r))
            let metrics = MetricsRecorder(workers: threadCount, mode: mode, task: "duel", enabled: !duel.noInstrumentation)
            current.withLock { $0 = metrics }
            var settings = InferenceSetup.Settings()
            settings.concurrency = duel.concurrency
            settings.workers = threadCount
            settings.serverURL = duel.serverURL
            settings.serverKind = duel.serverKind
            try duel.remote.apply(to: &settings)
            let setup = InferenceSetup(settings: settings, metrics: metrics, logger: logger)
            defer { setup.shutdown() }
            let selector = BackendSelector(try setup.backend(for: mode))
            metrics.setCurrentMode(mode)
            let resume = try checkpoints.resumeCheckpoint(run: r, of: runs, task: "duel")
            if let resume { try CheckpointOptions.refuseMismatch(resume, task: "duel", seed: options.seed, config: options.neatConfig, duel: options) }
            let schedule = try checkpoints.schedule(run: r, of: runs)
            let trainer = DuelTrainer(options: options, pool: pool, selector: selector, metrics: metrics, logger: logger, resume: resume)
            // The curves and counters so far (a resumed run's from its checkpoint).
            var progress = resume?.duel ?? DuelRunProgress(options: options)
            let saved = progress
            // Threads' CPU and memory over the run, for the bottleneck verdict: one /proc
            // sample here and one at the end (none inside the timed loop).
            let sampler = ProcSampler()
            var ledger = ResourceLedger()
            _ = sampler.sample(childPID: setup.childPID ?? duel.serverPID)
            let start = SystemClock().nanoseconds()
            var firstGenerationBytes = 0
            for g in trainer.generation..<max(trainer.generation, maxGenerations) {
                let report = try playRecovering(trainer, setup: setup, mode: mode, label: "run \(r), generation \(g)", logger: logger) {
                    bar.finish()
                }
                progress.winRateCurve.append(report.championWinRate)
                progress.fitnessCurve.append(report.stats.bestFitness)
                progress.speciesCurve.append(report.stats.speciesCount)
                progress.champion = report.stats.champion.fingerprint
                if g == 0 { firstGenerationBytes = setup.remoteStats(for: mode)?.uploadedBytes ?? 0 }
                if let schedule, schedule.isDue(after: g + 1) || g + 1 == maxGenerations {
                    let c = metrics.recorder(for: mode).counters
                    var counted = progress
                    counted.requests = saved.requests + c.requests
                    counted.vectors = saved.vectors + c.vectors
                    counted.errors = saved.errors + c.errors
                    counted.retries = saved.retries + c.retries
                    schedule.write(trainer.checkpoint(run: r, progress: counted, savedAt: Date().timeIntervalSince1970,
                                                      final: g + 1 == maxGenerations))
                }
                bar.update(r * maxGenerations + g + 1, detail: "run \(r + 1)/\(runs) gen \(g + 1) win \(Output.fixed(report.championWinRate * 100, 0))%")
            }
            schedule?.drain()
            let (curve, fitnessCurve, speciesCurve, champion) = (progress.winRateCurve, progress.fitnessCurve, progress.speciesCurve, progress.champion)
            let wall = Double(SystemClock().nanoseconds() - start) / 1e9
            if r == runs - 1 { try saveIfAsked(task: "duel", generation: maxGenerations, genomes: trainer.lastEvaluated) }
            ledger.record(mode: mode, paused: false, sample: sampler.sample(childPID: setup.childPID ?? duel.serverPID))
            let f = ledger.apply(to: metrics.snapshot()).figures(for: mode)
            if resolved == nil { resolved = setup.resolvedProtocol(for: mode) }
            results.append(DuelRunFigures(
                run: r, seed: options.seed, generations: fitnessCurve.count, wallSeconds: wall,
                meanTickMicros: f?.meanTickMicros ?? 0, inferenceMillisPerGeneration: f?.inferenceMillisPerGeneration ?? 0,
                match: f?.match ?? .empty, requests: saved.requests + (f?.requests ?? 0), vectors: saved.vectors + (f?.vectors ?? 0),
                errors: saved.errors + (f?.errors ?? 0), retries: saved.retries + (f?.retries ?? 0), requestsPerSecond: f?.requestsPerSecond ?? 0, vectorsPerSecond: f?.vectorsPerSecond ?? 0,
                requestLatency: f?.requestLatency, breakdown: f?.breakdown, bottleneck: f?.bottleneck, load: f?.load,
                projection: duel.assumeRTT.flatMap { rtt in
                    // This process's generations (a resumed run played fewer than its total).
                    let played = max(1, fitnessCurve.count - saved.fitnessCurve.count)
                    return f.flatMap { f in NetworkProjection.project(ticks: f.inference.count, requests: f.requests, generations: played,
                                                                      generationsPerSecond: Double(played) / wall, workers: threadCount,
                                                                      inFlight: duel.concurrency, rttSeconds: rtt / 1000) }
                },
                peakRSSMegabytes: Double(ProcessMemory.peakRSSBytes()) / 1_048_576, winRateCurve: curve,
                fitnessCurve: fitnessCurve, speciesCurve: speciesCurve, champion: champion,
                uploadedBytesFirstGeneration: firstGenerationBytes, uploadedBytes: setup.remoteStats(for: mode)?.uploadedBytes ?? 0,
                missingAnswers: setup.remoteStats(for: mode)?.missingAnswers ?? 0, serverRestarts: setup.serverRestarts,
                generationsPlayed: fitnessCurve.count - saved.fitnessCurve.count))
        }
        bar.finish()
        reportDuel(results, mode: mode, threads: threadCount, options: try duelOptions(seed: seed), protocol: resolved)
    }

    /// One generation; when the built-in server died during it, the server is started
    /// again, the generation uploaded to it and played again (same seeds: the same
    /// result). When an external server (`--server-url`) stopped answering, the run
    /// waits for it (up to 10 minutes) and plays the generation again. Any other
    /// failure, or a fourth death within a minute, ends the run.
    func playRecovering(_ trainer: DuelTrainer, setup: InferenceSetup, mode: InferenceMode, label: String, logger: Logger,
                        failing: () -> Void) throws -> DuelGenerationReport {
        while true {
            do { return try trainer.runGeneration() } catch {
                let recovery: InferenceSetup.Recovery?
                do { recovery = try setup.recoverEmbeddedServer(mode: mode, selector: trainer.selector) } catch let giveUp {
                    failing()
                    throw CLIError("\(label): \(giveUp)")
                }
                guard let recovery else {
                    let say = { (line: String) in FileHandle.standardError.write(Data("\(label): \(line)\n".utf8)) }
                    if let waited = try setup.awaitExternalServer(mode: mode, selector: trainer.selector, report: say) {
                        say("the inference server answers again after \(waited.components.seconds) s; playing the generation again")
                        logger.warning("\(label): the external inference server was away for \(waited.components.seconds) s")
                        continue
                    }
                    failing()
                    throw CLIError("\(label): inference failed: \(error)")
                }
                FileHandle.standardError.write(Data("\(label): \(recovery); playing the generation again\n".utf8))
                logger.warning("\(label): \(recovery)")
            }
        }
    }

    /// The duel's training options from the flags, for the run seeded `seed`.
    func duelOptions(seed: UInt64) throws -> DuelTrainingOptions {
        var options = DuelTrainingOptions()
        duel.apply(to: &options)
        options.seed = seed
        if let t = targetSpecies { options.targetSpecies = t }
        if let x = compatibilityThreshold { options.compatibilityThreshold = x }
        do { try options.validate() } catch { throw ValidationError(error.description) }
        return options
    }

    func reportDuel(_ runs: [DuelRunFigures], mode: InferenceMode, threads: Int, options: DuelTrainingOptions,
                    protocol resolved: ResolvedProtocol? = nil) {
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
            "mean_species": Output.mean(runs.map(\.meanSpecies)),
            "target_species": options.targetSpecies, "compatibility_threshold": options.compatibilityThreshold,
            "errors": runs.reduce(0) { $0 + Int($1.errors) },
            "server_restarts": runs.reduce(0) { $0 + $1.serverRestarts },
            "wall_seconds": runs.reduce(0) { $0 + $1.wallSeconds },
        ]
        let rps = runs.map(\.requestsPerSecond), vps = runs.map(\.vectorsPerSecond)
        summary["requests_per_second"] = Output.mean(rps)
        summary["vectors_per_second"] = Output.mean(vps)
        summary["retries"] = runs.reduce(0) { $0 + Int($1.retries) }
        if case .remote = mode {
            let lat = runs.compactMap(\.requestLatency)
            summary["request_p50_us"] = Output.mean(lat.map(\.p50))
            summary["request_p95_us"] = Output.mean(lat.map(\.p95))
            summary["request_p99_us"] = Output.mean(lat.map(\.p99))
            summary["protocol"] = resolved?.api.rawValue ?? "unknown"
            summary["tensor_format"] = resolved?.tensorFormat.rawValue ?? "unknown"
            summary["model_delivery"] = resolved.map { "\($0.delivery)" } ?? "unknown"
            summary["server"] = resolved?.serverName ?? "unknown"
            // Networks sent: the first generation, and each later one on average.
            let later = runs.map { r in r.generations > 1 ? Double(r.uploadedBytes - r.uploadedBytesFirstGeneration) / Double(r.generations - 1) : 0 }
            summary["uploaded_bytes_first_generation"] = Output.mean(runs.map { Double($0.uploadedBytesFirstGeneration) })
            summary["uploaded_bytes_per_later_generation"] = Output.mean(later)
            summary["uploaded_bytes"] = runs.reduce(0) { $0 + $1.uploadedBytes }
            summary["missing_answers"] = runs.reduce(0) { $0 + $1.missingAnswers }
            if let rtt = duel.assumeRTT {
                let projections = runs.compactMap(\.projection)
                summary["assumed_rtt_ms"] = rtt
                summary["projected_generations_per_second"] = Output.mean(projections.map(\.generationsPerSecond))
                summary["projected_requests_per_second"] = Output.mean(projections.map(\.requestsPerSecond))
            }
            let splits = runs.compactMap(\.breakdown)
            if !splits.isEmpty {
                summary["breakdown_us"] = Dictionary(uniqueKeysWithValues: BreakdownPart.allCases.map { p in
                    (p.rawValue, Output.mean(splits.map { $0[p].mean })) })
                summary["breakdown_p99_us"] = Dictionary(uniqueKeysWithValues: BreakdownPart.allCases.map { p in
                    (p.rawValue, Output.mean(splits.map { $0[p].p99 })) })
            }
            // Which source gave the server's parts: each answer's Server-Timing, or the server's v2 statistics.
            summary["breakdown_source"] = splits.last?.source.rawValue ?? "none"
        } else {
            summary["protocol"] = "none"
            summary["tensor_format"] = "none"
        }
        // The last run's verdict (each run's is in per_run).
        if let b = runs.last?.bottleneck {
            summary["bottleneck"] = b.line(label: Bottleneck.label(mode))
            summary["bottleneck_kind"] = b.kind.rawValue
        }
        if let l = runs.last?.load {
            // The busiest threads behind the verdict: percent of a core running and waiting for one.
            summary["thread_load"] = l.threads.prefix(6).map { t -> [String: Any] in
                ["process": t.process.rawValue, "name": t.name, "cpu_percent": t.cpuPercent, "wait_percent": t.waitPercent]
            }
            summary["minor_faults_per_second"] = l.minorFaultsPerSecond
        }
        summary["ci95"] = ["generations_per_second": stat(gps), "mean_tick_us": stat(tick), "inference_ms_per_generation": stat(inf),
                           "match_p50_us": stat(p50), "match_p95_us": stat(p95), "match_p99_us": stat(p99), "win_rate_vs_reference": stat(win)]
        summary["per_run"] = runs.map { r -> [String: Any] in
            ["run": r.run, "seed": r.seed, "generations_per_second": r.generationsPerSecond, "mean_tick_us": r.meanTickMicros,
             "inference_ms_per_generation": r.inferenceMillisPerGeneration, "match_p50_us": r.match.p50, "match_p95_us": r.match.p95,
             "match_p99_us": r.match.p99, "peak_rss_mb": r.peakRSSMegabytes, "win_rate_vs_reference": r.winRateCurve.last ?? 0,
             "win_rate_curve": r.winRateCurve, "fitness_curve": r.fitnessCurve, "champion": r.champion,
             "species_curve": r.speciesCurve, "mean_species": r.meanSpecies,
             "server_restarts": r.serverRestarts, "requests": r.requests, "vectors": r.vectors, "errors": r.errors, "retries": r.retries,
             "requests_per_second": r.requestsPerSecond, "vectors_per_second": r.vectorsPerSecond,
             "request_p50_us": r.requestLatency?.p50 ?? 0, "request_p95_us": r.requestLatency?.p95 ?? 0,
             "request_p99_us": r.requestLatency?.p99 ?? 0, "uploaded_bytes": r.uploadedBytes,
             "uploaded_bytes_first_generation": r.uploadedBytesFirstGeneration, "missing_answers": r.missingAnswers,
             "bottleneck": r.bottleneck?.line(label: Bottleneck.label(mode)) ?? ""]
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
        if case .remote = mode {
            let lat = runs.compactMap(\.requestLatency)
            if let rtt = duel.assumeRTT, !runs.compactMap(\.projection).isEmpty {
                let p = runs.compactMap(\.projection)
                print("  projected at \(Output.fixed(rtt, 1)) ms round trip: \(Output.fixed(Output.mean(p.map(\.generationsPerSecond)), 2)) generations/s, \(Output.fixed(Output.mean(p.map(\.requestsPerSecond)), 0)) requests/s (projection, not measured)")
            }
            print("  \(resolved.map { "\($0)" } ?? "remote"): \(Output.fixed(Output.mean(rps), 0)) requests/s, \(Output.fixed(Output.mean(vps), 0)) vectors/s; per request p50 \(Output.fixed(Output.mean(lat.map(\.p50)), 0)) µs, p95 \(Output.fixed(Output.mean(lat.map(\.p95)), 0)) µs, p99 \(Output.fixed(Output.mean(lat.map(\.p99)), 0)) µs; \(runs.reduce(0) { $0 + $1.errors }) errors, \(runs.reduce(0) { $0 + $1.retries }) retries")
            let sent = runs.reduce(0) { $0 + $1.uploadedBytes }, first = runs.reduce(0) { $0 + $1.uploadedBytesFirstGeneration }
            print("  networks sent: \(first) bytes in generation 0, \(sent - first) bytes after; \(runs.reduce(0) { $0 + $1.missingAnswers }) missing answers resent inline")
        }
        if let b = runs.last?.bottleneck { print("  bottleneck: " + b.line(label: Bottleneck.label(mode))) }
        print("  match p50 \(pm(p50, 0)) µs, p95 \(pm(p95, 0)) µs, p99 \(pm(p99, 0)) µs; peak RSS \(Output.fixed(rss.max() ?? 0, 1)) MB")
        print("  champion vs reference bot: \(pm(win.map { $0 * 100 }, 1))% (generation 0: \(Output.fixed(Output.mean(win0) * 100, 1))%)  (mean ± 95% CI over \(runs.count) runs)")
        let steering = options.targetSpecies > 0 ? "steered toward \(options.targetSpecies) from δt = \(options.compatibilityThreshold)"
                                                 : "δt = \(options.compatibilityThreshold) fixed"
        print("  species: \(Output.fixed(Output.mean(runs.map(\.meanSpecies)), 1)) on average (\(steering))")
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
    var retries: UInt64
    /// Finished requests (remote: HTTP requests; CPU: inference calls) per active second.
    var requestsPerSecond: Double
    var vectorsPerSecond: Double
    /// Remote modes: one HTTP request's latency, send to last byte.
    var requestLatency: LatencySummary?
    /// Remote modes: where a request's round trip went, when the server sent its timing.
    var breakdown: BreakdownFigures?
    /// What limited the run (`BottleneckRules`), from its figures and the threads' CPU over the run.
    var bottleneck: Bottleneck?
    /// The threads' load over the run (the verdict's figures).
    var load: ModeLoad?
    /// Remote modes with `--assume-rtt`: the figures projected a round trip away.
    var projection: NetworkProjection?
    var peakRSSMegabytes: Double
    var winRateCurve: [Double]
    var fitnessCurve: [Double]
    /// Species per generation.
    var speciesCurve: [Int]
    /// The last champion's fingerprint (equal fingerprints: the same genome).
    var champion: String
    /// Remote modes: bytes of networks sent (uploads, loads, inline), in generation 0 and in all.
    var uploadedBytesFirstGeneration = 0
    var uploadedBytes = 0
    /// Remote modes: answers saying a server lacked networks (each followed by a resend with them inline).
    var missingAnswers = 0
    /// Times the built-in inference server died and was started again.
    var serverRestarts = 0
    /// Generations played by this process (fewer than `generations` after a resume): the rate's numerator.
    var generationsPlayed: Int

    var meanSpecies: Double { speciesCurve.isEmpty ? 0 : Double(speciesCurve.reduce(0, +)) / Double(speciesCurve.count) }

    var generationsPerSecond: Double { wallSeconds > 0 ? Double(generationsPlayed) / wallSeconds : 0 }
}

/// This process's memory figures from /proc.
enum ProcessMemory {
    /// Peak resident set size (VmHWM), bytes; 0 if /proc is unavailable.
    static func peakRSSBytes() -> UInt64 {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        return ProcParser.statusBytes(text, field: "VmHWM") ?? 0
    }
}
