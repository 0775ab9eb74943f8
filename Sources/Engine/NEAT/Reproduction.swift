/// Makes the next generation from an evaluated, speciated one.
///
/// Paper (§3.3 and the reference implementation's defaults): explicit fitness
/// sharing; offspring allotted in proportion to each species' summed adjusted
/// fitness; species that have not improved for `maxStagnation` generations get no
/// offspring; when the whole population has not improved for 20 generations,
/// the two best species' champions make the next generation (delta coding); the
/// lowest-performing members are eliminated (`survivalThreshold`); the champion of every species
/// with more than five members is copied unchanged; 25% of offspring come from
/// mutation alone; the interspecies mating rate is 0.001.
/// neat-python: its `DefaultReproduction` and `DefaultStagnation` rules exactly
/// (normalised adjusted fitness, `compute_spawn`, elitism, survival threshold).
public struct Reproduction: Sendable {
    public let config: NEATConfig

    public init(config: NEATConfig) { self.config = config }

    /// Mutable bookkeeping reproduction keeps between generations.
    public struct State: Sendable, Equatable {
        public var nextGenomeID: Int
        public var populationBest: Double = -.infinity
        public var populationLastImproved: Int = 0
        /// The genomes of the generation last made that are unchanged copies of a parent
        /// (neat-python's elites, the paper's species champions).
        public var copies: [Copy] = []
        public init(nextGenomeID: Int) { self.nextGenomeID = nextGenomeID }
    }

    /// Genome `index` of a new generation has exactly the genes of genome `source` of
    /// the generation it was made from.
    public struct Copy: Sendable, Equatable {
        public var index: Int
        public var source: Int
        public init(index: Int, source: Int) { self.index = index; self.source = source }
    }

    /// Updates species fitness and stagnation; returns the species allowed to reproduce.
    public func updateStagnation(genomes: [Genome], species: inout [Species], generation: Int) -> [Bool] {
        var alive = [Bool](repeating: true, count: species.count)
        for k in species.indices {
            let fits = species[k].members.map { genomes[$0].fitness ?? 0 }
            let f = speciesFitness(fits)
            species[k].fitness = f
            if f > species[k].bestFitness {
                species[k].bestFitness = f
                species[k].lastImproved = generation
            }
        }
        switch config.semantics {
        case .paper:
            // Every stagnant species stops reproducing, the best one too (NEAT's reference
            // implementation cuts their fitness a hundredfold; when all are stagnant they
            // all reproduce, see `paperReproduce`); population stagnation rescues the best two.
            for k in species.indices where generation - species[k].lastImproved >= config.maxStagnation {
                alive[k] = false
            }
        case .neatPython:
            // Ascending species fitness; the top `speciesElitism` species are protected.
            let order = Self.ascendingFitnessOrder(species.indices, species)
            var nonStagnant = species.count
            for (idx, k) in order.enumerated() {
                var stagnant = false
                if nonStagnant > config.speciesElitism {
                    stagnant = generation - species[k].lastImproved >= config.maxStagnation
                }
                if species.count - idx <= config.speciesElitism { stagnant = false }
                if stagnant { nonStagnant -= 1; alive[k] = false }
            }
        }
        return alive
    }

    /// neat-python's stagnation order: species by id, then stably by ascending species
    /// fitness (ties keep id order; `species` is kept in id order).
    static func ascendingFitnessOrder(_ indices: some Sequence<Int>, _ species: [Species]) -> [Int] {
        indices.sorted {
            let a = species[$0].fitness ?? 0, b = species[$1].fitness ?? 0
            return a != b ? a < b : $0 < $1
        }
    }

    func speciesFitness(_ f: [Double]) -> Double {
        guard !f.isEmpty else { return 0 }
        switch config.speciesFitnessFunc {
        case .max: return f.max()!
        case .min: return f.min()!
        case .mean: return f.reduce(0, +) / Double(f.count)
        case .median:
            let s = f.sorted(); let n = s.count
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        }
    }

