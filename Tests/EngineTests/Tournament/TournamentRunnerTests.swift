import Logging
import Testing
@testable import Engine

@Suite struct TournamentRunnerTests {
    static func options(population: Int = 12, k: Int = 3) -> DuelTrainingOptions {
        var o = DuelTrainingOptions()
        o.population = population
        o.schedule = .ring(opponents: k)
        o.referenceMatches = 0  // the ring only; tests that want bot matches turn them on
        o.rules = DuelRules(width: 16, height: 16, tickCap: 120, obstaclePairs: 2)
        o.referenceSeeds = ReferenceEvaluation.defaultSeeds(count: 4)
        o.seed = 5
        return o
    }

    static func train(threads: Int, generations: Int, instrumented: Bool = true,
                      options: DuelTrainingOptions = options()) throws -> ([Double], Genome, MetricsSnapshot) {
        let pool = WorkerPool(threads: threads)
        let metrics = MetricsRecorder(workers: threads, mode: .cpu, task: "duel", enabled: instrumented)
        let trainer = DuelTrainer(options: options, pool: pool, selector: BackendSelector(CPUBackend()), metrics: metrics,
                                  logger: Logger(label: "test"))
        var fits = [Double]()
        var champion: Genome? = nil
        for _ in 0..<generations {
            let r = try trainer.runGeneration()
            fits = r.tournament.fitness
            champion = r.stats.champion
        }
        return (fits, champion!, metrics.snapshot())
    }

    /// Same seed → the same fitnesses and champion on 1, 2 and 3 threads.
    @Test func identicalAcrossThreadCounts() throws {
        let (f1, c1, _) = try Self.train(threads: 1, generations: 3)
        let (f2, c2, _) = try Self.train(threads: 2, generations: 3)
        let (f3, c3, _) = try Self.train(threads: 3, generations: 3)
        #expect(f1 == f2 && f2 == f3)
        #expect(c1 == c2 && c2 == c3)
    }

    /// Instrumentation does not change results.
    @Test func instrumentationDoesNotChangeResults() throws {
        let (f1, c1, _) = try Self.train(threads: 2, generations: 2, instrumented: true)
        let (f2, c2, s2) = try Self.train(threads: 2, generations: 2, instrumented: false)
        #expect(f1 == f2 && c1 == c2)
        #expect(s2.figures(for: .cpu)?.inference.count ?? 0 == 0)
    }

    /// Same seed → the same results on 1, 2 and 3 threads with bot and hall-of-fame opponents too.
    @Test func identicalAcrossThreadCountsWithExtraOpponents() throws {
        var o = Self.options()
        o.referenceMatches = 1
        o.hallOfFame = 2
        o.hallOfFameSize = 3
        let (f1, c1, _) = try Self.train(threads: 1, generations: 4, options: o)
        let (f2, c2, _) = try Self.train(threads: 2, generations: 4, options: o)
        let (f3, c3, _) = try Self.train(threads: 3, generations: 4, options: o)
        #expect(f1 == f2 && f2 == f3)
        #expect(c1 == c2 && c2 == c3)
    }

    /// The plain tournament: fitness is wins + ½ draws, so it sums to the number of matches played.
    @Test func fitnessIsWinsPlusHalfDraws() throws {
        var o = Self.options()
        o.scoring = TournamentScoring(survivalTieBreak: false)
        let (fits, _, snapshot) = try Self.train(threads: 2, generations: 1, options: o)
        let matches = 12 * 3
        #expect(fits.reduce(0, +) == Double(matches))
        #expect(fits.allSatisfy { $0 >= 0 && $0 <= 6 })
        let cpu = try #require(snapshot.figures(for: .cpu))
        #expect(cpu.match.count == UInt64(matches))
        #expect(cpu.generations == 1)
        #expect(cpu.vectors > 0 && cpu.requests > 0)
        #expect(cpu.meanTickMicros > 0)
        #expect(snapshot.training.generation == 1)
        #expect(snapshot.training.championWinRate != nil)
    }

    /// The default tie-break adds under ¼ to each genome's wins + ½ draws and nothing else.
    @Test func tieBreakOnlyAddsASmallTerm() throws {
        let trainer = DuelTrainer(options: Self.options(), pool: WorkerPool(threads: 2), selector: BackendSelector(CPUBackend()),
                                  metrics: MetricsRecorder(workers: 2, mode: .cpu, task: "duel"), logger: Logger(label: "test"))
        let r = try trainer.runGeneration().tournament
        #expect(r.scores.reduce(0, +) == 36)
        for (f, s) in zip(r.fitness, r.scores) {
            #expect(f >= s && f <= s + TournamentScoring.tieBreakWeight)
            #expect(TournamentScoring.score(fitness: f) == s)
        }
        #expect(r.fitness != r.scores)
    }

