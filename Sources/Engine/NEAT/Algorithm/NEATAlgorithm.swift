/// One NEAT algorithm: its rule for each concern of the generation loop, chosen
/// together so that a run follows one algorithm throughout.
///
/// `PaperNEAT` is Stanley & Miikkulainen (2002) as NEAT's reference implementation
/// runs it; `NeatPythonNEAT` is neat-python 2.0's algorithm. Each reads top to
/// bottom in its own folder (NEAT/Paper, NEAT/NeatPython). `Population` picks one
/// from `NEATConfig.semantics` when it is made (`SelectedAlgorithm`) and runs the
/// generation loop with its concrete type, so every strategy call below, down to
/// each gene's crossover and mutation, is a direct call the optimiser specialises.
/// An algorithm and its strategies hold no settings: the config (what the user
/// chose) is passed to each call, so the generation loop copies none.
public protocol NEATAlgorithm: Sendable {
    associatedtype Speciation: SpeciationStrategy
    associatedtype Stagnation: StagnationStrategy
    associatedtype Reproduction: ReproductionStrategy

    /// How new genomes' nodes get their bias and response.
    var nodeAttributes: GenomeFactory.NodeAttributes { get }
    var speciation: Speciation { get }
    var stagnation: Stagnation { get }
    var reproduction: Reproduction { get }
}

extension NEATAlgorithm {
    /// Makes the first generation's genomes (and a new start after complete extinction).
    public func factory(_ config: NEATConfig) -> GenomeFactory {
        GenomeFactory(config: config, nodeAttributes: nodeAttributes)
    }

    /// The next generation from an evaluated, speciated one (fitness cleared):
    /// stagnation decides which species may reproduce, then reproduction breeds.
    /// `species` gains adjusted fitness and loses the species that did not reproduce.
    public func breed<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], generation: Int, config: NEATConfig,
                                               state: inout ReproductionState, tracker: inout InnovationTracker,
                                               recycler: inout GenomeRecycler, rng: inout R) -> [Genome] {
        let alive = stagnation.update(genomes: genomes, species: &species, generation: generation, config: config)
        return reproduction.reproduce(genomes: genomes, species: &species, alive: alive, generation: generation, config: config,
                                      state: &state, tracker: &tracker, recycler: &recycler, rng: &rng)
    }

    /// `breed(genomes:species:generation:config:state:tracker:recycler:rng:)` into new storage.
    public func breed<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], generation: Int, config: NEATConfig,
                                               state: inout ReproductionState, tracker: inout InnovationTracker,
                                               rng: inout R) -> [Genome] {
        var fresh = GenomeRecycler()
        return breed(genomes: genomes, species: &species, generation: generation, config: config, state: &state,
                     tracker: &tracker, recycler: &fresh, rng: &rng)
    }
}
