import Testing
@testable import Engine

@Suite struct AddNodeMutationTests {
    typealias F = NEATFixture

    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func splitInvariants(semantics: NEATConfig.Semantics) {
        var config = F.paper()
        config.semantics = semantics
        for seed in UInt64(0)..<50 {
            var t = InnovationTracker(nextInnovation: 20, nextNodeID: 7)
            var g = F.genome(hidden: [5, 6], [F.conn(0, -1, 5, 0.7), F.conn(1, 5, 0, -1.3), F.conn(2, -2, 6, 2.1),
                                              F.conn(3, 6, 0, 0.4), F.conn(4, -1, 0, -0.9)])
            let before = g
            var rng = Xoshiro256(seed: seed)
            #expect(AddNodeMutation().mutate(&g, config: config, tracker: &t, rng: &rng))
            #expect(g.validate() == nil)
            #expect(g.nodes.count == before.nodes.count + 1)
            #expect(g.connections.count == before.connections.count + 2)
            // Exactly one old gene got disabled; the rest are unchanged.
            let changed = before.connections.indices.filter { before.connections[$0] != g.connections[$0] }
            #expect(changed.count == 1)
            guard let k = changed.first else { continue }
            let old = before.connections[k]
            #expect(g.connections[k] == { var c = old; c.enabled = false; return c }())
            // The new node is 7 with innovations 20 (in → new, weight 1) and 21 (new → out, the old weight).
            #expect(g.nodes.last?.id == 7)
            #expect(g.nodes.last?.activation == config.activationDefault)
            #expect(g.connections[g.connections.count - 2] == F.conn(20, old.from, 7, 1))
            #expect(g.connections[g.connections.count - 1] == F.conn(21, 7, old.to, old.weight))
            #expect(t.nextNodeID == 8 && t.nextInnovation == 22)
        }
    }

    /// Paper mode splits an enabled gene or does nothing: from the first enabled gene
    /// (1) the walk moves on with probability 0.3 and then lands on a disabled one (2).
    @Test func paperSplitsOnlyEnabledGenes() {
        let config = F.paper()
        var split = 0
        for seed in UInt64(0)..<40 {
            var t = InnovationTracker(nextInnovation: 3, nextNodeID: 1)
            var g = F.genome([F.conn(0, -1, 0, enabled: false), F.conn(1, -2, 0, 0.3), F.conn(2, -3, 0, enabled: false)])
            g = Genome(id: 0, numInputs: 3, numOutputs: 1, nodes: g.nodes, connections: g.connections)
            let before = g
            var rng = Xoshiro256(seed: seed)
            if AddNodeMutation().mutate(&g, config: config, tracker: &t, rng: &rng) {
                split += 1
                #expect(g.connections.first { $0.innovation == 3 }?.from == -2)
            } else {
                #expect(g == before)
            }
        }
        #expect((20...36).contains(split), "\(split) of 40 split (expected about 28)")
        var t = InnovationTracker(nextInnovation: 3, nextNodeID: 1)
        var none = F.genome([F.conn(0, -1, 0, enabled: false)])
        let before = none
        var rng = Xoshiro256(seed: 1)
        #expect(!AddNodeMutation().mutate(&none, config: config, tracker: &t, rng: &rng))
        #expect(none == before)
    }

    /// NEAT's reference `mutate_add_node` on a small genome: never the bias input's
    /// gene; the first other enabled gene with probability 0.7, the next 0.21, else nothing.
    @Test func paperFavoursOldGenesAndSkipsTheBias() {
        var config = F.paper(inputs: 3)
        config.biasInput = 2
        var picked = [Int: Int]()
        let n = 4000
        for seed in UInt64(0)..<UInt64(n) {
            var t = InnovationTracker(nextInnovation: 3, nextNodeID: 1)
            var g = F.genome(inputs: 3, [F.conn(0, -3, 0, 0.5), F.conn(1, -1, 0, 0.3), F.conn(2, -2, 0, -0.2)])
            var rng = Xoshiro256(seed: seed)
            if AddNodeMutation().mutate(&g, config: config, tracker: &t, rng: &rng) {
                let gene = g.connections.first { !$0.enabled }!
                picked[gene.innovation, default: 0] += 1
            } else {
                picked[-1, default: 0] += 1
            }
        }
        #expect(picked[0] == nil, "the bias gene was split")
        // Expected 2800 / 840 / 360; σ ≤ 29.
        #expect((2680...2920).contains(picked[1] ?? 0), "\(picked)")
        #expect((740...940).contains(picked[2] ?? 0), "\(picked)")
        #expect((280...440).contains(picked[-1] ?? 0), "\(picked)")
    }

