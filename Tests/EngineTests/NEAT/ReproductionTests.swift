import Testing
@testable import Engine

@Suite struct ReproductionTests {
    typealias F = NEATFixture

    // MARK: Offspring allocation

    @Test func apportionLargestRemainder() {
        #expect(Reproduction.apportion([1, 1, 2], total: 10) == [3, 2, 5])
        #expect(Reproduction.apportion([1, 2, 3, 4], total: 7) == [1, 1, 2, 3])
        #expect(Reproduction.apportion([3.2, 0, 1.8], total: 150) == [96, 0, 54])
        #expect(Reproduction.apportion([0, 0, 0], total: 10) == [4, 3, 3])
        #expect(Reproduction.apportion([5], total: 150) == [150])
        #expect(Reproduction.apportion([], total: 150) == [])
        var rng = Xoshiro256(seed: 1)
        for _ in 0..<200 {
            let shares = (0..<(1 + rng.nextInt(below: 12))).map { _ in rng.nextUnit() * 10 }
            let counts = Reproduction.apportion(shares, total: 150)
            #expect(counts.reduce(0, +) == 150)
            // Each gets its exact quota rounded down or up.
            let sum = shares.reduce(0, +)
            for (s, c) in zip(shares, counts) {
                let exact = s / sum * 150
                #expect(Double(c) >= exact.rounded(.down) && Double(c) <= exact.rounded(.up))
            }
        }
    }

    /// Expected values printed by neat-python 2.0.0's `DefaultReproduction.compute_spawn`
    /// and `_adjust_spawn_exact` on the same inputs.
    static let neatPythonSpawn: [(af: [Double], sizes: [Int], pop: Int, min: Int, spawn: [Int], exact: [Int])] = [
        ([0.9, 0.3, 0.0], [50, 60, 40], 150, 2, [80, 49, 21], [80, 49, 21]),
        ([0.0, 0.0], [70, 80], 150, 2, [70, 80], [70, 80]),
        ([1.0, 0.5, 0.25, 0.125], [10, 20, 100, 20], 150, 2, [45, 30, 60, 15], [45, 30, 60, 15]),
        ([0.5, 0.5], [74, 76], 150, 1, [75, 75], [75, 75]),
        ([0.7, 0.2, 0.1], [3, 3, 144], 150, 2, [54, 17, 79], [54, 17, 79]),
        ([0.33, 0.33, 0.34], [50, 50, 50], 100, 1, [33, 33, 33], [34, 33, 33]),
        ([0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2], [21, 21, 21, 21, 21, 21, 24], 150, 2,
         [21, 21, 21, 21, 21, 21, 22], [22, 22, 21, 21, 21, 21, 22]),
        ([0.0, 1.0, 0.0, 0.0], [1, 147, 1, 1], 150, 2, [2, 144, 2, 2], [2, 144, 2, 2]),
        ([0.05, 0.9, 0.05], [10, 130, 10], 150, 5, [9, 132, 9], [9, 132, 9]),
        ([0.5, 0.25, 0.25], [30, 30, 30], 150, 1, [65, 42, 42], [65, 43, 42]),
        ([0.9, 0.05, 0.05], [148, 1, 1], 150, 2, [142, 4, 4], [142, 4, 4]),
        ([0.1, 0.2, 0.3, 0.4], [37, 37, 38, 38], 150, 1, [26, 33, 42, 49], [26, 33, 42, 49]),
    ]

    @Test func computeSpawnMatchesNeatPython() {
        for c in Self.neatPythonSpawn {
            let spawn = Reproduction.computeSpawn(adjustedFitness: c.af, previousSizes: c.sizes, popSize: c.pop, minSpeciesSize: c.min)
            #expect(spawn == c.spawn, "compute_spawn(\(c.af), \(c.sizes), \(c.pop), \(c.min))")
            #expect(Reproduction.adjustSpawnExact(spawn, popSize: c.pop, minSpeciesSize: c.min) == c.exact, "_adjust_spawn_exact \(spawn)")
        }
    }

