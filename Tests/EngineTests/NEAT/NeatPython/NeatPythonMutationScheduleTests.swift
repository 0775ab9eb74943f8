import Testing
@testable import Engine

@Suite struct NeatPythonMutationScheduleTests {
    typealias F = NEATFixture

    static func start() -> Genome {
        F.genome(inputs: 2, [F.conn(0, -1, 0, 0.5), F.conn(1, -2, 0, -0.5)])
    }

    /// neat-python: with single_structural_mutation exactly one of the four is picked,
    /// by r against cumulative probabilities over max(1, Σ).
    @Test func neatPythonSingleStructuralMutation() {
        var config = F.neatPython()
        config.singleStructuralMutation = true
        config.nodeAddProb = 1; config.nodeDeleteProb = 0; config.connAddProb = 0; config.connDeleteProb = 1
        var added = 0, deleted = 0
        var rng = Xoshiro256(seed: 5)
        for _ in 0..<2000 {
            var t = InnovationTracker(nextInnovation: 2, nextNodeID: 1)
            var g = Self.start()
            F.mutate(&g, config: config, tracker: &t, rng: &rng)
            switch (g.nodes.count, g.connections.count) {
            case (2, 4): added += 1
            case (1, 1): deleted += 1
            default: Issue.record("nodes \(g.nodes.count), connections \(g.connections.count)")
            }
        }
        #expect(added + deleted == 2000)
        #expect((900...1100).contains(added), "\(added) add-node of 2000, expected ≈ 1000")
    }

    /// neat-python without single_structural_mutation: each one independently.
    @Test func neatPythonIndependentStructuralMutations() {
        var config = F.neatPython()
        config.nodeAddProb = 1; config.nodeDeleteProb = 0; config.connAddProb = 0; config.connDeleteProb = 1
        var rng = Xoshiro256(seed: 6)
        for _ in 0..<200 {
            var t = InnovationTracker(nextInnovation: 2, nextNodeID: 1)
            var g = Self.start()
            F.mutate(&g, config: config, tracker: &t, rng: &rng)
            #expect(g.nodes.count == 2)
            #expect(g.connections.count == 3)
            #expect(g.validate() == nil)
        }
    }

    /// neat-python mutates node attributes: bias per its rates, activation among the options.
    @Test func neatPythonNodeAttributes() {
        var config = F.neatPython()
        config.bias = AttributeConfig(initMean: 0, initStdev: 1, maxValue: 1, minValue: -1, mutatePower: 5, mutateRate: 1, replaceRate: 0)
        config.activationOptions = [.relu, .tanh]
        config.activationMutateRate = 1
        config.aggregationOptions = [.max]
        config.aggregationMutateRate = 0.5
        var g = Genome(id: 0, numInputs: 1, numOutputs: 1, nodes: [F.node(0)] + (1...400).map { F.node($0) }, connections: [])
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 401)
        var rng = Xoshiro256(seed: 7)
        NodeAttributeMutation().mutate(&g, config: config, tracker: &t, rng: &rng)
        #expect(g.nodes.allSatisfy { (-1...1).contains($0.bias) && $0.bias != 0 })
        #expect(g.nodes.contains { $0.bias == 1 } && g.nodes.contains { $0.bias == -1 })
        #expect(g.nodes.allSatisfy { $0.activation == .relu || $0.activation == .tanh })
        let relu = g.nodes.filter { $0.activation == .relu }.count
        #expect((150...251).contains(relu))
        let maxAgg = g.nodes.filter { $0.aggregation == .max }.count
        #expect((150...251).contains(maxAgg))
        #expect(g.nodes.allSatisfy { $0.response == 1 })
    }
}
