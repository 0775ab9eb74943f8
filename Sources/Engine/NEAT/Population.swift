/// What one evaluated generation looked like.
public struct GenerationStats: Sendable, Equatable {
    public var generation: Int
    public var bestFitness: Double
    public var meanFitness: Double
    public var speciesCount: Int
    /// The best genome of this generation (with its fitness).
    public var champion: Genome
}

/// The generation loop: holds the genomes of the current generation; the caller
/// evaluates them, hands the fitnesses back with `advance(fitnesses:)`, and the
/// population reproduces and re-speciates.
///
/// All randomness comes from one generator seeded with `seed`, and evaluation
/// results are applied by index, so a run is identical on any number of threads.
///
/// ```swift
/// var pop = Population(config: .paper(inputs: 3, outputs: 1), seed: 7)
/// while true {
///     let fits = pop.genomes.map { task.evaluate(CompiledNetwork($0)) }
///     let stats = pop.advance(fitnesses: fits)
///     if stats.bestFitness >= target { break }
/// }
/// ```
public struct Population: Sendable {
    public let config: NEATConfig
    public private(set) var genomes: [Genome]
    public private(set) var species: [Species]
    /// Index of the current (not yet evaluated) generation, from 0.
    public private(set) var generation: Int
    /// The best genome ever evaluated.
    public private(set) var bestEver: Genome?
    /// The last evaluated generation, with fitness (empty before the first `advance`).
    public private(set) var lastEvaluated: [Genome] = []
    public private(set) var tracker: InnovationTracker
    private var rng: Xoshiro256
    private var nextSpeciesID = 0
    private var reproductionState: Reproduction.State
    /// Storage of the generation before `lastEvaluated`, which children are written into.
    private var recycler = GenomeRecycler()
    private var speciationWorkspace = Speciation.Workspace()

    public init(config: NEATConfig, seed: UInt64) {
        self.config = config
        rng = Xoshiro256(seed: seed)
        let factory = GenomeFactory(config: config)
        var tracker = factory.makeTracker()
        var genomes = [Genome]()
        genomes.reserveCapacity(config.populationSize)
        for i in 0..<config.populationSize {
            genomes.append(factory.makeGenome(id: i, tracker: &tracker, rng: &rng))
        }
        self.tracker = tracker
        self.genomes = genomes
        species = []
        generation = 0
        reproductionState = Reproduction.State(nextGenomeID: config.populationSize)
        nextSpeciesID = Speciation(config: config).speciate(genomes, species: &species, nextSpeciesID: 0, generation: 0, rng: &rng)
    }

    /// Genomes of the current generation that are unchanged copies of a genome of
    /// `lastEvaluated` (`source` indexes it): their evaluation may be reused.
    public var copiesOfLastEvaluated: [Reproduction.Copy] { reproductionState.copies }

    /// Records `fitnesses` (one per genome, in order), then breeds and speciates the
    /// next generation. Returns the statistics of the generation just evaluated.
    @discardableResult
    public mutating func advance(fitnesses: [Double]) -> GenerationStats {
        precondition(fitnesses.count == genomes.count, "expected \(genomes.count) fitnesses, got \(fitnesses.count)")
        for i in genomes.indices { genomes[i].fitness = fitnesses[i] }
        // The previous `lastEvaluated` is no longer needed: its storage takes the children,
        // except the genomes copied unchanged into this generation, which still share it.
        recycler.refill(from: &lastEvaluated, inUse: reproductionState.copies.lazy.map(\.source))
        lastEvaluated = genomes
        let stats = currentStats()
        if config.semantics == .paper {
            // NEAT's reference implementation compares the next generation with each
            // species' best genome of this one.
            for k in species.indices {
                let best = species[k].members.max { (genomes[$0].fitness ?? 0, -$0) < (genomes[$1].fitness ?? 0, -$1) }!
                species[k].representative = genomes[best]
            }
        }
        if bestEver == nil || stats.champion.fitness! > bestEver!.fitness! { bestEver = stats.champion }
        tracker.startGeneration()
        var next = Reproduction(config: config).reproduce(genomes: genomes, species: &species, generation: generation,
                                                          state: &reproductionState, tracker: &tracker, recycler: &recycler, rng: &rng)
        if next.isEmpty {
            // Complete extinction (neat-python's reset_on_extinction): start over.
            let factory = GenomeFactory(config: config)
            species = []
            reproductionState.copies.removeAll()
            for _ in 0..<config.populationSize {
                next.append(factory.makeGenome(id: reproductionState.nextGenomeID, tracker: &tracker, rng: &rng))
                reproductionState.nextGenomeID += 1
            }
        }
        genomes = next
        generation += 1
        nextSpeciesID = Speciation(config: config).speciate(genomes, species: &species, nextSpeciesID: nextSpeciesID,
                                                           generation: generation, workspace: &speciationWorkspace, rng: &rng)
        return stats
    }

    /// Statistics of the current generation once its fitnesses are set.
    private func currentStats() -> GenerationStats {
        var best = 0
        var sum = 0.0
        for i in genomes.indices {
            let f = genomes[i].fitness ?? 0
            sum += f
            if f > genomes[best].fitness ?? 0 { best = i }
        }
        return GenerationStats(generation: generation, bestFitness: genomes[best].fitness ?? 0,
                               meanFitness: sum / Double(max(1, genomes.count)), speciesCount: species.count,
                               champion: genomes[best])
    }
}
