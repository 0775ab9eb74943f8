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
            #expect(F.addNode(&g, config: config, tracker: &t, rng: &rng))
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
}
