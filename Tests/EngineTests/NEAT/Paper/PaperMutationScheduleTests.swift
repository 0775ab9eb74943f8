import Testing
@testable import Engine

@Suite struct PaperMutationScheduleTests {
    typealias F = NEATFixture

    /// Paper: at most one structural mutation per call — add node with its probability,
    /// else add link with its own.
    @Test func paperOneStructuralMutationAtMost() {
        var config = F.paper(inputs: 3)
        config.nodeAddProb = 0.5
        config.connAddProb = 1
        var nodes = 0, links = 0
        var rng = Xoshiro256(seed: 8)
        for _ in 0..<2000 {
            var t = InnovationTracker(nextInnovation: 2, nextNodeID: 1)
            // −3 → 0 is missing.
            var g = Genome(id: 0, numInputs: 3, numOutputs: 1, nodes: [F.node(0)], connections: [F.conn(0, -1, 0), F.conn(1, -2, 0)])
            F.mutate(&g, config: config, tracker: &t, rng: &rng)
            #expect(g.validate() == nil)
            switch (g.nodes.count, g.connections.count) {
            case (2, 4): nodes += 1                                   // split only, no link
            case (1, 3): links += 1; #expect(g.connections[2].from == -3)
            case (1, 2): break                                        // the split's walk gave up, or 20 link tries missed
            default: Issue.record("nodes \(g.nodes.count), connections \(g.connections.count)")
            }
        }
        // Add node is tried 1000 times; on two genes the paper's walk gives up 0.3² = 9% of the time.
        #expect((830...990).contains(nodes), "\(nodes) add-node of 2000, expected ≈ 910")
        #expect(nodes + links >= 1850)
    }

    /// A genome's weights mutate with probability 0.8, and a
    /// structural mutation excludes the weight mutation.
    @Test func paperGenomeWeightMutationProbability() {
        var config = F.paper()
        config.nodeAddProb = 0
        config.connAddProb = 0
        config.enabledMutateRate = 0
        config.weight.mutateRate = 1
        config.weight.replaceRate = 0
        var mutated = 0
        var rng = Xoshiro256(seed: 99)
        var t = InnovationTracker(nextInnovation: 2, nextNodeID: 1)
        for _ in 0..<4000 {
            var g = F.genome([F.conn(0, -1, 0, 0.5), F.conn(1, -2, 0, 0.5)])
            F.mutate(&g, config: config, tracker: &t, rng: &rng)
            if g.connections.contains(where: { $0.weight != 0.5 }) { mutated += 1 }
        }
        #expect((3070...3330).contains(mutated), "\(mutated) of 4000, expected ≈ 3200")

        config.nodeAddProb = 1
        var g = F.genome([F.conn(0, -1, 0, 0.5), F.conn(1, -2, 0, 0.5)])
        F.mutate(&g, config: config, tracker: &t, rng: &rng)
        #expect(g.nodes.count == 2)
        #expect(g.connections.filter { $0.innovation < 2 }.allSatisfy { $0.weight == 0.5 })
    }
}
