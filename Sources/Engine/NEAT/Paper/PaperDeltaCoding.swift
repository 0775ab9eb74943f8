/// Population stagnation in NEAT's reference implementation ("delta coding"): when
/// the whole population has not improved for `populationStagnation` generations,
/// only the two best species reproduce, half the population each, all of it from
/// their champions, and their stagnation clocks restart.
struct PaperDeltaCoding {
    let mutation: PaperMutationSchedule

    /// The next generation from the champions of the two best species (by species
    /// fitness; ties: the first): every child but the last of each is the champion with
    /// its weights mutated (80%) or a connection added (20%); the last is an exact copy.
    /// `species` keeps those two.
    func rebuild<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], generation: Int, config: NEATConfig,
                                           state: inout ReproductionState, tracker: inout InnovationTracker, rng: inout R) -> [Genome] {
        let order = species.indices.sorted { (species[$0].fitness ?? 0, -$0) > (species[$1].fitness ?? 0, -$1) }
        let best = Array(order.prefix(2))
        let popSize = config.populationSize
        var next = [Genome]()
        next.reserveCapacity(popSize)
        for (rank, k) in best.enumerated() {
            let count = best.count == 1 ? popSize : (rank == 0 ? popSize / 2 : popSize - popSize / 2)
            let champion = species[k].members.max { (genomes[$0].fitness ?? 0, -$0) < (genomes[$1].fitness ?? 0, -$1) }!
            for c in 0..<count {
                var g = genomes[champion]
                g.id = state.nextGenomeID; state.nextGenomeID += 1
                g.fitness = nil
                if c < count - 1 {
                    if rng.nextUnit() < 0.8 || config.connAddProb == 0 {
                        mutation.mutateWeights(&g, config: config, tracker: &tracker, rng: &rng)
                    } else {
                        mutation.addConnection.mutate(&g, config: config, tracker: &tracker, rng: &rng)
                    }
                }
                next.append(g)
            }
            species[k].lastImproved = generation
        }
        species = best.map { species[$0] }
        return next
    }
}