    /// neat-python gives [10, 143] for ([0.01, 0.99], [5, 145], 150, 10) and then raises in
    /// `_adjust_spawn_exact` (one pass over the species cannot remove 3); this keeps
    /// removing from the largest species, never below the minimum.
    @Test func adjustSpawnExactKeepsPassing() {
        #expect(Reproduction.computeSpawn(adjustedFitness: [0.01, 0.99], previousSizes: [5, 145], popSize: 150, minSpeciesSize: 10) == [10, 143])
        #expect(Reproduction.adjustSpawnExact([10, 143], popSize: 150, minSpeciesSize: 10) == [10, 140])
        #expect(Reproduction.adjustSpawnExact([12, 12, 140], popSize: 150, minSpeciesSize: 10) == [10, 10, 130])
        // Impossible minimum: stops at the minimum rather than looping.
        #expect(Reproduction.adjustSpawnExact([10, 10], popSize: 15, minSpeciesSize: 10) == [10, 10])
    }

    // MARK: Paper: fitness sharing, champions, stagnation

    /// Genomes of species `tag` have one gene, innovation `tag` (input −1−tag → output),
    /// so a child's species can be read off its structure.
    static func member(id: Int, tag: Int, weight: Double, fitness: Double) -> Genome {
        F.genome(id: id, inputs: 4, [F.conn(tag, -1 - tag, 0, weight)], fitness: fitness)
    }

    static func paperConfig(population: Int) -> NEATConfig {
        var c = F.paper(inputs: 4, population: population)
        c.nodeAddProb = 0
        c.connAddProb = 0
        c.enabledMutateRate = 0
        c.interspeciesMatingRate = 0
        return c
    }

    /// Builds species over consecutive genomes; `groups` holds each species' fitnesses.
    static func population(_ groups: [[Double]], created: Int = 0) -> ([Genome], [Species]) {
        var genomes = [Genome]()
        var species = [Species]()
        for (tag, fits) in groups.enumerated() {
            let start = genomes.count
            for (k, f) in fits.enumerated() {
                genomes.append(member(id: start + k, tag: tag, weight: Double(start + k) / 100 + 0.005, fitness: f))
            }
            species.append(Species(id: tag, representative: genomes[start], members: Array(start..<genomes.count), created: created))
        }
        return (genomes, species)
    }

    static func reproduce(_ config: NEATConfig, _ genomes: [Genome], _ species: inout [Species], generation: Int = 0,
                          seed: UInt64 = 1) -> [Genome] {
        var state = Reproduction.State(nextGenomeID: 1000)
        var tracker = InnovationTracker(nextInnovation: 10, nextNodeID: 1)
        var rng = Xoshiro256(seed: seed)
        tracker.startGeneration()
        return Reproduction(config: config).reproduce(genomes: genomes, species: &species, generation: generation,
                                                      state: &state, tracker: &tracker, rng: &rng)
    }

    /// f'ᵢ = fᵢ / |S|; offspring in proportion to Σ f'ᵢ: species A (4, 2) → 3, species
    /// B (3, 1, 2) → 2, so 10 offspring split 6 : 4.
    @Test func paperFitnessSharingAndAllocation() {
        var (genomes, species) = Self.population([[4, 2], [3, 1, 2]])
        let next = Self.reproduce(Self.paperConfig(population: 10), genomes, &species)
        #expect(species.count == 2)
        #expect(abs(species[0].adjustedFitness - 3) < 1e-12)
        #expect(abs(species[1].adjustedFitness - 2) < 1e-12)
        #expect(next.count == 10)
        #expect(next.filter { $0.connections[0].innovation == 0 }.count == 6)
        #expect(next.filter { $0.connections[0].innovation == 1 }.count == 4)
        #expect(next.allSatisfy { $0.fitness == nil })
        #expect(Set(next.map(\.id)) == Set(1000..<1010))
        _ = genomes
    }

    /// Negative fitnesses are shifted by the population minimum before sharing:
    /// A (−1, −3) → (2 + 0) / 2 = 1, B (1) → 4: 10 offspring split 2 : 8.
    @Test func paperSharingShiftsNegativeFitness() {
        var (genomes, species) = Self.population([[-1, -3], [1]])
        let next = Self.reproduce(Self.paperConfig(population: 10), genomes, &species)
        #expect(species.map(\.adjustedFitness) == [1, 4])
        #expect(next.filter { $0.connections[0].innovation == 0 }.count == 2)
        #expect(next.filter { $0.connections[0].innovation == 1 }.count == 8)
        _ = genomes
    }