    /// Genomes with 15 genes or more: a uniform choice among enabled non-bias genes.
    @Test func paperLargeGenomesChooseUniformly() {
        var config = F.paper(inputs: 16)
        config.biasInput = 15
        var picked = [Int: Int]()
        for seed in UInt64(0)..<3000 {
            var t = InnovationTracker(nextInnovation: 16, nextNodeID: 1)
            var g = F.genome(inputs: 16, (0..<16).map { F.conn($0, -1 - $0, 0, 0.1, enabled: $0 % 4 != 3) })
            var rng = Xoshiro256(seed: seed)
            #expect(AddNodeMutation().mutate(&g, config: config, tracker: &t, rng: &rng))
            picked[g.connections.first { !$0.enabled && $0.innovation % 4 != 3 }!.innovation, default: 0] += 1
        }
        // 12 enabled genes: 3000 / 12 = 250 each (σ ≈ 15); gene 15 is the bias (and disabled anyway).
        #expect(picked.keys.allSatisfy { $0 % 4 != 3 && $0 != 15 })
        #expect(picked.count == 12)
        #expect(picked.values.allSatisfy { (190...310).contains($0) }, "\(picked)")
    }

    @Test func neatPythonMaySplitDisabledGenes() {
        let config = F.neatPython()
        var splitDisabled = 0
        for seed in UInt64(0)..<60 {
            var t = InnovationTracker(nextInnovation: 3, nextNodeID: 1)
            var g = F.genome([F.conn(0, -1, 0, enabled: false), F.conn(1, -2, 0, 0.3)])
            var rng = Xoshiro256(seed: seed)
            #expect(AddNodeMutation().mutate(&g, config: config, tracker: &t, rng: &rng))
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
        #expect(AddNodeMutation().mutate(&g, config: config, tracker: &t, rng: &rng))
        #expect(g.nodes[1] == F.node(1, bias: 0, response: 2))
        // Paper: the configured constants.
        var paper = F.paper()
        paper.bias = .constant(0.25)
        var p = F.genome([F.conn(0, -1, 0)])
        t.startGeneration()
        // The paper's choice gives up 30% of the time (and then changes nothing): try until it splits.
        var split = false
        for _ in 0..<20 where !split { split = AddNodeMutation().mutate(&p, config: paper, tracker: &t, rng: &rng) }
        #expect(split)
        #expect(p.nodes.count == 2 && p.nodes[1].bias == 0.25)
    }

    @Test func neatPythonSurerAddsAConnectionWhenThereIsNone() {
        var config = F.neatPython(inputs: 1)
        config.structuralMutationSurer = true
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        var g = F.genome(inputs: 1, [])
        var rng = Xoshiro256(seed: 1)
        #expect(AddNodeMutation().mutate(&g, config: config, tracker: &t, rng: &rng))
        #expect(g.connections.map { [$0.from, $0.to] } == [[-1, 0]])
        config.structuralMutationSurer = false
        var h = F.genome(inputs: 1, [])
        #expect(!AddNodeMutation().mutate(&h, config: config, tracker: &t, rng: &rng))
        #expect(h.connections.isEmpty)
    }

    /// A genome that splits the same connection twice in one generation (it was
    /// re-enabled in between) gets a node of its own the second time.
    @Test func secondSplitOfSameGeneGetsFreshNode() {
        let config = F.paper()
        var checked = 0
        // The paper's walk gives up now and then on a one-gene genome; check the seeds where both splits happen.
        for seed in UInt64(0)..<20 {
            var t = InnovationTracker(nextInnovation: 1, nextNodeID: 1)
            var g = F.genome([F.conn(0, -1, 0, 0.6)])
            var rng = Xoshiro256(seed: seed)
            guard AddNodeMutation().mutate(&g, config: config, tracker: &t, rng: &rng) else { continue }
            // Only the old gene enabled again.
            for i in g.connections.indices { g.connections[i].enabled = g.connections[i].innovation == 0 }
            guard AddNodeMutation().mutate(&g, config: config, tracker: &t, rng: &rng) else { continue }
            checked += 1
            #expect(g.validate() == nil)
            #expect(g.nodes.map(\.id) == [0, 1, 2])
            #expect(g.connections.map(\.innovation) == [0, 1, 2, 3, 4])
            #expect(g.connections[3] == F.conn(3, -1, 2, 1))
            #expect(g.connections[4] == F.conn(4, 2, 0, 0.6))
            // The shared split for gene 0 is unchanged for other genomes.
            #expect(t.split(innovation: 0, from: -1, to: 0).nodeID == 1)
        }
        #expect(checked >= 5)
    }
}
