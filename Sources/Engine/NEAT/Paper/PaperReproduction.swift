/// The paper's reproduction (§3.3, with NEAT's reference implementation's defaults).
///
/// Explicit fitness sharing: each genome's fitness is divided by its species' size,
/// and species get offspring in proportion to their summed adjusted fitness. Within
/// a species the lowest-performing members are eliminated (`survivalThreshold`), the
/// champion of every species with more than five members is copied unchanged, 25% of
/// offspring come from mutation alone, and the interspecies mating rate is 0.001.
/// When the whole population has not improved for `populationStagnation`
/// generations, the two best species' champions make the next generation instead
/// (delta coding, `PaperDeltaCoding`).
public struct PaperReproduction: ReproductionStrategy {
    public let mutation = PaperMutationSchedule()
    let crossover = Crossover<PaperGeneInheritance>()

    public init() {}

    public func reproduce<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], alive: [Bool], generation: Int,
                                                    config: NEATConfig, state: inout ReproductionState, tracker: inout InnovationTracker,
                                                    recycler: inout GenomeRecycler, rng: inout R) -> [Genome] {
        state.copies.removeAll(keepingCapacity: true)
        if populationStagnates(genomes: genomes, generation: generation, config: config, state: &state) {
            return PaperDeltaCoding(mutation: mutation).rebuild(genomes: genomes, species: &species, generation: generation,
                                                                config: config, state: &state, tracker: &tracker, rng: &rng)
        }
        shareFitness(genomes: genomes, species: &species)
        // Stagnant species get no offspring, unless every species is stagnant.
        var live = species.indices.filter { alive[$0] }
        if live.isEmpty { live = Array(species.indices) }
        let counts = Self.apportion(live.map { species[$0].adjustedFitness }, total: config.populationSize)
        var next = [Genome]()
        next.reserveCapacity(config.populationSize)
        // Champions of every species, for interspecies mating.
        let champions = species.map { s in s.members.max { (genomes[$0].fitness ?? 0) < (genomes[$1].fitness ?? 0) }! }
        for (slot, k) in live.enumerated() where counts[slot] > 0 {
            breed(species: k, offspring: counts[slot], genomes: genomes, allSpecies: species, champions: champions,
                  config: config, into: &next, state: &state, tracker: &tracker, recycler: &recycler, rng: &rng)
        }
        fill(&next, from: genomes, config: config, state: &state, tracker: &tracker, rng: &rng)
        species = live.map { species[$0] }
        return next
    }

    /// Records the population's best fitness; true when it has not improved for
    /// `populationStagnation` generations (then its clock restarts).
    private func populationStagnates(genomes: [Genome], generation: Int, config: NEATConfig, state: inout ReproductionState) -> Bool {
        let best = genomes.map { $0.fitness ?? 0 }.max() ?? 0
        if best > state.populationBest {
            state.populationBest = best
            state.populationLastImproved = generation
            return false
        }
        guard config.populationStagnation > 0 && generation - state.populationLastImproved >= config.populationStagnation else {
            return false
        }
        state.populationLastImproved = generation
        return true
    }

    /// Explicit fitness sharing: f'ᵢ = fᵢ / |S|, a species' share is Σ f'ᵢ (fitnesses
    /// shifted by the population's minimum when it is negative).
    private func shareFitness(genomes: [Genome], species: inout [Species]) {
        let minFitness = genomes.map { $0.fitness ?? 0 }.min() ?? 0
        let shift = minFitness < 0 ? -minFitness : 0
        for k in species.indices {
            let n = Double(species[k].members.count)
            species[k].adjustedFitness = species[k].members.reduce(0.0) { $0 + ((genomes[$1].fitness ?? 0) + shift) / n }
        }
    }

    /// Species `k`'s `offspring` children: its champion copied when the species has more
    /// than `championCopyMinSpeciesSize` members, the rest bred from its survivors (the
    /// best floor(survivalThreshold · n) + 1 members).
    private func breed<R: RandomNumberGenerator>(species k: Int, offspring: Int, genomes: [Genome], allSpecies: [Species],
                                                 champions: [Int], config: NEATConfig, into next: inout [Genome], state: inout ReproductionState,
                                                 tracker: inout InnovationTracker, recycler: inout GenomeRecycler, rng: inout R) {
        var offspring = offspring
        let sorted = allSpecies[k].members.sorted {
            let a = genomes[$0].fitness ?? 0, b = genomes[$1].fitness ?? 0
            return a != b ? a > b : genomes[$0].id < genomes[$1].id
        }
        if sorted.count > config.championCopyMinSpeciesSize {
            var champion = genomes[sorted[0]]
            champion.id = state.nextGenomeID; state.nextGenomeID += 1
            champion.fitness = nil
            state.copies.append(EliteCopy(index: next.count, source: sorted[0]))
            next.append(champion)
            offspring -= 1
        }
        let survivorCount = min(sorted.count, Int((config.survivalThreshold * Double(sorted.count)).rounded(.down)) + 1)
        let survivors = Array(sorted.prefix(survivorCount))
        for _ in 0..<offspring {
            next.append(child(of: survivors, species: k, genomes: genomes, speciesCount: allSpecies.count, champions: champions,
                              config: config, state: &state, tracker: &tracker, recycler: &recycler, rng: &rng))
        }
    }

    /// One child of `survivors` (a species' best members): a mutated copy of one of them
    /// (`mutateOnlyFraction`, or when there is only one), else the crossover of two, the
    /// second a champion of another species with `interspeciesMatingRate`; a crossover
    /// child is mutated too unless it is mating only (`mateOnlyProbability`).
    private func child<R: RandomNumberGenerator>(of survivors: [Int], species k: Int, genomes: [Genome], speciesCount: Int,
                                                 champions: [Int], config: NEATConfig, state: inout ReproductionState, tracker: inout InnovationTracker,
                                                 recycler: inout GenomeRecycler, rng: inout R) -> Genome {
        let p1 = genomes[survivors[rng.nextInt(below: survivors.count)]]
        let id = state.nextGenomeID; state.nextGenomeID += 1
        if survivors.count == 1 || rng.chance(config.mutateOnlyFraction) {
            var child = p1
            child.id = id
            child.fitness = nil
            mutation.mutate(&child, config: config, tracker: &tracker, rng: &rng)
            return child
        }
        var p2: Genome
        if speciesCount > 1 && rng.chance(config.interspeciesMatingRate) {
            var other = rng.nextInt(below: speciesCount)
            if other == k { other = (other + 1) % speciesCount }
            p2 = genomes[champions[other]]
        } else {
            var j = survivors[rng.nextInt(below: survivors.count)]
            if genomes[j].id == p1.id { j = survivors[(survivors.firstIndex(of: j)! + 1) % survivors.count] }
            p2 = genomes[j]
        }
        if p2.fitness == nil { p2.fitness = 0 }
        var child = crossover.cross(p1, p2, childID: id, config: config, recycler: &recycler, rng: &rng)
        if !rng.chance(config.mateOnlyProbability) || p1.id == p2.id {
            mutation.mutate(&child, config: config, tracker: &tracker, rng: &rng)
        }
        return child
    }

    /// Fills `next` up to the population size with mutated copies of the best genome
    /// (apportionment never leaves it short; this is a guard).
    private func fill<R: RandomNumberGenerator>(_ next: inout [Genome], from genomes: [Genome], config: NEATConfig, state: inout ReproductionState,
                                                tracker: inout InnovationTracker, rng: inout R) {
        guard next.count < config.populationSize,
              let best = genomes.indices.max(by: { (genomes[$0].fitness ?? 0) < (genomes[$1].fitness ?? 0) }) else { return }
        while next.count < config.populationSize {
            var g = genomes[best]
            g.id = state.nextGenomeID; state.nextGenomeID += 1
            g.fitness = nil
            mutation.mutate(&g, config: config, tracker: &tracker, rng: &rng)
            next.append(g)
        }
    }

    /// Largest-remainder apportionment of `total` seats by `shares` (equal when all are 0).
    public static func apportion(_ shares: [Double], total: Int) -> [Int] {
        guard !shares.isEmpty else { return [] }
        let sum = shares.reduce(0, +)
        let weights = sum > 0 ? shares : [Double](repeating: 1, count: shares.count)
        let wsum = weights.reduce(0, +)
        let exact = weights.map { $0 / wsum * Double(total) }
        var counts = exact.map { Int($0.rounded(.down)) }
        var left = total - counts.reduce(0, +)
        let remainder = exact.indices.map { exact[$0] - Double(counts[$0]) }
        // Largest remainder first; equal remainders in species order.
        let order = exact.indices.sorted { remainder[$0] > remainder[$1] || (remainder[$0] == remainder[$1] && $0 < $1) }
        var i = 0
        while left > 0 { counts[order[i % order.count]] += 1; left -= 1; i += 1 }
        return counts
    }
}
