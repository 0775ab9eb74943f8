/// What one evaluated generation looked like.
public struct GenerationStats: Sendable, Equatable {
    public var generation: Int
    public var bestFitness: Double
    public var meanFitness: Double
    public var speciesCount: Int
    /// The compatibility threshold (δt) this generation was speciated with.
    public var compatibilityThreshold: Double
    /// The best genome of this generation (with its fitness).
    public var champion: Genome
}

/// The generation loop: holds the genomes of the current generation; the caller
/// evaluates them, hands the fitnesses back with `advance(fitnesses:)`, and the
/// population reproduces and re-speciates.
///
/// The algorithm (the paper's or neat-python's, `NEATConfig.semantics`) is chosen
/// once, when the population is made. All randomness comes from one generator
/// seeded with `seed`, and evaluation results are applied by index, so a run is
/// identical on any number of threads.
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
    /// The compatibility threshold (δt) the current generation was speciated with: the
    /// config's, or where `NEATConfig.targetSpecies` has steered it.
    public private(set) var compatibilityThreshold: Double
    private let algorithm: SelectedAlgorithm
    private var rng: Xoshiro256
    private var nextSpeciesID = 0
    private var reproductionState: ReproductionState
    /// Storage of the generation before `lastEvaluated`, which children are written into.
    private var recycler = GenomeRecycler()
    private var speciationWorkspace = SpeciationWorkspace()

    public init(config: NEATConfig, seed: UInt64) {
        self.config = config
        algorithm = SelectedAlgorithm(config)
        rng = Xoshiro256(seed: seed)
        genomes = []
        species = []
        generation = 0
        tracker = InnovationTracker(nextNodeID: 0)
        compatibilityThreshold = config.compatibilityThreshold
        reproductionState = ReproductionState(nextGenomeID: config.populationSize)
        switch algorithm {
        case .paper(let a): start(a)
        case .neatPython(let a): start(a)
        }
    }

    /// A population exactly where `state` left it (see `PopulationState`).
    ///
    /// `state` must be consistent (every species' members index `genomes`, every
    /// genome valid): one taken from a population always is; one read from a file
    /// is checked by the checkpoint reader first.
    public init(restoring state: PopulationState) {
        config = state.config
        algorithm = SelectedAlgorithm(state.config)
        rng = state.random
        genomes = state.genomes
        species = state.species
        generation = state.generation
        bestEver = state.bestEver
        lastEvaluated = state.lastEvaluated
        tracker = state.tracker
        compatibilityThreshold = state.compatibilityThreshold
        nextSpeciesID = state.nextSpeciesID
        reproductionState = state.reproduction
    }

    /// Everything needed to continue this population exactly (`init(restoring:)`).
    public var state: PopulationState {
        PopulationState(config: config, generation: generation, genomes: genomes, lastEvaluated: lastEvaluated, species: species,
                        bestEver: bestEver, tracker: tracker, random: rng, nextSpeciesID: nextSpeciesID,
                        reproduction: reproductionState, compatibilityThreshold: compatibilityThreshold)
    }

    /// The first generation, made and speciated by `algorithm`.
    private mutating func start<A: NEATAlgorithm>(_ algorithm: A) {
        let factory = algorithm.factory(config)
        tracker = factory.makeTracker()
        genomes.reserveCapacity(config.populationSize)
        for i in 0..<config.populationSize {
            genomes.append(factory.makeGenome(id: i, tracker: &tracker, rng: &rng))
        }
        nextSpeciesID = algorithm.speciation.speciate(genomes, species: &species, nextSpeciesID: 0, generation: 0,
                                                      threshold: compatibilityThreshold, config: config, workspace: &speciationWorkspace)
    }

    /// Genomes of the current generation that are unchanged copies of a genome of
    /// `lastEvaluated` (`source` indexes it): their evaluation may be reused.
    public var copiesOfLastEvaluated: [EliteCopy] { reproductionState.copies }

    /// Records `fitnesses` (one per genome, in order), then breeds and speciates the
    /// next generation. Returns the statistics of the generation just evaluated.
    @discardableResult
    public mutating func advance(fitnesses: [Double]) -> GenerationStats {
        switch algorithm {
        case .paper(let a): return advance(fitnesses: fitnesses, by: a)
        case .neatPython(let a): return advance(fitnesses: fitnesses, by: a)
        }
    }

    /// `advance(fitnesses:)` with the algorithm's concrete type.
    private mutating func advance<A: NEATAlgorithm>(fitnesses: [Double], by algorithm: A) -> GenerationStats {
        precondition(fitnesses.count == genomes.count, "expected \(genomes.count) fitnesses, got \(fitnesses.count)")
        for i in genomes.indices { genomes[i].fitness = fitnesses[i] }
        // The previous `lastEvaluated` is no longer needed: its storage takes the children,
        // except the genomes copied unchanged into this generation, which still share it.
        recycler.refill(from: &lastEvaluated, inUse: reproductionState.copies.lazy.map(\.source))
        lastEvaluated = genomes
        let stats = currentStats()
        algorithm.speciation.updateRepresentatives(species: &species, evaluated: genomes)
        if bestEver == nil || stats.champion.fitness! > bestEver!.fitness! { bestEver = stats.champion }
        tracker.startGeneration()
        var next = algorithm.breed(genomes: genomes, species: &species, generation: generation, config: config,
                                   state: &reproductionState, tracker: &tracker, recycler: &recycler, rng: &rng)
        if next.isEmpty {
            // Complete extinction (neat-python's reset_on_extinction): start over.
            let factory = algorithm.factory(config)
            species = []
            reproductionState.copies.removeAll()
            for _ in 0..<config.populationSize {
                next.append(factory.makeGenome(id: reproductionState.nextGenomeID, tracker: &tracker, rng: &rng))
                reproductionState.nextGenomeID += 1
            }
        }
        genomes = next
        generation += 1
        compatibilityThreshold = config.nextCompatibilityThreshold(after: compatibilityThreshold, speciesCount: stats.speciesCount)
        nextSpeciesID = algorithm.speciation.speciate(genomes, species: &species, nextSpeciesID: nextSpeciesID, generation: generation,
                                                      threshold: compatibilityThreshold, config: config, workspace: &speciationWorkspace)
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
                               compatibilityThreshold: compatibilityThreshold, champion: genomes[best])
    }
}
