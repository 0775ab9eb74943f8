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
                     logger: Logger) throws -> any MonitorSource {
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
        switch options.task {
        case .duel:
            var duel = plainDuel ? DuelTrainingOptions.plain : DuelTrainingOptions()
            duel.population = options.population
            duel.seed = options.seed
            if let t = speciation.targetSpecies { duel.targetSpecies = t }
            if let x = speciation.compatibilityThreshold { duel.compatibilityThreshold = x }
            do { try duel.validate() } catch { throw ValidationError(error.description) }
            session = try TrainingSession.duel(options: duel, threads: threads, mode: options.mode, setup: setup, logger: logger)
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
            session = TrainingSession.reference(task: task, config: config, seed: options.seed, threads: threads, setup: setup, logger: logger)
        }
        session.start()
        return session
    }
}
