import Testing
@testable import Engine

@Suite struct ReproductionParentGenesTests {
    /// The parents' buffer hands back exactly the genes, fitness and shape of each
    /// genome added, after a reset too, and a child bred from it is the child bred
    /// from the genomes themselves.
    @Test func parentGenesReadBackEveryParentExactly() {
        let config = NEATFixture.neatPython(inputs: 3)
        let genomes = GenomeRecyclerTests.grownGenomes(count: 9, config: config, seed: 21)
        var parents = Reproduction.ParentGenes()
        for round in 0..<2 {
            parents.reset()
            let chosen = round == 0 ? Array(genomes.indices) : [4, 0, 8]
            for i in chosen { parents.add(genomes[i]) }
            parents.withParents { parent in
                for (k, i) in chosen.enumerated() {
                    let p = parent(k), g = genomes[i]
                    #expect(Array(p.nodes) == g.nodes && Array(p.connections) == g.connections)
                    #expect(p.fitness == g.fitness && p.numInputs == g.numInputs && p.numOutputs == g.numOutputs)
                }
                var r1 = Xoshiro256(seed: 3), r2 = Xoshiro256(seed: 3)
                var spare1 = GenomeRecycler(), spare2 = GenomeRecycler()
                let fromBuffer = Crossover().cross(parent(0), parent(1), childID: 99, config: config, recycler: &spare1, rng: &r1)
                let fromGenomes = Crossover().cross(genomes[chosen[0]], genomes[chosen[1]], childID: 99, config: config,
                                                    recycler: &spare2, rng: &r2)
                #expect(fromBuffer == fromGenomes && r1 == r2)
            }
        }
    }
}