    /// The next generation's genomes (fitness cleared). `species` gains adjusted
    /// fitness and loses the species that were not allowed to reproduce.
    public func reproduce<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], generation: Int,
                                                   state: inout State, tracker: inout InnovationTracker, rng: inout R) -> [Genome] {
        var fresh = GenomeRecycler()
        return reproduce(genomes: genomes, species: &species, generation: generation, state: &state, tracker: &tracker,
                         recycler: &fresh, rng: &rng)
    }

    /// `reproduce(genomes:species:generation:state:tracker:rng:)` writing crossover
    /// children into storage from `recycler` (the same genomes, the same draws).
    public func reproduce<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], generation: Int,
                                                   state: inout State, tracker: inout InnovationTracker,
                                                   recycler: inout GenomeRecycler, rng: inout R) -> [Genome] {
        state.copies.removeAll(keepingCapacity: true)
        var alive = updateStagnation(genomes: genomes, species: &species, generation: generation)
        switch config.semantics {
        case .paper:
            return paperReproduce(genomes: genomes, species: &species, alive: &alive, generation: generation, state: &state,
                                  tracker: &tracker, recycler: &recycler, rng: &rng)
        case .neatPython:
            return neatPythonReproduce(genomes: genomes, species: &species, alive: alive, state: &state, tracker: &tracker,
                                       recycler: &recycler, rng: &rng)
        }
    }

    // MARK: Paper

    private func paperReproduce<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], alive: inout [Bool], generation: Int,
                                                         state: inout State, tracker: inout InnovationTracker,
                                                         recycler: inout GenomeRecycler, rng: inout R) -> [Genome] {
        let popSize = config.populationSize
        let best = genomes.map { $0.fitness ?? 0 }.max() ?? 0
        if best > state.populationBest {
            state.populationBest = best
            state.populationLastImproved = generation
        } else if config.populationStagnation > 0 && generation - state.populationLastImproved >= config.populationStagnation {
            // Whole population stagnant ("delta coding" in NEAT's reference implementation):
            // only the two best species reproduce, half the population each, all of it
            // from their champions; their stagnation clocks restart.
            let order = species.indices.sorted { (species[$0].fitness ?? 0, -$0) > (species[$1].fitness ?? 0, -$1) }
            state.populationLastImproved = generation
            return deltaCoding(genomes: genomes, species: &species, best: Array(order.prefix(2)), generation: generation,
                               state: &state, tracker: &tracker, rng: &rng)
        }
        // Explicit fitness sharing: f'ᵢ = fᵢ / |S|; a species' share is Σ f'ᵢ.
        let minFitness = genomes.map { $0.fitness ?? 0 }.min() ?? 0
        let shift = minFitness < 0 ? -minFitness : 0
        for k in species.indices {
            let n = Double(species[k].members.count)
            species[k].adjustedFitness = species[k].members.reduce(0.0) { $0 + ((genomes[$1].fitness ?? 0) + shift) / n }
        }
        var liveIdx = species.indices.filter { alive[$0] }
        if liveIdx.isEmpty { liveIdx = Array(species.indices) }
        let shares = liveIdx.map { species[$0].adjustedFitness }
        let counts = Self.apportion(shares, total: popSize)
        var next = [Genome]()
        next.reserveCapacity(popSize)
        let mutator = GenomeMutator(), crossover = Crossover()
        // Champions of other species, for interspecies mating.
        let champions = species.map { s in s.members.max { (genomes[$0].fitness ?? 0) < (genomes[$1].fitness ?? 0) }! }
        for (slot, k) in liveIdx.enumerated() {
            var offspring = counts[slot]
            guard offspring > 0 else { continue }
            let sorted = species[k].members.sorted {
                let a = genomes[$0].fitness ?? 0, b = genomes[$1].fitness ?? 0
                return a != b ? a > b : genomes[$0].id < genomes[$1].id
            }
            if sorted.count > config.championCopyMinSpeciesSize {
                var champ = genomes[sorted[0]]
                champ.id = state.nextGenomeID; state.nextGenomeID += 1
                champ.fitness = nil
                state.copies.append(Copy(index: next.count, source: sorted[0]))
                next.append(champ)
                offspring -= 1
            }
            let survivors = Array(sorted.prefix(min(sorted.count, Int((config.survivalThreshold * Double(sorted.count)).rounded(.down)) + 1)))
            for _ in 0..<offspring {
                let p1 = genomes[survivors[rng.nextInt(below: survivors.count)]]
                let id = state.nextGenomeID; state.nextGenomeID += 1
                var child: Genome
                if survivors.count == 1 || rng.chance(config.mutateOnlyFraction) {
                    child = p1
                    child.id = id
                    child.fitness = nil
                    mutator.mutate(&child, config: config, tracker: &tracker, rng: &rng)
                } else {
                    var p2: Genome
                    if species.count > 1 && rng.chance(config.interspeciesMatingRate) {
                        var other = rng.nextInt(below: species.count)
                        if other == k { other = (other + 1) % species.count }
                        p2 = genomes[champions[other]]
                    } else {
                        var j = survivors[rng.nextInt(below: survivors.count)]
                        if genomes[j].id == p1.id { j = survivors[(survivors.firstIndex(of: j)! + 1) % survivors.count] }
                        p2 = genomes[j]
                    }
                    if p2.fitness == nil { p2.fitness = 0 }
                    child = crossover.cross(p1, p2, childID: id, config: config, recycler: &recycler, rng: &rng)
                    if !rng.chance(config.mateOnlyProbability) || p1.id == p2.id {
                        mutator.mutate(&child, config: config, tracker: &tracker, rng: &rng)
                    }
                }
                next.append(child)
            }
        }
        // Rounding never leaves us short, but be safe: fill from the best genome.
        if next.count < popSize, let bestIdx = genomes.indices.max(by: { (genomes[$0].fitness ?? 0) < (genomes[$1].fitness ?? 0) }) {
            while next.count < popSize {
                var g = genomes[bestIdx]
                g.id = state.nextGenomeID; state.nextGenomeID += 1
                g.fitness = nil
                mutator.mutate(&g, config: config, tracker: &tracker, rng: &rng)
                next.append(g)
            }
        }
        species = liveIdx.map { species[$0] }
        return next
    }

    /// Delta coding: `best` (one or two species) make the whole next generation, half
    /// each, from their champions: every child but the last is the champion with its
    /// weights mutated (80%) or a connection added (20%); the last is an exact copy.
    private func deltaCoding<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], best: [Int], generation: Int,
                                                      state: inout State, tracker: inout InnovationTracker, rng: inout R) -> [Genome] {
        let popSize = config.populationSize
        var next = [Genome]()
        next.reserveCapacity(popSize)
        for (rank, k) in best.enumerated() {
            let count = best.count == 1 ? popSize : (rank == 0 ? popSize / 2 : popSize - popSize / 2)
            let champ = species[k].members.max { (genomes[$0].fitness ?? 0, -$0) < (genomes[$1].fitness ?? 0, -$1) }!
            for c in 0..<count {
                var g = genomes[champ]
                g.id = state.nextGenomeID; state.nextGenomeID += 1
                g.fitness = nil
                if c < count - 1 {
                    if rng.nextUnit() < 0.8 || config.connAddProb == 0 {
                        WeightMutation().mutate(&g, config: config, tracker: &tracker, rng: &rng)
                    } else {
                        AddConnectionMutation().mutate(&g, config: config, tracker: &tracker, rng: &rng)
                    }
                }
                next.append(g)
            }
            species[k].lastImproved = generation
        }
        species = best.map { species[$0] }
        return next
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
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0])) > (exact[$1] - Double(counts[$1])) || ((exact[$0] - Double(counts[$0])) == (exact[$1] - Double(counts[$1])) && $0 < $1) }
        var i = 0
        while left > 0 { counts[order[i % order.count]] += 1; left -= 1; i += 1 }
        return counts
    }

    // MARK: neat-python

    /// neat-python's `DefaultReproduction.compute_spawn`.
    public static func computeSpawn(adjustedFitness: [Double], previousSizes: [Int], popSize: Int, minSpeciesSize: Int) -> [Int] {
        let afSum = adjustedFitness.reduce(0, +)
        var amounts = [Int]()
        for (af, ps) in zip(adjustedFitness, previousSizes) {
            let s = afSum > 0 ? max(Double(minSpeciesSize), af / afSum * Double(popSize)) : Double(minSpeciesSize)
            let d = (s - Double(ps)) * 0.5
            let c = Int(pythonRound(d))
            var spawn = ps
            if abs(c) > 0 { spawn += c } else if d > 0 { spawn += 1 } else if d < 0 { spawn -= 1 }
            amounts.append(spawn)
        }
        let totalSpawn = amounts.reduce(0, +)
        let norm = Double(popSize) / Double(totalSpawn)
        return amounts.map { max(minSpeciesSize, Int(pythonRound(Double($0) * norm))) }
    }

    /// neat-python 2.0's `DefaultReproduction._adjust_spawn_exact`: makes the spawn
    /// amounts sum to `popSize` exactly. Extras go one at a time to the smallest
    /// species first; surplus is taken one at a time from the largest first, never
    /// below `minSpeciesSize`. (neat-python raises when one pass over the species
    /// cannot remove the surplus; this keeps passing while it can, and gives up
    /// only when every species is at the minimum.)
    public static func adjustSpawnExact(_ spawnAmounts: [Int], popSize: Int, minSpeciesSize: Int) -> [Int] {
        var amounts = spawnAmounts
        var diff = popSize - amounts.reduce(0, +)
        guard diff != 0, !amounts.isEmpty else { return amounts }
        // Python's sort is stable: ties keep species order.
        if diff > 0 {
            let order = amounts.indices.sorted { (amounts[$0], $0) < (amounts[$1], $1) }
            var i = 0
            while diff > 0 { amounts[order[i]] += 1; diff -= 1; i = (i + 1) % order.count }
        } else {
            let order = amounts.indices.sorted { amounts[$0] != amounts[$1] ? amounts[$0] > amounts[$1] : $0 < $1 }
            var remaining = -diff, i = 0, removedThisPass = false
            while remaining > 0 {
                if amounts[order[i]] > minSpeciesSize { amounts[order[i]] -= 1; remaining -= 1; removedThisPass = true }
                i = (i + 1) % order.count
                if i == 0 { if !removedThisPass { break }; removedThisPass = false }
            }
        }
        return amounts
    }

    /// A species member as `rankByFitness` sorts it.
    struct RankKey {
        var fitness: Double
        var id: Int
        var index: Int
        /// Whether `self` ranks before `other`: higher fitness first, then the higher id.
        @inline(__always) func before(_ other: RankKey) -> Bool {
            fitness != other.fitness ? fitness > other.fitness : id > other.id
        }
    }

    /// The first `top` of `members` (indices into `genomes`) by descending (fitness,
    /// id), neat-python's order, written to `order` (fewer when there are fewer
    /// members); `keys` is scratch. Ids are unique, so the order is total and the
    /// first `top` are those of a full sort: each member is compared with the worst
    /// kept so far and inserted only if it ranks before it. With a NaN fitness the
    /// order is not total, and the members are sorted exactly as before (the
    /// standard library's sort on the same comparison).
    static func rankByFitness(_ members: [Int], genomes: [Genome], top: Int, keys: inout [RankKey], into order: inout [Int]) {
        keys.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
        let limit = min(top, members.count)
        guard limit > 0 else { return }
        var nan = false
        keys.reserveCapacity(limit + 1)
        for i in members {
            let f = genomes[i].fitness ?? 0
            if f.isNaN { nan = true; break }
            let key = RankKey(fitness: f, id: genomes[i].id, index: i)
            if keys.count == limit {
                guard key.before(keys[limit - 1]) else { continue }
                keys.removeLast()
            }
            keys.append(key)
            var j = keys.count - 1
            while j > 0 && key.before(keys[j - 1]) { keys[j] = keys[j - 1]; j -= 1 }
            keys[j] = key
        }
        if nan {
            // The standard library's sort, with the same comparison, on every member.
            keys = members.map { RankKey(fitness: genomes[$0].fitness ?? 0, id: genomes[$0].id, index: $0) }
            keys.sort { $0.before($1) }
            keys.removeLast(keys.count - limit)
        }
        for key in keys { order.append(key.index) }
    }

    /// Python 3's round(): halves to even.
    static func pythonRound(_ x: Double) -> Double { x.rounded(.toNearestOrEven) }

    private func neatPythonReproduce<R: RandomNumberGenerator>(genomes: [Genome], species: inout [Species], alive: [Bool],
                                                              state: inout State, tracker: inout InnovationTracker,
                                                              recycler: inout GenomeRecycler, rng: inout R) -> [Genome] {
        var remaining = [Int]()
        var allFitness = [Double]()
        for k in species.indices where alive[k] {
            remaining.append(k)
            allFitness.append(contentsOf: species[k].members.map { genomes[$0].fitness ?? 0 })
        }
        guard !remaining.isEmpty else { species = []; return [] }
        // neat-python's stagnation hands back the species in ascending fitness order, and
        // reproduction keeps that order: spawn ties, and which species' children get the
        // lower genome ids (so come first in the next speciation), depend on it.
        // `species` itself stays in id order, the order neat-python speciates in.
        let survivors = remaining
        remaining = Self.ascendingFitnessOrder(remaining, species)
        let minF = allFitness.min()!, maxF = allFitness.max()!
        let range = max(1.0, maxF - minF)
        for k in remaining {
            let fs = species[k].members.map { genomes[$0].fitness ?? 0 }
            let msf = fs.reduce(0, +) / Double(fs.count)
            species[k].adjustedFitness = (msf - minF) / range
        }
        let minSize = max(config.minSpeciesSize, config.elitism)
        let rawSpawns = Self.computeSpawn(adjustedFitness: remaining.map { species[$0].adjustedFitness },
                                       previousSizes: remaining.map { species[$0].members.count },
                                       popSize: config.populationSize, minSpeciesSize: minSize)
        let spawns = Self.adjustSpawnExact(rawSpawns, popSize: config.populationSize, minSpeciesSize: minSize)
        var next = [Genome]()
        next.reserveCapacity(config.populationSize + 2 * remaining.count)
        let mutator = GenomeMutator(), crossover = Crossover()
        var old = [Int]()
        var keys = [RankKey]()
        for (spawnAmount, k) in zip(spawns, remaining) {
            var spawn = max(spawnAmount, config.elitism)
            // neat-python sorts by (fitness, genome key) descending: ties put the higher key first.
            let memberCount = species[k].members.count
            let cutoff = max(2, Int((config.survivalThreshold * Double(memberCount)).rounded(.up)))
            // Only the elites and the parents (the best `cutoff`) are ever read.
            Self.rankByFitness(species[k].members, genomes: genomes, top: max(config.elitism, cutoff), keys: &keys, into: &old)
            for i in old.prefix(config.elitism) {
                state.copies.append(Copy(index: next.count, source: i))
                next.append(genomes[i])  // elites keep their id, as in neat-python
                spawn -= 1
            }
            if spawn <= 0 { continue }
            // The parents are old[0 ..< parentCount], read in place through views (reading
            // a parent out of `genomes` for every child would retain and release its gene
            // arrays). `genomes` outlives the loop unchanged: children go into storage
            // from `recycler`, which never holds this generation's arrays.
            let parentCount = min(cutoff, memberCount)
            genomes.withUnsafeBufferPointer { gs in
                while spawn > 0 {
                    spawn -= 1
                    let p1 = gs[old[rng.nextInt(below: parentCount)]].unsafeView
                    let p2 = gs[old[rng.nextInt(below: parentCount)]].unsafeView
                    let id = state.nextGenomeID; state.nextGenomeID += 1
                    // neat-python: the parent with greater fitness is parent1 (ties: the second).
                    let (a, b) = (p1.fitness ?? 0) > (p2.fitness ?? 0) ? (p1, p2) : (p2, p1)
                    var child = crossover.cross(a, b, childID: id, config: config, recycler: &recycler, rng: &rng)
                    mutator.mutate(&child, config: config, tracker: &tracker, rng: &rng)
                    next.append(consume child)  // moved, not copied (a copy retains both gene arrays)
                }
            }
        }
        species = survivors.map { species[$0] }
        for i in next.indices { next[i].fitness = nil }
        return next
    }
}
