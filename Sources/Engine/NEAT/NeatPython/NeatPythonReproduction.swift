/// neat-python's `DefaultReproduction.reproduce`, rule for rule.
///
/// Each surviving species' adjusted fitness is its mean fitness normalised over the
/// surviving members' range; `compute_spawn` and `_adjust_spawn_exact`
/// (`NeatPythonSpawn`) turn it into a number of children; within a species the best
/// `elitism` members are carried over unchanged (with their ids), and every other
/// child is the crossover of two parents drawn from the best `survivalThreshold`
/// share (at least two), then mutated.
public struct NeatPythonReproduction: ReproductionStrategy {
    public let mutation = NeatPythonMutationSchedule()
    let crossover = Crossover<NeatPythonGeneInheritance>()

    public init() {}

    public func reproduce<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], alive: [Bool], generation: Int,
                                                    config: NEATConfig, state: inout ReproductionState, tracker: inout InnovationTracker,
                                                    recycler: inout GenomeRecycler, rng: inout R) -> [Genome] {
        state.copies.removeAll(keepingCapacity: true)
        let survivors = species.indices.filter { alive[$0] }
        guard !survivors.isEmpty else { species = []; return [] }
        // neat-python's stagnation hands back the species in ascending fitness order, and
        // reproduction keeps that order: spawn ties, and which species' children get the
        // lower genome ids (so come first in the next speciation), depend on it.
        // `species` itself stays in id order, the order neat-python speciates in.
        let breeding = NeatPythonStagnation.ascendingFitnessOrder(survivors, species)
        adjustFitness(of: breeding, survivors: survivors, genomes: genomes, species: &species)
        let minSize = max(config.minSpeciesSize, config.elitism)
        let rawSpawns = NeatPythonSpawn.compute(adjustedFitness: breeding.map { species[$0].adjustedFitness },
                                                previousSizes: breeding.map { species[$0].members.count },
                                                popSize: config.populationSize, minSpeciesSize: minSize)
        let spawns = NeatPythonSpawn.adjustExact(rawSpawns, popSize: config.populationSize, minSpeciesSize: minSize)
        var next = [Genome]()
        next.reserveCapacity(config.populationSize + 2 * breeding.count)
        var ranking = NeatPythonRanking()
        var ranked = [Int]()
        for (spawn, k) in zip(spawns, breeding) {
            breed(species[k].members, spawn: max(spawn, config.elitism), genomes: genomes, config: config, ranking: &ranking,
                  ranked: &ranked, into: &next, state: &state, tracker: &tracker, recycler: &recycler, rng: &rng)
        }
        species = survivors.map { species[$0] }
        for i in next.indices { next[i].fitness = nil }
        return next
    }

    /// neat-python's adjusted fitness: each species' mean member fitness, normalised by
    /// the minimum and range (at least 1) of every surviving member's fitness.
    private func adjustFitness(of breeding: [Int], survivors: [Int], genomes: [Genome], species: inout [Species]) {
        var allFitness = [Double]()
        for k in survivors { allFitness.append(contentsOf: species[k].members.map { genomes[$0].fitness ?? 0 }) }
        let minF = allFitness.min()!, maxF = allFitness.max()!
        let range = max(1.0, maxF - minF)
        for k in breeding {
            let fs = species[k].members.map { genomes[$0].fitness ?? 0 }
            let msf = fs.reduce(0, +) / Double(fs.count)
            species[k].adjustedFitness = (msf - minF) / range
        }
    }

    /// One species' `spawn` children, appended to `next`: its elites (the best `elitism`
    /// members, by neat-python's descending (fitness, id) order), then crossovers of
    /// parents drawn from its best `cutoff` members, each child mutated. `ranking` and
    /// `ranked` are scratch.
    private func breed<R: RandomNumberGenerator>(_ members: [Int], spawn: Int, genomes: [Genome], config: NEATConfig,
                                                 ranking: inout NeatPythonRanking,
                                                 ranked: inout [Int], into next: inout [Genome], state: inout ReproductionState,
                                                 tracker: inout InnovationTracker, recycler: inout GenomeRecycler, rng: inout R) {
        var spawn = spawn
        let cutoff = max(2, Int((config.survivalThreshold * Double(members.count)).rounded(.up)))
        // Only the elites and the parents (the best `cutoff`) are ever read.
        ranking.top(max(config.elitism, cutoff), of: members, genomes: genomes, into: &ranked)
        for i in ranked.prefix(config.elitism) {
            state.copies.append(EliteCopy(index: next.count, source: i))
            next.append(genomes[i])  // elites keep their id, as in neat-python
            spawn -= 1
        }
        if spawn <= 0 { return }
        // The parents are ranked[0 ..< parentCount], read in place through views (reading
        // a parent out of `genomes` for every child would retain and release its gene
        // arrays). `genomes` outlives the loop unchanged: children go into storage
        // from `recycler`, which never holds this generation's arrays.
        let parentCount = min(cutoff, members.count)
        genomes.withUnsafeBufferPointer { gs in
            while spawn > 0 {
                spawn -= 1
                let p1 = gs[ranked[rng.nextInt(below: parentCount)]].unsafeView
                let p2 = gs[ranked[rng.nextInt(below: parentCount)]].unsafeView
                let id = state.nextGenomeID; state.nextGenomeID += 1
                // neat-python: the parent with greater fitness is parent1 (ties: the second).
                let (a, b) = (p1.fitness ?? 0) > (p2.fitness ?? 0) ? (p1, p2) : (p2, p1)
                var child = crossover.cross(a, b, childID: id, config: config, recycler: &recycler, rng: &rng)
                mutation.mutate(&child, config: config, tracker: &tracker, rng: &rng)
                next.append(consume child)  // moved, not copied (a copy retains both gene arrays)
            }
        }
    }
}