    /// The champion of a species with more than five members is copied unchanged;
    /// one with five is not (every other child here changes every weight).
    @Test func paperChampionCopy() {
        var config = Self.paperConfig(population: 11)
        config.weightMutationProbability = 1
        config.weightSchedule = .perGene
        config.weight.mutateRate = 1
        config.weight.replaceRate = 0
        config.mateOnlyProbability = 0
        for seed in UInt64(0)..<20 {
            // Equal shares: 6 members of fitness 1…6 (Σ/6 = 3.5), 5 members (Σ/5 = 3.5).
            var (genomes, species) = Self.population([[1, 2, 3, 6, 4, 5], [3.5, 1.5, 5.5, 2.5, 4.5]])
            let next = Self.reproduce(config, genomes, &species, seed: seed)
            #expect(next.count == 11)
            let champA = genomes[3], champB = genomes[8]
            #expect(next[0].connections == champA.connections)
            #expect(next[0].nodes == champA.nodes)
            #expect(next[0].id == 1000)
            #expect(next.filter { $0.connections == champA.connections }.count == 1)
            #expect(!next.contains { $0.connections == champB.connections })
        }
    }

    @Test func paperStagnation() {
        let config = Self.paperConfig(population: 10)
        func make(_ fits: [[Double]]) -> ([Genome], [Species]) {
            var (g, s) = Self.population(fits)
            s[0].bestFitness = 5; s[0].lastImproved = 0
            s[1].bestFitness = 5; s[1].lastImproved = 0
            return (g, s)
        }
        // Species 0 (max 2 < its best 5) has not improved since generation 0; species 1 improves now.
        var (g, s) = make([[1, 2], [10]])
        #expect(Reproduction(config: config).updateStagnation(genomes: g, species: &s, generation: 14) == [true, true])
        (g, s) = make([[1, 2], [10]])
        #expect(Reproduction(config: config).updateStagnation(genomes: g, species: &s, generation: 15) == [false, true])
        #expect(s[1].lastImproved == 15 && s[1].bestFitness == 10)
        #expect(s[0].lastImproved == 0 && s[0].bestFitness == 5 && s[0].fitness == 2)
        // Even when it holds the population's champion.
        (g, s) = make([[1, 4.5], [3]])
        s[0].bestFitness = 6
        #expect(Reproduction(config: config).updateStagnation(genomes: g, species: &s, generation: 15) == [false, false])
        // When every species is stagnant, they all reproduce.
        let all = Self.reproduce(config, g, &s, generation: 15)
        #expect(s.map(\.id) == [0, 1] && all.count == 10)

        // A stagnant species gets no offspring and is dropped.
        (g, s) = make([[1, 2], [10]])
        let next = Self.reproduce(config, g, &s, generation: 20)
        #expect(s.map(\.id) == [1])
        #expect(next.count == 10)
        #expect(next.allSatisfy { $0.connections[0].innovation == 1 })
    }

    /// Delta coding: a population that has not improved for 20 generations is rebuilt
    /// from the champions of its two best species, half each; all but one child of each
    /// are mutated copies (weights, or one added connection), one is an exact copy.
    @Test func paperDeltaCoding() {
        var config = Self.paperConfig(population: 10)
        config.connAddProb = 0.05
        // Species 1 (max 9) and 2 (max 7) are the best two; species 0 (max 4) gets nothing.
        var (genomes, species) = Self.population([[4, 1], [9, 2, 3], [7, 5]])
        var state = Reproduction.State(nextGenomeID: 1000)
        state.populationBest = 20
        state.populationLastImproved = 5
        var tracker = InnovationTracker(nextInnovation: 10, nextNodeID: 1)
        var rng = Xoshiro256(seed: 3)
        tracker.startGeneration()
        let next = Reproduction(config: config).reproduce(genomes: genomes, species: &species, generation: 25,
                                                          state: &state, tracker: &tracker, rng: &rng)
        #expect(species.map(\.id) == [1, 2])
        #expect(species.allSatisfy { $0.lastImproved == 25 })
        #expect(state.populationLastImproved == 25)
        #expect(next.count == 10)
        let first = next.prefix(5), second = next.suffix(5)
        #expect(first.allSatisfy { $0.connections[0].innovation == 1 })
        #expect(second.allSatisfy { $0.connections[0].innovation == 2 })
        #expect(first.filter { $0.connections == genomes[2].connections }.count >= 1)
        #expect(first.last?.connections == genomes[2].connections)
        #expect(second.last?.connections == genomes[5].connections)
        #expect(next.allSatisfy { $0.fitness == nil })
    }

