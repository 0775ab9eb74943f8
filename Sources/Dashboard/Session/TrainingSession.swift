import Dispatch
import Engine
import Foundation
import Logging
import Monitor
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The real engine behind the monitor: trains in a background thread and takes
/// the monitor's commands (mode switches, pause, shutdown).
final class TrainingSession: MonitorSource {
    let metrics: MetricsRecorder
    let setup: InferenceSetup
    private let logger: Logger
    private let paused = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let control = DispatchQueue(label: "dashboard.control")
    private let selector: BackendSelector
    private let loop: @Sendable (TrainingSession) -> Void
    private let remoteCapable: Bool
    /// Set by the `S` key, taken by the training loop after the generation in progress.
    private let checkpointRequested = Atomic<Bool>(false)

    /// A duel session: tournament generations through the selected backend.
    static func duel(options: DuelTrainingOptions, threads: Int, mode: InferenceMode, setup: InferenceSetup,
                     logger: Logger, checkpoints: CheckpointSchedule? = nil, resume: Checkpoint? = nil) throws -> TrainingSession {
        let initial = try setup.backend(for: mode)
        let selector = BackendSelector(initial)
        let session = TrainingSession(metrics: setup.metrics, setup: setup, selector: selector, logger: logger, remoteCapable: true) { s in
            let pool = WorkerPool(threads: threads)
            let trainer = DuelTrainer(options: options, pool: pool, selector: selector, metrics: s.metrics, logger: logger,
                                      resume: resume, isPaused: { [weak s] in s?.paused.load(ordering: .relaxed) ?? false })
            var progress = resume?.duel ?? DuelRunProgress(options: options)
            while !s.stopping.load(ordering: .relaxed) {
                do {
                    let report = try trainer.runGeneration()
                    progress.winRateCurve.append(report.championWinRate)
                    progress.fitnessCurve.append(report.stats.bestFitness)
                    progress.speciesCurve.append(report.stats.speciesCount)
                    progress.champion = report.stats.champion.fingerprint
                    if let checkpoints = s.checkpointDue(after: trainer.generation, schedule: checkpoints) {
                        checkpoints.write(trainer.checkpoint(run: 0, progress: progress, savedAt: Date().timeIntervalSince1970))
                    }
                } catch {
                    do {
                        if let recovery = try s.setup.recoverEmbeddedServer(mode: selector.mode, selector: selector) {
                            logger.warning("\(recovery); playing generation \(trainer.generation) again")
                            continue
                        }
                    } catch {
                        // Out of restarts: pause, so that the user can switch to CPU (c) or quit.
                        logger.error("\(error); training paused (c: continue on the CPU)")
                        s.send(.pause)
                    }
                    // The generation is replayed (same seeds, same result); the error stays visible.
                    logger.error("generation \(trainer.generation) failed, retrying in 1 s: \(error)")
                    s.sleepUnlessStopping(seconds: 1)
                }
            }
            checkpoints?.drain()
        }
        return session
    }

    /// An XOR or pole session: generations evaluated in-process (remote modes do not apply).
    static func reference(task: any ReferenceTask, config: NEATConfig, seed: UInt64, threads: Int, setup: InferenceSetup,
                          logger: Logger, checkpoints: CheckpointSchedule? = nil, resume: Checkpoint? = nil) -> TrainingSession {
        let selector = BackendSelector(setup.cpu)
        return TrainingSession(metrics: setup.metrics, setup: setup, selector: selector, logger: logger, remoteCapable: false) { s in
            let pool = WorkerPool(threads: threads)
            let scratch = ScratchPool(workers: threads)
            var runSeed = resume?.seed ?? seed
            var population = resume.map { Population(restoring: $0.population) } ?? Population(config: config, seed: runSeed)
            var progress = resume?.reference ?? ReferenceRunProgress()
            while !s.stopping.load(ordering: .relaxed) {
                while s.paused.load(ordering: .relaxed) && !s.stopping.load(ordering: .relaxed) { usleep(20_000) }
                let t0 = s.metrics.clock.nanoseconds()
                let genomes = population.genomes
                let results = ReferenceTaskRunner.evaluate(genomes, task: task, pool: pool, scratch: scratch)
                let t1 = s.metrics.clock.nanoseconds()
                let solved = results.contains { $0.solved }
                let stats = population.advance(fitnesses: results.map(\.fitness))
                progress.fitnessCurve.append(stats.bestFitness)
                progress.evaluations += genomes.count
                progress.speciesTotal += stats.speciesCount
                let wall = s.metrics.clock.nanoseconds() - t0
                s.metrics.finishGeneration(mode: .cpu, inferenceNanos: t1 - t0, wallNanos: wall, stats: stats,
                                           populationSize: genomes.count, championWinRate: nil)
                logger.info("Generation \(stats.generation): best \(stats.bestFitness), mean \(stats.meanFitness), species \(stats.speciesCount), \(wall / 1_000_000)ms")
                if solved {
                    logger.notice("\(task.name) solved in generation \(stats.generation + 1); starting a new run")
                    runSeed &+= 1
                    population = Population(config: config, seed: runSeed)
                    progress = ReferenceRunProgress()
                    // The solved run's checkpoints would outnumber the new run's: they go.
                    checkpoints?.discardAll()
                }
                if population.generation > 0, let checkpoints = s.checkpointDue(after: population.generation, schedule: checkpoints) {
                    checkpoints.write(Checkpoint(task: task.name, run: 0, seed: runSeed, population: population.state.withoutLastEvaluated,
                                                 savedAt: Date().timeIntervalSince1970, reference: progress))
                }
            }
            checkpoints?.drain()
        }
    }

