import Testing
@testable import Engine
@testable import EngineKernels

@Suite struct CompiledNetworkCompileTests {
    typealias F = NEATFixture

    static func same(_ a: CompiledNetwork, _ b: CompiledNetwork) -> Bool {
        a.inputCount == b.inputCount && a.outputCount == b.outputCount && a.slotCount == b.slotCount
            && a.nodeStart == b.nodeStart && a.nodeActivation == b.nodeActivation && a.nodeAggregation == b.nodeAggregation
            && a.nodeBias == b.nodeBias && a.nodeResponse == b.nodeResponse && a.nodeDenseFirst == b.nodeDenseFirst
            && a.connSource == b.connSource && a.connWeight == b.connWeight && a.outputSlots == b.outputSlots
            && a.maxFanIn == b.maxFanIn && a.allSum == b.allSum && a.copiesInputs == b.copiesInputs
    }

    /// The bit-mask order (genomes of up to 64 nodes) and the min-heap order give the same network.
    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func bitMaskPathMatchesHeapPath(semantics: NEATConfig.Semantics) {
        var config = semantics == .paper ? F.paper(inputs: 4, outputs: 2) : F.neatPython(inputs: 4, outputs: 2)
        config.semantics = semantics
        var tracker = F.factory(config).makeTracker()
        var masks = CompiledNetwork(empty: ()), heap = CompiledNetwork(empty: ())
        var w1 = CompiledNetwork.Workspace(), w2 = CompiledNetwork.Workspace()
        var largest = 0
        for seed in 0..<60 {
            var g = F.grown(seed: UInt64(seed), steps: seed, config: config, tracker: &tracker)
            // Some disabled genes, so that some nodes are not required.
            for i in g.connections.indices where (i * 7 + seed) % 5 == 0 { g.connections[i].enabled = false }
            g.withView { masks.recompile($0, workspace: &w1, bitMaskNodeLimit: 64) }
            g.withView { heap.recompile($0, workspace: &w2, bitMaskNodeLimit: 0) }
            #expect(Self.same(masks, heap), "seed \(seed)")
            #expect(Self.same(masks, CompiledNetwork(g)), "seed \(seed)")
            largest = max(largest, g.nodes.count)
        }
        #expect(largest > 10)
    }
}