    /// The paper's 25% of offspring by mutation alone: with no mutation at all, a
    /// mutation-only child is a clone of one parent; a crossover child of two parents
    /// with different weights is not (each gene is picked at random).
    @Test func paperMutationOnlyFraction() {
        var config = Self.paperConfig(population: 2000)
        config.weightMutationProbability = 0
        config.mateOnlyProbability = 1
        config.championCopyMinSpeciesSize = 1_000_000
        config.survivalThreshold = 1
        // Two genes per genome so a crossover child can differ from both parents.
        let genomes = (0..<10).map { i in
            F.genome(id: i, [F.conn(0, -1, 0, Double(i)), F.conn(1, -2, 0, Double(i) + 0.5)], fitness: Double(i + 1))
        }
        var species = [Species(id: 0, representative: genomes[0], members: Array(0..<10), created: 0)]
        let next = Self.reproduce(config, genomes, &species)
        let clones = next.filter { c in genomes.contains { $0.connections == c.connections } }.count
        // Clones: 25% mutation-only, plus crossovers that took both genes from one parent (½ of 75%).
        // Expected 0.25 + 0.75·0.5 = 0.625 of 2000 = 1250, σ ≈ 22.
        #expect((1140...1360).contains(clones), "\(clones) clones of 2000")
    }

    // MARK: neat-python

    /// neat-python's `DefaultStagnation.update` on the same four species gave, for
    /// species_elitism 0…3 (species 2 and 3 and 1 stagnant, 4 improving):
    /// 0 → [1 stagnant, 2 stagnant, 3 stagnant, 4 not], 1 → species 1 spared,
    /// 2 → species 1 and 3 spared, 3 → the same.
    @Test(arguments: [(0, [false, false, false, true]), (1, [true, false, false, true]),
                      (2, [true, false, true, true]), (3, [true, false, true, true])])
    func neatPythonSpeciesElitism(elitism: Int, expected: [Bool]) {
        var config = F.neatPython(inputs: 4)
        config.maxStagnation = 15
        config.speciesElitism = elitism
        var (genomes, species) = Self.population([[5, 4], [1, 0.5], [3], [2]])
        for k in 0..<3 { species[k].bestFitness = 9 }
        species[3].bestFitness = 1
        let alive = Reproduction(config: config).updateStagnation(genomes: genomes, species: &species, generation: 15)
        #expect(alive == expected)
    }

    /// neat-python's adjusted fitness: (mean species fitness − min) / max(1, max − min)
    /// over the surviving species' members, and its spawn rules.
    @Test func neatPythonAdjustedFitnessAndSpawn() {
        var config = F.neatPython(inputs: 4, population: 20)
        config.elitism = 0
        config.minSpeciesSize = 2
        config.maxStagnation = 100
        config.connAddProb = 0; config.connDeleteProb = 0; config.nodeAddProb = 0; config.nodeDeleteProb = 0
        var (genomes, species) = Self.population([[1, 3], [5, 7, 9], [0]])
        let next = Self.reproduce(config, genomes, &species)
        #expect(species.map(\.adjustedFitness) == [2.0 / 9, 7.0 / 9, 0])
        let raw = Reproduction.computeSpawn(adjustedFitness: [2.0 / 9, 7.0 / 9, 0], previousSizes: [2, 3, 1], popSize: 20, minSpeciesSize: 2)
        let exact = Reproduction.adjustSpawnExact(raw, popSize: 20, minSpeciesSize: 2)
        #expect(exact.reduce(0, +) == 20)
        #expect(next.count == 20)
        for tag in 0..<3 {
            #expect(next.filter { $0.connections.first?.innovation == tag }.count == exact[tag])
        }
        _ = genomes
    }

