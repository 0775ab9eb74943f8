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
    private var scratch = [Float](repeating: 0, count: 4096)

    public init(options: DuelTrainingOptions, pool: WorkerPool, selector: BackendSelector, metrics: MetricsRecorder,
                logger: Logger, isPaused: @escaping @Sendable () -> Bool = { false }) {
        self.options = options
        self.metrics = metrics
        self.selector = selector
        self.logger = logger
        self.pool = pool
        population = Population(config: options.neatConfig, seed: options.seed)
        runner = TournamentRunner(rules: options.rules, schedule: options.schedule, pool: pool, selector: selector,
                                  metrics: metrics, isPaused: isPaused)
    }

    public var generation: Int { population.generation }

    /// The last evaluated generation, with fitness.
    public var lastEvaluated: [Genome] { population.lastEvaluated }

    /// Plays, scores and breeds one generation. On an inference error nothing is
    /// changed (the same generation can be played again) and the error is thrown.
    @discardableResult
    public func runGeneration() throws -> DuelGenerationReport {
        let start = metrics.clock.nanoseconds()
        let genomes = population.genomes
        let networks = pool.map(count: genomes.count) { i, _ in CompiledNetwork(genomes[i]) }
        let models = GenerationModels(generation: population.generation, genomes: genomes, networks: networks)
        let result = try runner.play(models, runSeed: options.seed)
        let mode = selector.mode
        let stats = population.advance(fitnesses: result.fitness)
        let champion = CompiledNetwork(stats.champion)
        // The reference games, one seed per job, summed in seed order.
        let seeds = options.referenceSeeds, rules = options.rules
        let records = pool.map(count: seeds.count) { i, _ in ReferenceEvaluation.evaluate(network: champion, seeds: [seeds[i]], rules: rules) }
        let total = records.reduce(ReferenceEvaluation()) { ReferenceEvaluation(wins: $0.wins + $1.wins, draws: $0.draws + $1.draws, losses: $0.losses + $1.losses) }
        let winRate = total.winRate
        let wall = metrics.clock.nanoseconds() - start
        let matchLatency = metrics.finishGeneration(mode: mode, inferenceNanos: result.inferenceNanos, wallNanos: wall, stats: stats,
                                                    populationSize: options.population, championWinRate: winRate)
        let report = DuelGenerationReport(stats: stats, tournament: result, championWinRate: winRate,
                                          matchLatency: matchLatency, wallNanos: wall, mode: mode)
        logger.info("\(report.statsLine)")
        return report
    }
}
