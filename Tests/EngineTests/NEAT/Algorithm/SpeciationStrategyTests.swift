import Testing
@testable import Engine

/// Both algorithms' speciation strategies (`PaperSpeciation`, `NeatPythonSpeciation`).
@Suite struct SpeciationStrategyTests {
    typealias F = NEATFixture

    /// Two genes, inputs −1 and −2 → output 0, with weights (w, w): with c3 = 0.4 and
    /// both semantics' formulas, the distance between two of these is 0.4·|Δw|.
    static func g(_ id: Int, _ w: Double) -> Genome {
        F.genome(id: id, [F.conn(0, -1, 0, w), F.conn(1, -2, 0, w)])
    }

    static func config(_ semantics: NEATConfig.Semantics) -> NEATConfig {
        var c = semantics == .paper ? F.paper() : F.neatPython()
        c.compatibilityWeightCoefficient = 0.4
        c.compatibilityThreshold = 3
        return c
    }

    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func separatesDistantGroups(semantics: NEATConfig.Semantics) {
        let genomes = [Self.g(0, 0), Self.g(1, 20), Self.g(2, 1), Self.g(3, 21), Self.g(4, 40)]
        var species = [Species]()
        let next = F.speciate(Self.config(semantics), genomes, species: &species, nextSpeciesID: 7, generation: 3)
        #expect(next == 10)
        #expect(species.map(\.id) == [7, 8, 9])
        #expect(species.map(\.members) == [[0, 2], [1, 3], [4]])
        #expect(species.allSatisfy { $0.created == 3 && $0.lastImproved == 3 })
        for s in species { #expect(s.members.contains { genomes[$0] == s.representative }) }
    }

    /// Paper: a genome joins the first species whose representative is within δt,
    /// and species nobody joins disappear. neat-python: each species first takes the
    /// genome closest to its old representative as the new one, then genomes join the
    /// closest compatible species.
    @Test func firstFitVersusClosest() {
        let old = [Species(id: 0, representative: Self.g(100, 0), members: [], created: 0),
                   Species(id: 1, representative: Self.g(101, 5), members: [], created: 0)]
        // c: 1.6 from species 0, 0.4 from species 1; x1 near species 0; x2 near species 1
        // but still within δt of species 0 (2.04).
        let genomes = [Self.g(1, 4), Self.g(2, 0.1), Self.g(3, 5.1)]

        var paper = old
        _ = F.speciate(Self.config(.paper), genomes, species: &paper, nextSpeciesID: 2, generation: 1)
        #expect(paper.map(\.id) == [0])
        #expect(paper.map(\.members) == [[0, 1, 2]])

        var np = old
        let next = F.speciate(Self.config(.neatPython), genomes, species: &np, nextSpeciesID: 2, generation: 1)
        #expect(next == 2)
        #expect(np.map(\.id) == [0, 1])
        #expect(np.map(\.members) == [[1], [2, 0]])
        #expect(np.map(\.representative.id) == [2, 3])
    }

    /// Paper: speciation leaves representatives alone (Population sets them to each
    /// species' best genome once a generation is evaluated).
    @Test func paperKeepsRepresentatives() {
        let genomes = (0..<10).map { Self.g($0, Double($0) * 0.01) }
        var species = [Species(id: 0, representative: genomes[7], members: [], created: 0)]
        _ = F.speciate(Self.config(.paper), genomes, species: &species, nextSpeciesID: 1, generation: 1)
        #expect(species.count == 1)
        #expect(species[0].members == Array(0..<10))
        #expect(species[0].representative.id == 7)
    }

    /// neat-python visits genomes in ascending genome id, whatever their array order:
    /// the lower id founds the first species, and of two equally close genomes the
    /// lower id becomes the representative.
    @Test func neatPythonVisitsGenomesByID() {
        var species = [Species]()
        let config = Self.config(.neatPython)
        _ = F.speciate(config, [Self.g(5, 0), Self.g(1, 20)], species: &species, nextSpeciesID: 0, generation: 0)
        #expect(species.map(\.members) == [[1], [0]])
        #expect(species.map(\.representative.id) == [1, 5])

        var existing = [Species(id: 4, representative: Self.g(50, 0), members: [], created: 0)]
        _ = F.speciate(config, [Self.g(9, 1), Self.g(3, 1), Self.g(6, 1)], species: &existing, nextSpeciesID: 5, generation: 1)
        #expect(existing.count == 1)
        #expect(existing[0].representative.id == 3)
        #expect(existing[0].members == [1, 2, 0])
    }

    /// Every genome lands in exactly one species.
    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func partitionsThePopulation(semantics: NEATConfig.Semantics) {
        var config = semantics == .paper ? F.paper(inputs: 3, outputs: 2) : F.neatPython(inputs: 3, outputs: 2)
        config.compatibilityThreshold = 1.0
        var genomes = [Genome]()
        for seed in UInt64(0)..<60 {
            var t = F.factory(config).makeTracker()
            var g = F.grown(seed: seed, steps: Int(seed % 7), config: config, tracker: &t)
            g.id = Int(seed)
            genomes.append(g)
        }
        var species = [Species]()
        _ = F.speciate(config, genomes, species: &species, nextSpeciesID: 0, generation: 0)
        let all = species.flatMap(\.members).sorted()
        #expect(all == Array(genomes.indices))
        #expect(species.count > 1)
        #expect(species.allSatisfy { !$0.members.isEmpty })
    }
}
