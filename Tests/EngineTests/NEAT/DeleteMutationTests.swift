import Testing
@testable import Engine

@Suite struct DeleteMutationTests {
    typealias F = NEATFixture

    @Test func deleteNodeRemovesNodeAndItsConnections() {
        let config = F.neatPython(outputs: 2)
        var seen = Set<Int>()
        for seed in UInt64(0)..<40 {
            var g = F.genome(outputs: 2, hidden: [2, 3], [F.conn(0, -1, 2), F.conn(1, 2, 0), F.conn(2, 2, 3), F.conn(3, 3, 1), F.conn(4, -2, 1)])
            var t = InnovationTracker(nextInnovation: 5, nextNodeID: 4)
            var rng = Xoshiro256(seed: seed)
            #expect(DeleteNodeMutation().mutate(&g, config: config, tracker: &t, rng: &rng))
            #expect(g.validate() == nil)
            #expect(g.nodes.count == 3)
            let victim = Set([2, 3]).subtracting(g.nodes.map(\.id))
            #expect(victim.count == 1)
            guard let v = victim.first else { continue }
            seen.insert(v)
            #expect(!g.connections.contains { $0.from == v || $0.to == v })
            #expect(g.connections.count == (v == 2 ? 2 : 3))
        }
        #expect(seen == [2, 3])
    }

    @Test func deleteNodeNeverRemovesOutputs() {
        var g = F.genome(outputs: 2, [F.conn(0, -1, 0), F.conn(1, -1, 1)])
        let before = g
        var t = InnovationTracker(nextInnovation: 2, nextNodeID: 2)
        var rng = Xoshiro256(seed: 1)
        #expect(!DeleteNodeMutation().mutate(&g, config: F.neatPython(outputs: 2), tracker: &t, rng: &rng))
        #expect(g == before)
    }

    @Test func deleteConnectionRemovesExactlyOne() {
        var removed = Set<Int>()
        for seed in UInt64(0)..<40 {
            var g = F.genome(hidden: [1], [F.conn(0, -1, 1), F.conn(1, 1, 0), F.conn(2, -2, 0, enabled: false)])
            var t = InnovationTracker(nextInnovation: 3, nextNodeID: 2)
            var rng = Xoshiro256(seed: seed)
            #expect(DeleteConnectionMutation().mutate(&g, config: F.neatPython(), tracker: &t, rng: &rng))
            #expect(g.connections.count == 2)
            #expect(g.nodes.count == 2)
            #expect(g.validate() == nil)
            removed.formUnion(Set([0, 1, 2]).subtracting(g.connections.map(\.innovation)))
        }
        #expect(removed == [0, 1, 2])
        var empty = F.genome([])
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        var rng = Xoshiro256(seed: 1)
        #expect(!DeleteConnectionMutation().mutate(&empty, config: F.neatPython(), tracker: &t, rng: &rng))
    }
}