    /// Elites keep their genome (and id); on equal fitness the higher id wins, as
    /// neat-python sorts members by (fitness, key) descending.
    @Test func neatPythonElitismTieBreak() {
        var config = F.neatPython(inputs: 4, population: 6)
        config.elitism = 1
        config.minSpeciesSize = 1
        config.maxStagnation = 100
        let genomes = [Self.member(id: 10, tag: 0, weight: 0.1, fitness: 5), Self.member(id: 20, tag: 0, weight: 0.2, fitness: 5),
                       Self.member(id: 30, tag: 0, weight: 0.3, fitness: 1)]
        var species = [Species(id: 0, representative: genomes[0], members: [0, 1, 2], created: 0)]
        let next = Self.reproduce(config, genomes, &species)
        #expect(next.count == 6)
        #expect(next[0].id == 20)
        #expect(next[0].connections == genomes[1].connections)
        #expect(next[0].fitness == nil)
        #expect(!next.contains { $0.id == 10 || $0.id == 30 })
    }

    /// neat-python reproduces the species in its stagnation order, ascending species
    /// fitness: the less fit species 1 breeds first, so its children get the lower genome
    /// ids (and come first in the next speciation). The species list stays in id order.
    @Test func neatPythonBreedsInAscendingFitnessOrder() {
        var config = F.neatPython(inputs: 4, population: 10)
        config.elitism = 0
        config.maxStagnation = 100
        config.connAddProb = 0; config.connDeleteProb = 0; config.nodeAddProb = 0; config.nodeDeleteProb = 0
        var (genomes, species) = Self.population([[5, 4], [1, 0.5], [3, 2]])
        let next = Self.reproduce(config, genomes, &species)
        #expect(species.map(\.id) == [0, 1, 2])
        #expect(next.map(\.id) == Array(1000..<(1000 + next.count)))
        // Tags (species) in breeding order: 1 (max 1), then 2 (max 3), then 0 (max 5).
        var tags = [Int]()
        for g in next where tags.last != g.connections[0].innovation { tags.append(g.connections[0].innovation) }
        #expect(tags == [1, 2, 0])
        _ = genomes
    }

    /// Complete stagnation with species_elitism 0: nothing reproduces.
    @Test func neatPythonExtinction() {
        var config = F.neatPython(inputs: 4, population: 10)
        config.speciesElitism = 0
        config.maxStagnation = 15
        var (genomes, species) = Self.population([[1], [2]])
        for k in species.indices { species[k].bestFitness = 9 }
        let next = Self.reproduce(config, genomes, &species, generation: 15)
        #expect(next.isEmpty)
        #expect(species.isEmpty)
        _ = genomes
    }
}

@Suite struct ReproductionRankTests {
    /// The first k by descending (fitness, id) are those of a full sort, for any k.
    @Test func topKMatchesFullSort() {
        var rng = Xoshiro256(seed: 4)
        let genomes = (0..<80).map { i in
            Genome(id: (i * 53) % 97, numInputs: 1, numOutputs: 1, nodes: [], connections: [],
                   fitness: Double(rng.nextInt(below: 6)))  // many ties: ids decide
        }
        let members = Array(genomes.indices.shuffled(using: &rng))
        let full = members.sorted {
            let a = genomes[$0].fitness!, b = genomes[$1].fitness!
            return a != b ? a > b : genomes[$0].id > genomes[$1].id
        }
        var keys = [Reproduction.RankKey](), order = [Int]()
        for top in [0, 1, 2, 5, 16, 33, 80, 200] {
            Reproduction.rankByFitness(members, genomes: genomes, top: top, keys: &keys, into: &order)
            #expect(order == Array(full.prefix(top)))
        }
    }

    /// With a NaN fitness the order is not total: the members are ordered exactly as the
    /// standard library's sort with neat-python's comparison orders them.
    @Test func nanFitnessFallsBackToTheFullSort() {
        var rng = Xoshiro256(seed: 9)
        let genomes = (0..<40).map { i in
            Genome(id: (i * 31) % 41, numInputs: 1, numOutputs: 1, nodes: [], connections: [],
                   fitness: i % 7 == 3 ? .nan : Double(rng.nextInt(below: 5)))
        }
        let members = Array(genomes.indices.shuffled(using: &rng))
        let full = members.sorted {
            let a = genomes[$0].fitness!, b = genomes[$1].fitness!
            return a != b ? a > b : genomes[$0].id > genomes[$1].id
        }
        var keys = [Reproduction.RankKey](), order = [Int]()
        for top in [1, 3, 8, 40] {
            Reproduction.rankByFitness(members, genomes: genomes, top: top, keys: &keys, into: &order)
            #expect(order == Array(full.prefix(top)), "top \(top)")
        }
    }
}