    /// Matches against the reference bot count for the genome only: one per genome, scored wins + ½ draws.
    @Test func referenceMatchesAreScored() throws {
        var o = Self.options()
        o.referenceMatches = 1
        let trainer = DuelTrainer(options: o, pool: WorkerPool(threads: 2), selector: BackendSelector(CPUBackend()),
                                  metrics: MetricsRecorder(workers: 2, mode: .cpu, task: "duel"), logger: Logger(label: "test"))
        let r = try trainer.runGeneration().tournament
        #expect(r.matches == 12 * 3 + 12)
        // The ring's 36 points are shared between genomes; the 12 bot matches add 0…12 more.
        let total = r.scores.reduce(0, +)
        #expect(total >= 36 && total <= 48)
        #expect(r.scores.allSatisfy { $0 <= 7 })
    }

    /// The reference survival term adds weight × ticks survived / tick cap for each
    /// bot match, to the genome that played it, and nothing for ring matches.
    @Test func referenceSurvivalCreditsBotMatchesOnly() throws {
        func generation(weight: Double) throws -> TournamentResult {
            var o = Self.options()
            o.referenceMatches = 2
            o.scoring = TournamentScoring(survivalTieBreak: false, referenceSurvivalWeight: weight)
            let trainer = DuelTrainer(options: o, pool: WorkerPool(threads: 2), selector: BackendSelector(CPUBackend()),
                                      metrics: MetricsRecorder(workers: 2, mode: .cpu, task: "duel"), logger: Logger(label: "test"))
            return try trainer.runGeneration().tournament
        }
        let off = try generation(weight: 0), on = try generation(weight: 2)
        #expect(off.scores == on.scores && off.fitness == off.scores)
        let cap = Double(Self.options().rules.tickCap)
        var credited = 0
        for (f, s) in zip(on.fitness, on.scores) {
            let bonus = f - s
            #expect(bonus >= 0 && bonus <= 2 * 2)  // two bot matches, at most the whole cap each
            let ticks = bonus / 2 * cap
            #expect(abs(ticks - ticks.rounded()) < 1e-6, "whole ticks: \(ticks)")
            if bonus > 0 { credited += 1 }
        }
        #expect(credited > 0)
    }

    /// A backend that fails surfaces its error; nothing is scored.
    @Test func inferenceErrorsSurface() throws {
        final class Failing: InferenceBackend, InferenceSession {
            var mode: InferenceMode { .remote(batch: 1) }
            func loadGeneration(_ models: GenerationModels) throws {}
            func makeSession(worker: Int) -> any InferenceSession { self }
            func infer(_ batch: InferenceBatch) throws { throw InferenceError.remote("server went away") }
        }
        let metrics = MetricsRecorder(workers: 1, mode: .remote(batch: 1), task: "duel")
        let trainer = DuelTrainer(options: Self.options(), pool: WorkerPool(threads: 1), selector: BackendSelector(Failing()),
                                  metrics: metrics, logger: Logger(label: "test"))
        #expect(throws: InferenceError.remote("server went away")) { try trainer.runGeneration() }
        #expect(trainer.generation == 0)
        let f = try #require(metrics.snapshot().figures(for: .remote(batch: 1)))
        #expect(f.errors >= 1)
        #expect(f.lastError == "server went away")
    }

    /// The guide's stats line, exactly.
    @Test func statsLineFormat() throws {
        let pool = WorkerPool(threads: 1)
        let metrics = MetricsRecorder(workers: 1, mode: .cpu, task: "duel")
        let trainer = DuelTrainer(options: Self.options(), pool: pool, selector: BackendSelector(CPUBackend()), metrics: metrics,
                                  logger: Logger(label: "test"))
        let r = try trainer.runGeneration()
        let line = r.statsLine
        let regex = /^Tournament stats - Time: \d+ms, Match count: 36, p50: \d+µs, p95: \d+µs, p99: \d+µs$/
        #expect(line.wholeMatch(of: regex) != nil, "\(line)")
        #expect(r.matchLatency.count == 36)
    }

    /// The runner's reference evaluation (one seed per pool job, each worker with its
    /// own bot and buffers) gives `ReferenceEvaluation.evaluate`'s record, on 1 and 2 threads.
    @Test func referenceEvaluationMatchesTheSerialOne() throws {
        let o = Self.options()
        let (_, champion, _) = try Self.train(threads: 1, generations: 2, options: o)
        let network = CompiledNetwork(champion)
        let seeds = ReferenceEvaluation.defaultSeeds(count: 24)
        let rules = DuelRules(width: 16, height: 16, tickCap: 120, obstaclePairs: 2)
        let serial = ReferenceEvaluation.evaluate(network: network, seeds: seeds, rules: rules)
        #expect(serial.matches == 24)
        for threads in [1, 2] {
            let metrics = MetricsRecorder(workers: threads, mode: .cpu, task: "duel", enabled: false)
            let runner = TournamentRunner(rules: rules, schedule: o.schedule, pool: WorkerPool(threads: threads),
                                          selector: BackendSelector(CPUBackend()), metrics: metrics)
            #expect(runner.referenceEvaluation(network: network, seeds: seeds) == serial, "\(threads) threads")
        }
    }
}
