import Testing
@testable import Engine

@Suite struct NeatPythonReproductionTests {
    typealias F = NEATFixture
    typealias R = ReproductionFixture

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
        var (genomes, species) = R.population([[5, 4], [1, 0.5], [3], [2]])
        for k in 0..<3 { species[k].bestFitness = 9 }
        species[3].bestFitness = 1
        let alive = F.stagnation(config, genomes: genomes, species: &species, generation: 15)
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
        var (genomes, species) = R.population([[1, 3], [5, 7, 9], [0]])
        let next = R.reproduce(config, genomes, &species)
        #expect(species.map(\.adjustedFitness) == [2.0 / 9, 7.0 / 9, 0])
        let raw = NeatPythonSpawn.compute(adjustedFitness: [2.0 / 9, 7.0 / 9, 0], previousSizes: [2, 3, 1], popSize: 20, minSpeciesSize: 2)
        let exact = NeatPythonSpawn.adjustExact(raw, popSize: 20, minSpeciesSize: 2)
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
        let genomes = [R.member(id: 10, tag: 0, weight: 0.1, fitness: 5), R.member(id: 20, tag: 0, weight: 0.2, fitness: 5),
                       R.member(id: 30, tag: 0, weight: 0.3, fitness: 1)]
        var species = [Species(id: 0, representative: genomes[0], members: [0, 1, 2], created: 0)]
        let next = R.reproduce(config, genomes, &species)
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
        var (genomes, species) = R.population([[5, 4], [1, 0.5], [3, 2]])
        let next = R.reproduce(config, genomes, &species)
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
        var (genomes, species) = R.population([[1], [2]])
        for k in species.indices { species[k].bestFitness = 9 }
        let next = R.reproduce(config, genomes, &species, generation: 15)
        #expect(next.isEmpty)
        #expect(species.isEmpty)
        _ = genomes
    }
}
