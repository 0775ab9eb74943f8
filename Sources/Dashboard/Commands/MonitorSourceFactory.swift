import ArgumentParser
import Engine
import Foundation
import Logging
import Monitor

/// Builds the engine behind the monitor from its options and starts training.
enum MonitorSourceFactory {
    /// The speciation flags (nil: the task's default).
    struct Speciation {
        var targetSpecies: Int? = nil
        var compatibilityThreshold: Double? = nil
    }

    static func make(_ options: MonitorOptions, remote: RemoteOptions? = nil, plainDuel: Bool = false, speciation: Speciation = Speciation(),
                     checkpointOptions: CheckpointOptions? = nil, logger: Logger) throws -> any MonitorSource {
        let threads = options.threads ?? WorkerPool.defaultThreadCount(environment: ProcessInfo.processInfo.environment)
        let taskName = options.task.rawValue
        let metrics = MetricsRecorder(workers: threads, mode: options.mode, task: taskName)
        var settings = InferenceSetup.Settings()
        settings.concurrency = options.concurrency
        settings.workers = threads
        settings.serverURL = options.serverURL
        try remote?.apply(to: &settings)
        let setup = InferenceSetup(settings: settings, metrics: metrics, logger: logger)
        let session: TrainingSession
        let resume = try checkpointOptions?.resumeCheckpoint(run: 0, of: 1, task: taskName)
        // Failures and writes go to the event line and the header (stderr would tear the screen).
        let checkpoints = try checkpointOptions?.schedule(run: 0, of: 1, failed: { logger.error("\($0)") },
                                                          written: { metrics.recordCheckpoint(generation: $0.generation) })
        switch options.task {
        case .duel:
            var duel = plainDuel ? DuelTrainingOptions.plain : DuelTrainingOptions()
            duel.population = options.population
            duel.seed = options.seed
            if let t = speciation.targetSpecies { duel.targetSpecies = t }
            if let x = speciation.compatibilityThreshold { duel.compatibilityThreshold = x }
            do { try duel.validate() } catch { throw ValidationError(error.description) }
            if let resume { try CheckpointOptions.refuseMismatch(resume, task: "duel", seed: duel.seed, config: duel.neatConfig, duel: duel) }
            session = try TrainingSession.duel(options: duel, threads: threads, mode: options.mode, setup: setup, logger: logger,
                                               checkpoints: checkpoints, resume: resume)
        case .xor, .pole:
            if plainDuel { throw ValidationError("--plain applies to the duel task only") }
            guard options.mode == .cpu else {
                throw ValidationError("--mode remote applies to the duel task only; \(taskName) evaluates networks in-process")
            }
            let task: any ReferenceTask = options.task == .xor ? XORTask() : DoublePoleTask()
            var config = NEATConfig.paper(for: task)
            config.populationSize = options.population
            if let t = speciation.targetSpecies { config.targetSpecies = t }
            if let x = speciation.compatibilityThreshold { config.compatibilityThreshold = x }
            if let resume {
                // The monitor restarts xor and pole with seed + 1 after each solve: a later run of --seed resumes too.
                try CheckpointOptions.refuseMismatch(resume, task: taskName, seed: resume.seed >= options.seed ? resume.seed : options.seed,
                                                     config: config)
            }
            session = TrainingSession.reference(task: task, config: config, seed: options.seed, threads: threads, setup: setup, logger: logger,
                                                checkpoints: checkpoints, resume: resume)
        }
        session.start()
        return session
    }
}
