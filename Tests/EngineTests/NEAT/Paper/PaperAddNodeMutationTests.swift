import Testing
@testable import Engine

@Suite struct PaperAddNodeMutationTests {
    typealias F = NEATFixture

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
            if F.addNode(&g, config: config, tracker: &t, rng: &rng) {
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
        #expect(!F.addNode(&none, config: config, tracker: &t, rng: &rng))
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
            if F.addNode(&g, config: config, tracker: &t, rng: &rng) {
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
            #expect(F.addNode(&g, config: config, tracker: &t, rng: &rng))
            picked[g.connections.first { !$0.enabled && $0.innovation % 4 != 3 }!.innovation, default: 0] += 1
        }
        // 12 enabled genes: 3000 / 12 = 250 each (σ ≈ 15); gene 15 is the bias (and disabled anyway).
        #expect(picked.keys.allSatisfy { $0 % 4 != 3 && $0 != 15 })
        #expect(picked.count == 12)
        #expect(picked.values.allSatisfy { (190...310).contains($0) }, "\(picked)")
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
            guard F.addNode(&g, config: config, tracker: &t, rng: &rng) else { continue }
            // Only the old gene enabled again.
            for i in g.connections.indices { g.connections[i].enabled = g.connections[i].innovation == 0 }
            guard F.addNode(&g, config: config, tracker: &t, rng: &rng) else { continue }
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
