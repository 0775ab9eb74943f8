import Logging

/// The duel training loop: a tournament per generation on the worker pool, then
/// reproduction, then the champion against the reference bot.
///
/// Not thread-safe: one thread calls `runGeneration()` at a time. Control from
/// other threads goes through the `BackendSelector` (mode switches) and the
/// runner's pause check.
public final class DuelTrainer {
    public let options: DuelTrainingOptions
    public let metrics: MetricsRecorder
    public let selector: BackendSelector
    public private(set) var population: Population
    private let runner: TournamentRunner
    private let pool: WorkerPool
    private let logger: Logger
    /// Past champions (oldest first), at most `options.hallOfFameSize`.
    public private(set) var hallOfFame: [Genome] = []

    /// A trainer at generation 0, or, with `resume` (a duel checkpoint made with `options`),
    /// exactly where that checkpoint left the run.
    public init(options: DuelTrainingOptions, pool: WorkerPool, selector: BackendSelector, metrics: MetricsRecorder,
                logger: Logger, resume: Checkpoint? = nil, isPaused: @escaping @Sendable () -> Bool = { false }) {
        self.options = options
        self.metrics = metrics
        self.selector = selector
        self.logger = logger
        self.pool = pool
        if let resume {
            population = Population(restoring: resume.population)
            hallOfFame = resume.duel?.hallOfFame ?? []
        } else {
            population = Population(config: options.neatConfig, seed: options.seed)
        }
        runner = TournamentRunner(rules: options.rules, schedule: options.schedule, scoring: options.scoring, pool: pool, selector: selector,
                                  metrics: metrics, isPaused: isPaused)
    }

    public var generation: Int { population.generation }

    /// The last evaluated generation, with fitness.
    public var lastEvaluated: [Genome] { population.lastEvaluated }

    /// A checkpoint of the run as it stands (between generations), with `progress`
    /// (the caller's curves and counters) and this trainer's options and hall of fame.
    /// `final` keeps the last evaluated generation (what `--save` writes) in it; without,
    /// the checkpoint is about half the size and resumes exactly the same.
    public func checkpoint(run: Int, progress: DuelRunProgress, savedAt: Double, final: Bool = false) -> Checkpoint {
        var progress = progress
        progress.options = options
        progress.hallOfFame = hallOfFame
        let state = final ? population.state : population.state.withoutLastEvaluated
        return Checkpoint(task: "duel", run: run, seed: options.seed, population: state, savedAt: savedAt, duel: progress)
    }

    /// Plays, scores and breeds one generation. On an inference error nothing is
    /// changed (the same generation can be played again) and the error is thrown.
    @discardableResult
    public func runGeneration() throws -> DuelGenerationReport {
        let start = metrics.clock.nanoseconds()
        let genomes = population.genomes
        // Hall-of-fame opponents are extra models after the population (they get no fitness).
        let fame = options.hallOfFame > 0 ? hallOfFame : []
        let all = fame.isEmpty ? genomes : genomes + fame
        let networks = pool.map(count: all.count) { i, _ in CompiledNetwork(all[i]) }
        let models = GenerationModels(generation: population.generation, genomes: all, networks: networks)
        let plan = TournamentPlan(schedule: options.schedule, population: genomes.count, generation: population.generation,
                                  hallOfFame: options.hallOfFame, hallOfFameCount: fame.count,
                                  referenceMatches: options.referenceMatches)
        let result = try runner.play(models, plan: plan, runSeed: options.seed)
        let mode = selector.mode
        let stats = population.advance(fitnesses: result.fitness)
        if options.hallOfFame > 0 {
            hallOfFame.append(stats.champion)
            if hallOfFame.count > options.hallOfFameSize { hallOfFame.removeFirst(hallOfFame.count - options.hallOfFameSize) }
        }
        let champion = CompiledNetwork(stats.champion)
        // The reference games on the pool, one seed per job, with each worker's own bot and buffers.
        let winRate = runner.referenceEvaluation(network: champion, seeds: options.referenceSeeds).winRate
        let wall = metrics.clock.nanoseconds() - start
        let matchLatency = metrics.finishGeneration(mode: mode, inferenceNanos: result.inferenceNanos, wallNanos: wall, stats: stats,
                                                    populationSize: options.population, championWinRate: winRate)
        let report = DuelGenerationReport(stats: stats, tournament: result, championWinRate: winRate,
                                          matchLatency: matchLatency, wallNanos: wall, mode: mode)
        logger.info("\(report.statsLine)")
        return report
    }
}
