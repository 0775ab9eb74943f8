import Testing
@testable import Engine

@Suite struct NeatPythonAddNodeMutationTests {
    typealias F = NEATFixture

    @Test func neatPythonMaySplitDisabledGenes() {
        let config = F.neatPython()
        var splitDisabled = 0
        for seed in UInt64(0)..<60 {
            var t = InnovationTracker(nextInnovation: 3, nextNodeID: 1)
            var g = F.genome([F.conn(0, -1, 0, enabled: false), F.conn(1, -2, 0, 0.3)])
            var rng = Xoshiro256(seed: seed)
            #expect(F.addNode(&g, config: config, tracker: &t, rng: &rng))
            #expect(g.validate() == nil)
            if g.connections.first(where: { $0.innovation == 3 })?.from == -1 { splitDisabled += 1 }
        }
        #expect(splitDisabled > 10 && splitDisabled < 50)
    }

    /// neat-python 2.0 starts the new node with bias 0 whatever bias_init says;
    /// its response is a fresh response_init value.
    @Test func neatPythonNewNodeAttributes() {
        var config = F.neatPython()
        config.bias = AttributeConfig(initMean: 5, initStdev: 1, maxValue: 30, minValue: -30, mutatePower: 0.5, mutateRate: 0.7, replaceRate: 0.1)
        config.response = AttributeConfig(initMean: 2, initStdev: 0, maxValue: 30, minValue: -30, mutatePower: 0, mutateRate: 0, replaceRate: 0)
        var t = InnovationTracker(nextInnovation: 1, nextNodeID: 1)
        var g = F.genome([F.conn(0, -1, 0)])
        var rng = Xoshiro256(seed: 9)
        #expect(F.addNode(&g, config: config, tracker: &t, rng: &rng))
        #expect(g.nodes[1] == F.node(1, bias: 0, response: 2))
        // Paper: the configured constants.
        var paper = F.paper()
        paper.bias = .constant(0.25)
        var p = F.genome([F.conn(0, -1, 0)])
        t.startGeneration()
        // The paper's choice gives up 30% of the time (and then changes nothing): try until it splits.
        var split = false
        for _ in 0..<20 where !split { split = F.addNode(&p, config: paper, tracker: &t, rng: &rng) }
        #expect(split)
        #expect(p.nodes.count == 2 && p.nodes[1].bias == 0.25)
    }

    @Test func neatPythonSurerAddsAConnectionWhenThereIsNone() {
        var config = F.neatPython(inputs: 1)
        config.structuralMutationSurer = true
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        var g = F.genome(inputs: 1, [])
        var rng = Xoshiro256(seed: 1)
        #expect(F.addNode(&g, config: config, tracker: &t, rng: &rng))
        #expect(g.connections.map { [$0.from, $0.to] } == [[-1, 0]])
        config.structuralMutationSurer = false
        var h = F.genome(inputs: 1, [])
        #expect(!F.addNode(&h, config: config, tracker: &t, rng: &rng))
        #expect(h.connections.isEmpty)
    }

    /// neat-python: two genomes splitting the same connection in one generation get
    /// different nodes (its global node indexer); the paper shares one node.
    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func sameSplitInTwoGenomes(semantics: NEATConfig.Semantics) {
        var config = NEATConfig.paper(inputs: 1, outputs: 1)
        config.semantics = semantics
        let base = Genome(id: 0, numInputs: 1, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .sigmoid)],
                          connections: [ConnectionGene(innovation: 0, from: -1, to: 0, weight: 0.5)])
        var tracker = InnovationTracker(nextInnovation: 1, nextNodeID: 1)
        var rng = Xoshiro256(seed: 1)
        var a = base, b = base
        #expect(NEATFixture.addNode(&a, config: config, tracker: &tracker, rng: &rng))
        #expect(NEATFixture.addNode(&b, config: config, tracker: &tracker, rng: &rng))
        let newA = a.nodes.last!.id, newB = b.nodes.last!.id
        if semantics == .paper {
            #expect(newA == newB)
            #expect(a.connections.map(\.innovation) == b.connections.map(\.innovation))
        } else {
            #expect(newA != newB)
            #expect(Set(a.connections.map(\.innovation)).intersection(b.connections.map(\.innovation)) == [0])
        }
        #expect(a.validate() == nil && b.validate() == nil)
    }
}
