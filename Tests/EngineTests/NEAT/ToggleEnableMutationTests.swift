import Testing
@testable import Engine

@Suite struct ToggleEnableMutationTests {
    typealias F = NEATFixture

    static func mixed(_ n: Int) -> Genome {
        Genome(id: 0, numInputs: n, numOutputs: 1, nodes: [F.node(0)],
               connections: (0..<n).map { F.conn($0, -1 - $0, 0, 1, enabled: $0 % 2 == 0) })
    }

    @Test func paperFlipsWithTheRate() {
        var config = F.paper()
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        var rng = Xoshiro256(seed: 1)
        config.enabledMutateRate = 1
        var g = Self.mixed(10)
        #expect(ToggleEnableMutation(change: .flip).mutate(&g, config: config, tracker: &t, rng: &rng))
        #expect(g.connections.map(\.enabled) == (0..<10).map { $0 % 2 == 1 })
        config.enabledMutateRate = 0
        let before = g
        #expect(!ToggleEnableMutation(change: .flip).mutate(&g, config: config, tracker: &t, rng: &rng))
        #expect(g == before)
        // 0.01 per gene: about 100 flips in 10 000 genes.
        config.enabledMutateRate = 0.01
        var big = Self.mixed(10_000)
        let original = big
        ToggleEnableMutation(change: .flip).mutate(&big, config: config, tracker: &t, rng: &rng)
        let flips = zip(big.connections, original.connections).filter { $0.enabled != $1.enabled }.count
        #expect((55...145).contains(flips), "\(flips) flips, expected ≈ 100")
    }

    /// neat-python: a mutated flag gets a random value, so rate 1 changes about half.
    @Test func neatPythonDrawsARandomValue() {
        var config = F.neatPython()
        config.enabledMutateRate = 1
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        var rng = Xoshiro256(seed: 2)
        var g = Self.mixed(10_000)
        let original = g
        ToggleEnableMutation(change: .redraw).mutate(&g, config: config, tracker: &t, rng: &rng)
        let flips = zip(g.connections, original.connections).filter { $0.enabled != $1.enabled }.count
        #expect((4750...5250).contains(flips), "\(flips) flips, expected ≈ 5000")
    }

    @Test func rateToTrueAndFalseAdd() {
        var config = F.paper()
        config.enabledMutateRate = 0
        config.enabledRateToTrueAdd = 1
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        var rng = Xoshiro256(seed: 3)
        var g = Self.mixed(20)
        ToggleEnableMutation(change: .flip).mutate(&g, config: config, tracker: &t, rng: &rng)
        #expect(g.connections.allSatisfy { $0.enabled })
        config.enabledRateToTrueAdd = 0
        config.enabledRateToFalseAdd = 1
        var h = Self.mixed(20)
        ToggleEnableMutation(change: .flip).mutate(&h, config: config, tracker: &t, rng: &rng)
        #expect(h.connections.allSatisfy { !$0.enabled })
    }
}
