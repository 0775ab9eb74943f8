import Testing
@testable import Engine

@Suite struct PaperReproductionTests {
    typealias F = NEATFixture
    typealias R = ReproductionFixture

    @Test func apportionLargestRemainder() {
        #expect(PaperReproduction.apportion([1, 1, 2], total: 10) == [3, 2, 5])
        #expect(PaperReproduction.apportion([1, 2, 3, 4], total: 7) == [1, 1, 2, 3])
        #expect(PaperReproduction.apportion([3.2, 0, 1.8], total: 150) == [96, 0, 54])
        #expect(PaperReproduction.apportion([0, 0, 0], total: 10) == [4, 3, 3])
        #expect(PaperReproduction.apportion([5], total: 150) == [150])
        #expect(PaperReproduction.apportion([], total: 150) == [])
        var rng = Xoshiro256(seed: 1)
        for _ in 0..<200 {
            let shares = (0..<(1 + rng.nextInt(below: 12))).map { _ in rng.nextUnit() * 10 }
            let counts = PaperReproduction.apportion(shares, total: 150)
            #expect(counts.reduce(0, +) == 150)
            // Each gets its exact quota rounded down or up.
            let sum = shares.reduce(0, +)
            for (s, c) in zip(shares, counts) {
                let exact = s / sum * 150
                #expect(Double(c) >= exact.rounded(.down) && Double(c) <= exact.rounded(.up))
            }
        }
    }

    static func paperConfig(population: Int) -> NEATConfig {
        var c = F.paper(inputs: 4, population: population)
        c.nodeAddProb = 0
        c.connAddProb = 0
        c.enabledMutateRate = 0
        c.interspeciesMatingRate = 0
        return c
    }

    /// f'ᵢ = fᵢ / |S|; offspring in proportion to Σ f'ᵢ: species A (4, 2) → 3, species
    /// B (3, 1, 2) → 2, so 10 offspring split 6 : 4.
    @Test func paperFitnessSharingAndAllocation() {
        var (genomes, species) = R.population([[4, 2], [3, 1, 2]])
        let next = R.reproduce(Self.paperConfig(population: 10), genomes, &species)
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
        var (genomes, species) = R.population([[-1, -3], [1]])
        let next = R.reproduce(Self.paperConfig(population: 10), genomes, &species)
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
            var (genomes, species) = R.population([[1, 2, 3, 6, 4, 5], [3.5, 1.5, 5.5, 2.5, 4.5]])
            let next = R.reproduce(config, genomes, &species, seed: seed)
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
            var (g, s) = R.population(fits)
            s[0].bestFitness = 5; s[0].lastImproved = 0
            s[1].bestFitness = 5; s[1].lastImproved = 0
            return (g, s)
        }
        // Species 0 (max 2 < its best 5) has not improved since generation 0; species 1 improves now.
        var (g, s) = make([[1, 2], [10]])
        #expect(F.stagnation(config, genomes: g, species: &s, generation: 14) == [true, true])
        (g, s) = make([[1, 2], [10]])
        #expect(F.stagnation(config, genomes: g, species: &s, generation: 15) == [false, true])
        #expect(s[1].lastImproved == 15 && s[1].bestFitness == 10)
        #expect(s[0].lastImproved == 0 && s[0].bestFitness == 5 && s[0].fitness == 2)
        // Even when it holds the population's champion.
        (g, s) = make([[1, 4.5], [3]])
        s[0].bestFitness = 6
        #expect(F.stagnation(config, genomes: g, species: &s, generation: 15) == [false, false])
        // When every species is stagnant, they all reproduce.
        let all = R.reproduce(config, g, &s, generation: 15)
        #expect(s.map(\.id) == [0, 1] && all.count == 10)

        // A stagnant species gets no offspring and is dropped.
        (g, s) = make([[1, 2], [10]])
        let next = R.reproduce(config, g, &s, generation: 20)
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
        var (genomes, species) = R.population([[4, 1], [9, 2, 3], [7, 5]])
        var state = ReproductionState(nextGenomeID: 1000)
        state.populationBest = 20
        state.populationLastImproved = 5
        var tracker = InnovationTracker(nextInnovation: 10, nextNodeID: 1)
        var rng = Xoshiro256(seed: 3)
        tracker.startGeneration()
        let next = F.breed(config, genomes: genomes, species: &species, generation: 25,
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
        let next = R.reproduce(config, genomes, &species)
        let clones = next.filter { c in genomes.contains { $0.connections == c.connections } }.count
        // Clones: 25% mutation-only, plus crossovers that took both genes from one parent (½ of 75%).
        // Expected 0.25 + 0.75·0.5 = 0.625 of 2000 = 1250, σ ≈ 22.
        #expect((1140...1360).contains(clones), "\(clones) clones of 2000")
    }
}
