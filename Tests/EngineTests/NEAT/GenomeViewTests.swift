import Testing
@testable import Engine
@testable import EngineKernels

@Suite struct GenomeViewTests {
    /// Both views (the unretained one and the one valid for a call) show exactly the
    /// genome's genes, id, fitness and shape, for grown genomes and an empty one.
    @Test func viewsShowTheGenomeExactly() {
        let config = NEATFixture.neatPython(inputs: 3)
        var genomes = GenomeRecyclerTests.grownGenomes(count: 9, config: config, seed: 21)
        genomes.append(Genome(id: 77, numInputs: 3, numOutputs: 1, nodes: [], connections: [], fitness: nil))
        func check(_ v: GenomeView, _ g: Genome) {
            #expect(Array(v.nodes) == g.nodes && Array(v.connections) == g.connections)
            #expect(v.id == g.id && v.fitness == g.fitness && v.numInputs == g.numInputs && v.numOutputs == g.numOutputs)
        }
        genomes.withUnsafeBufferPointer { gs in
            for i in gs.indices { check(gs[i].unsafeView, genomes[i]) }
        }
        for g in genomes { g.withView { check($0, g) } }
    }

    /// A child bred from views, and a network compiled from a view, are the ones made
    /// from the genomes themselves.
    @Test func breedingAndCompilingFromViewsGiveTheSameResults() {
        let config = NEATFixture.neatPython(inputs: 3)
        let genomes = GenomeRecyclerTests.grownGenomes(count: 9, config: config, seed: 21)
        genomes.withUnsafeBufferPointer { gs in
            for k in 0..<gs.count {
                let a = k, b = (k * 4 + 1) % gs.count
                var r1 = Xoshiro256(seed: UInt64(k)), r2 = r1
                var spare1 = GenomeRecycler(), spare2 = GenomeRecycler()
                let fromViews = Crossover<NeatPythonGeneInheritance>().cross(gs[a].unsafeView, gs[b].unsafeView, childID: 99,
                                                                                  config: config, recycler: &spare1, rng: &r1)
                let fromGenomes = NEATFixture.cross(genomes[a], genomes[b], childID: 99, config: config, recycler: &spare2, rng: &r2)
                #expect(fromViews == fromGenomes && r1 == r2)

                var w1 = CompiledNetwork.Workspace(), w2 = CompiledNetwork.Workspace()
                var viaView = CompiledNetwork(empty: ()), viaGenome = CompiledNetwork(empty: ())
                viaView.recompile(gs[k].unsafeView, workspace: &w1)
                viaGenome.recompile(genomes[k], workspace: &w2)
                #expect(viaView.nodeStart == viaGenome.nodeStart && viaView.connSource == viaGenome.connSource)
                #expect(viaView.connWeight == viaGenome.connWeight && viaView.outputSlots == viaGenome.outputSlots)
                #expect(viaView.activate([0.25, -1.0, 0.5]) == viaGenome.activate([0.25, -1.0, 0.5]))
            }
        }
    }
}