    private init(metrics: MetricsRecorder, setup: InferenceSetup, selector: BackendSelector, logger: Logger,
                 remoteCapable: Bool, loop: @escaping @Sendable (TrainingSession) -> Void) {
        self.remoteCapable = remoteCapable
        self.metrics = metrics
        self.setup = setup
        self.selector = selector
        self.logger = logger
        self.loop = loop
        metrics.setCurrentMode(selector.mode)
    }

    /// Starts the training thread.
    func start() {
        let thread = TrainingThread { [self] in
            loop(self)
            finished.signal()
        }
        thread.start()
    }

    /// The schedule when a checkpoint is due after `generation` evaluated generations (its
    /// turn, or `S` was pressed), else nil. `S` without --checkpoint-dir is answered on the event line.
    func checkpointDue(after generation: Int, schedule: CheckpointSchedule?) -> CheckpointSchedule? {
        let asked = checkpointRequested.exchange(false, ordering: .relaxed)
        guard let schedule else {
            if asked { logger.warning("no checkpoint written: start the dashboard with --checkpoint-dir DIR") }
            return nil
        }
        return asked || schedule.isDue(after: generation) ? schedule : nil
    }

    func sleepUnlessStopping(seconds: Double) {
        var left = seconds
        while left > 0 && !stopping.load(ordering: .relaxed) { usleep(50_000); left -= 0.05 }
    }

    // MARK: MonitorSource

    func snapshot() -> MetricsSnapshot { metrics.snapshot() }

    var childPID: Int32? { setup.childPID }

    /// Remote inference applies to the duel only (xor and pole evaluate in-process).
    var remoteAvailable: Bool { remoteCapable }

    func send(_ command: MonitorCommand) {
        switch command {
        case .pause:
            paused.store(true, ordering: .relaxed)
            metrics.setPaused(true)
            logger.notice("paused")
        case .resume:
            paused.store(false, ordering: .relaxed)
            metrics.setPaused(false)
            logger.notice("resumed")
        case .setMode(let mode):
            control.async { [self] in
                do {
                    let backend = try setup.backend(for: mode)
                    try selector.switchTo(backend)
                    metrics.setCurrentMode(mode)
                    logger.notice("mode switched to \(mode)")
                } catch {
                    logger.error("could not switch to \(mode): \(error)")
                }
            }
        case .checkpointNow:
            checkpointRequested.store(true, ordering: .relaxed)
        case .shutdown:
            shutdown()
        }
    }

    /// Stops training (the generation in progress finishes) and the server child.
    func shutdown() {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        paused.store(false, ordering: .relaxed)
        finished.wait()
        control.sync {}
        setup.shutdown()
    }
}

/// A plain thread for the training loop (named `neat-train`).
final class TrainingThread: @unchecked Sendable {
    // @unchecked: `body` is set once in init and only read by the new thread.
    private let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }

    func start() {
        let box = Unmanaged.passRetained(self)
        var t = pthread_t()
        let rc = pthread_create(&t, nil, { raw in
            let me = Unmanaged<TrainingThread>.fromOpaque(raw!).takeRetainedValue()
            CurrentThread.setName("neat-train")
            me.body()
            return nil
        }, box.toOpaque())
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_detach(t)
    }
}
