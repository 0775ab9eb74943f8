/// How the next generation is bred from the species allowed to reproduce.
public protocol ReproductionStrategy: Sendable {
    /// The next generation's genomes (fitness cleared), from `genomes` (evaluated) and
    /// `species` (their species; `alive[k]`: whether species k may reproduce).
    /// `species` gains adjusted fitness and keeps only the species that reproduced;
    /// `state.copies` lists the children that are unchanged copies of a parent.
    /// Crossover children are written into storage from `recycler`.
    func reproduce<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], alive: [Bool], generation: Int,
                                             config: NEATConfig, state: inout ReproductionState, tracker: inout InnovationTracker,
                                             recycler: inout GenomeRecycler, rng: inout R) -> [Genome]
}
