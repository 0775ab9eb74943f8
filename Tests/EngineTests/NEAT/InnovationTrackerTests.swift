import Testing
@testable import Engine

@Suite struct InnovationTrackerTests {
    typealias F = NEATFixture

    @Test func sameConnectionSameGenerationSameNumber() {
        var t = InnovationTracker(nextInnovation: 10, nextNodeID: 3)
        let a = t.connectionInnovation(from: -1, to: 2)
        let b = t.connectionInnovation(from: -2, to: 2)
        #expect(a == 10)
        #expect(b == 11)
        #expect(t.connectionInnovation(from: -1, to: 2) == 10)
        #expect(t.connectionInnovation(from: 2, to: -1) == 12)  // direction matters
        #expect(t.nextInnovation == 13)
        #expect(t.nextNodeID == 3)
    }

    @Test func newGenerationGivesNewNumbers() {
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        let first = t.connectionInnovation(from: -1, to: 0)
        let split1 = t.split(innovation: first, from: -1, to: 0)
        t.startGeneration()
        let again = t.connectionInnovation(from: -1, to: 0)
        let split2 = t.split(innovation: first, from: -1, to: 0)
        #expect(again != first)
        #expect(split2.nodeID != split1.nodeID)
        #expect(Set([split2.inInnovation, split2.outInnovation]).isDisjoint(with: [first, again, split1.inInnovation, split1.outInnovation]))
    }

    @Test func splitIsSharedAndRegistersItsConnections() {
        var t = InnovationTracker(nextInnovation: 5, nextNodeID: 1)
        let s = t.split(innovation: 2, from: -1, to: 0)
        #expect(s == .init(nodeID: 1, inInnovation: 5, outInnovation: 6))
        #expect(t.split(innovation: 2, from: -1, to: 0) == s)
        // The links the split made are the same innovations if added as connections this generation.
        #expect(t.connectionInnovation(from: -1, to: 1) == 5)
        #expect(t.connectionInnovation(from: 1, to: 0) == 6)
        // Another connection split: another node.
        let other = t.split(innovation: 3, from: -2, to: 0)
        #expect(other == .init(nodeID: 2, inInnovation: 7, outInnovation: 8))
        #expect(t.nextNodeID == 3)
        #expect(t.nextInnovation == 9)
    }

    @Test func freshNumbersNeverRepeat() {
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 4)
        let s = t.split(innovation: 0, from: -1, to: 0)
        let n = t.freshNodeID(), i = t.freshInnovation()
        #expect(n == 5 && s.nodeID == 4)
        #expect(i == 2)
        #expect(t.connectionInnovation(from: -3, to: 0) == 3)
    }

    /// Two genomes making the same add-node mutation in one generation get the same
    /// node id and innovations; in the next generation the same split is new.
    @Test func addNodeInTwoGenomesSharesNumbers() {
        let config = F.paper()
        var t = InnovationTracker(nextInnovation: 1, nextNodeID: 1)
        // One enabled connection only, so the split is forced.
        var a = F.genome(id: 1, [F.conn(0, -1, 0, 0.5)])
        var b = F.genome(id: 2, [F.conn(0, -1, 0, -2)])
        var rng = Xoshiro256(seed: 1)
        #expect(F.addNode(&a, config: config, tracker: &t, rng: &rng))
        #expect(F.addNode(&b, config: config, tracker: &t, rng: &rng))
        #expect(a.nodes.map(\.id) == b.nodes.map(\.id))
        #expect(a.connections.map(\.innovation) == b.connections.map(\.innovation))
        #expect(a.connections.map(\.innovation) == [0, 1, 2])
        #expect(a.nodes.map(\.id) == [0, 1])

        t.startGeneration()
        var c = F.genome(id: 3, [F.conn(0, -1, 0, 0.5)])
        #expect(F.addNode(&c, config: config, tracker: &t, rng: &rng))
        #expect(c.nodes.map(\.id) == [0, 2])
        #expect(c.connections.map(\.innovation) == [0, 3, 4])
    }

    /// The same add-connection mutation in two genomes of one generation shares its
    /// innovation; in the next generation it gets a new one.
    @Test func addConnectionInTwoGenomesSharesNumbers() {
        var config = F.paper(inputs: 1)
        config.weight = .constant(0.5)
        var t = InnovationTracker(nextInnovation: 7, nextNodeID: 1)
        // 1 input, 1 output, nothing connected: the only legal new link is −1 → 0.
        var a = F.genome(id: 1, inputs: 1, [])
        var b = F.genome(id: 2, inputs: 1, [])
        var rng = Xoshiro256(seed: 3)
        #expect(AddConnectionMutation(attempts: 200).mutate(&a, config: config, tracker: &t, rng: &rng))
        #expect(AddConnectionMutation(attempts: 200).mutate(&b, config: config, tracker: &t, rng: &rng))
        #expect(a.connections == [F.conn(7, -1, 0, 0.5)])
        #expect(b.connections == a.connections)
        t.startGeneration()
        var c = F.genome(id: 3, inputs: 1, [])
        #expect(AddConnectionMutation(attempts: 200).mutate(&c, config: config, tracker: &t, rng: &rng))
        #expect(c.connections == [F.conn(8, -1, 0, 0.5)])
    }

    @Test func factoryTrackerStartsAfterInitialStructure() {
        var config = F.paper(inputs: 3, outputs: 2)
        config.numHidden = 2
        config.initialConnection = .fullNoDirect
        let factory = F.factory(config)
        var t = factory.makeTracker()
        #expect(t.nextNodeID == 4)
        var rng = Xoshiro256(seed: 1)
        let g1 = factory.makeGenome(id: 0, tracker: &t, rng: &rng)
        let g2 = factory.makeGenome(id: 1, tracker: &t, rng: &rng)
        // 3·2 input→hidden + 2·2 hidden→output, numbered once and shared.
        #expect(g1.connections.map(\.innovation) == Array(0..<10))
        #expect(g2.connections.map(\.innovation) == Array(0..<10))
        #expect(zip(g1.connections, g2.connections).allSatisfy { $0.from == $1.from && $0.to == $1.to })
        #expect(t.nextInnovation == 10)
    }
}
