import Engine
import Foundation
import Logging
import Monitor

/// Measures the report's modes the way `dashboard train --task duel` does: for
/// each mode, one inference setup (the built-in server started once for the
/// remote modes), warm-up generations that are not measured, then repetitions
/// that each train a fresh population from the same seed for the same number of
/// generations, so that every repetition does the same work.
///
/// A repetition's figures are the difference of the mode's metrics before and
/// after it: latency percentiles of the calls (CPU-only) made in it, or the remote
/// rows' HTTP requests (through `remoteRows`, after it), requests and generations per
/// second of its wall time, CPU seconds per generation and peak RSS of this
/// process plus the built-in server.
struct ReportBenchmark {
    var options: DuelTrainingOptions
    var threads: Int
    var warmupGenerations: Int
    var generations: Int
    var repetitions: Int
    var settings: InferenceSetup.Settings
    var remoteRows: any RemoteRowMeasuring = TrainingRequestLatency()
    /// Remote modes: also project each repetition a network round trip of this many ms away (`--assume-rtt`).
    var assumeRTT: Double?
    var logger: Logger
    /// Told one line per step (warm-up, each repetition's figures).
    var progress: (String) -> Void

    /// Everything measured for one mode, and what the remote side turned out to be.
    struct ModeResult {
        var mode: InferenceMode
        var repetitions: [RepetitionFigures]
        var serverURL: String?
        var resolved: ResolvedProtocolInfo?
        /// What limits the mode over its repetitions (nil when too little was measured).
        var verdict: Bottleneck?
    }

    /// The remote protocol as the environment block names it.
    struct ResolvedProtocolInfo {
        var description: String
        var serverName: String
    }

    func measure(_ mode: InferenceMode) throws -> ModeResult {
        let metrics = MetricsRecorder(workers: threads, mode: mode, task: "duel")
        let setup = InferenceSetup(settings: settings, metrics: metrics, logger: logger)
        defer { setup.shutdown() }
        let pool = WorkerPool(threads: threads)
        let selector = BackendSelector(try setup.backend(for: mode))
        metrics.setCurrentMode(mode)
        let name = BenchmarkReport.rowName(mode)
        if warmupGenerations > 0 {
            progress("\(name): \(warmupGenerations) warm-up generation\(warmupGenerations == 1 ? "" : "s")")
            let warm = DuelTrainer(options: options, pool: pool, selector: selector, metrics: metrics, logger: logger)
            for g in 0..<warmupGenerations { try play(warm, name: name, what: "warm-up generation \(g + 1)") }
        }
        var reps: [RepetitionFigures] = []
        // The verdict's figures: the repetitions' snapshot difference and their threads from /proc
        // (sampled at each repetition's start and end: a load-generator run between them is not charged).
        let sampler = ProcSampler()
        var ledger = ResourceLedger()
        var firstBefore: ModeFigures?
        var lastAfter: ModeFigures?
        var measuredSeconds = 0.0
        for r in 0..<repetitions {
            let trainer = DuelTrainer(options: options, pool: pool, selector: selector, metrics: metrics, logger: logger)
            let before = metrics.snapshot().figures(for: mode)
            if r == 0 { firstBefore = before }
            _ = sampler.sample(childPID: setup.childPID)
            let resources = ResourceProbe(childPID: setup.childPID)
            let start = SystemClock().nanoseconds()
            for g in 0..<generations {
                try play(trainer, name: name, what: "repetition \(r + 1), generation \(g + 1)")
                resources.sampleMemory()
            }
            let wall = Double(SystemClock().nanoseconds() - start) / 1e9
            // Before the remote row is measured: a load run's CPU time is not the training's.
            let cpuSeconds = resources.cpuSeconds()
            ledger.record(mode: mode, paused: false, sample: sampler.sample(childPID: setup.childPID))
            guard let after = metrics.snapshot().figures(for: mode) else { throw CLIError("\(name): nothing was recorded") }
            lastAfter = after
            measuredSeconds += wall
            let interval = TrainingInterval(before: before, after: after, wallSeconds: wall)
            let row = mode == .cpu ? RowLatency.calls(interval)
                : try remoteRows.measure(mode: mode, training: interval, serverURL: setup.serverURL ?? "")
            let figures = RepetitionFigures(
                p50Micros: row.p50Micros, p95Micros: row.p95Micros, p99Micros: row.p99Micros, requestsPerSecond: row.requestsPerSecond,
                generationsPerSecond: Double(generations) / wall, cpuSecondsPerGeneration: cpuSeconds.map { $0 / Double(generations) },
                peakRSSBytes: resources.peakRSS, errors: row.errors, breakdownMicros: interval.breakdownMicros,
                projection: projection(mode, interval))
            reps.append(figures)
            progress("\(name): repetition \(r + 1)/\(repetitions): \(ReportNumber.format(figures.generationsPerSecond)) gens/s, p99 \(ReportNumber.format(figures.p99Micros / 1000)) ms, \(ReportNumber.format(figures.requestsPerSecond)) \(mode == .cpu ? "calls" : "requests")/s")
        }
        let resolved = setup.resolvedProtocol(for: mode).map { ResolvedProtocolInfo(description: "\($0)", serverName: $0.serverName) }
        let verdict = lastAfter.flatMap { after in
            TrainingInterval(before: firstBefore, after: after, wallSeconds: measuredSeconds)
                .figures(load: ledger.entries[mode].flatMap(ResourceLedger.load)).bottleneck
        }
        if let verdict { progress(verdict.line(label: name)) }
        return ModeResult(mode: mode, repetitions: reps, serverURL: setup.serverURL, resolved: resolved, verdict: verdict)
    }

    /// A remote repetition a network round trip away (`assumeRTT`), from the training's own
    /// requests and ticks: the projection `train --assume-rtt` prints.
    private func projection(_ mode: InferenceMode, _ interval: TrainingInterval) -> NetworkProjection? {
        guard let rtt = assumeRTT, mode != .cpu else { return nil }
        let f = interval.figures(load: nil)
        return NetworkProjection.project(ticks: f.inference.count, requests: f.requests, generations: generations,
                                         generationsPerSecond: Double(generations) / interval.wallSeconds, workers: threads,
                                         inFlight: settings.concurrency, rttSeconds: rtt / 1000)
    }

    private func play(_ trainer: DuelTrainer, name: String, what: String) throws {
        do { try trainer.runGeneration() } catch { throw CLIError("\(name), \(what): \(error)") }
    }
}

/// CPU time and resident memory of this process and the built-in server child
/// over one repetition, from /proc.
final class ResourceProbe {
    private let childPID: Int32?
    private let startCPU: Double?
    private(set) var peakRSS: UInt64?

    init(childPID: Int32?) {
        self.childPID = childPID
        startCPU = Self.cpu(childPID)
    }

    /// CPU seconds used since this probe was made (nil when /proc does not say).
    func cpuSeconds() -> Double? {
        guard let a = startCPU, let b = Self.cpu(childPID) else { return nil }
        return b - a
    }

    /// Notes the resident memory now (dashboard plus server).
    func sampleMemory() {
        let own = ProcessTotals.read().residentBytes
        let child = childPID.flatMap { ProcessTotals.read(pid: "\($0)").residentBytes } ?? 0
        guard let own else { return }
        peakRSS = max(peakRSS ?? 0, own + child)
    }

    private static func cpu(_ child: Int32?) -> Double? {
        guard let own = ProcessTotals.read().cpuSeconds else { return nil }
        return own + (child.flatMap { ProcessTotals.read(pid: "\($0)").cpuSeconds } ?? 0)
    }
}
