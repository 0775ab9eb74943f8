import Testing
@testable import Engine
@testable import EngineKernels

/// The batch path, the single path and recompiling into reused storage must give
/// the same networks and bit-identical outputs (the inference server and the CPU
/// backend evaluate row by row, training and benchmarks may batch).
@Suite struct CompiledNetworkBatchTests {
    typealias F = NEATFixture

    /// Dense networks (inputs read in place), grown genomes with hidden nodes and
    /// sparse sources, and a non-sum aggregation (row-by-row fallback).
    static func genomes() -> [Genome] {
        var out = [FeedForwardBenchmark.denseGenome(inputs: 100, outputs: 3, hidden: 0, seed: 1),
                   FeedForwardBenchmark.denseGenome(inputs: 37, outputs: 2, hidden: 5, seed: 2),
                   FeedForwardBenchmark.denseGenome(inputs: 7, outputs: 1, hidden: 0, seed: 3)]
        for (i, config) in [F.paper(inputs: 4, outputs: 2), F.neatPython(inputs: 5, outputs: 2)].enumerated() {
            var tracker = F.factory(config).makeTracker()
            for s in 0..<6 { out.append(F.grown(seed: UInt64(10 * i + s), steps: 40, config: config, tracker: &tracker)) }
        }
        var mixed = FeedForwardBenchmark.denseGenome(inputs: 6, outputs: 2, hidden: 3, seed: 4)
        mixed.nodes[1].aggregation = .max
        mixed.nodes[3].activation = .tanh
        out.append(mixed)
        return out
    }

    static func inputs(_ count: Int, width: Int, seed: UInt64) -> [Float] {
        var rng = Xoshiro256(seed: seed)
        return (0..<(count * width)).map { _ in Float(rng.nextUniform(-2, 2)) }
    }

    @Test func batchIsBitIdenticalToSingleCalls() {
        for (gi, genome) in Self.genomes().enumerated() {
            let net = CompiledNetwork(genome)
            for count in [1, 3, 8, 13, 16] {
                let x = Self.inputs(count, width: net.inputCount, seed: UInt64(gi * 100 + count))
                var single = [Float](repeating: .nan, count: count * net.outputCount)
                var batch = [Float](repeating: .nan, count: count * net.outputCount)
                var scratch = [Float](repeating: .nan, count: max(net.scratchCount, net.batchScratchCount))
                x.withUnsafeBufferPointer { i in
                    scratch.withUnsafeMutableBufferPointer { s in
                        single.withUnsafeMutableBufferPointer { o in
                            for r in 0..<count {
                                net.evaluate(inputs: i.baseAddress! + r * net.inputCount, outputs: o.baseAddress! + r * net.outputCount,
                                             scratch: s.baseAddress!)
                            }
                        }
                        batch.withUnsafeMutableBufferPointer { o in
                            net.evaluateBatch(inputs: i.baseAddress!, count: count, outputs: o.baseAddress!, scratch: s.baseAddress!)
                        }
                    }
                }
                #expect(single.map(\.bitPattern) == batch.map(\.bitPattern), "genome \(gi), \(count) rows")
                #expect(!single.contains { $0.isNaN }, "genome \(gi): every output written")
            }
        }
    }

    @Test func recompileIntoUsedStorageEqualsFreshCompile() {
        let all = Self.genomes()
        var net = CompiledNetwork(empty: ())
        var workspace = CompiledNetwork.Workspace()
        // Big, small, big again: stale contents of larger networks must not leak.
        for genome in all + all.reversed() {
            net.recompile(genome, workspace: &workspace)
            let fresh = CompiledNetwork(genome)
            #expect(net.inputCount == fresh.inputCount && net.outputCount == fresh.outputCount && net.slotCount == fresh.slotCount)
            #expect(net.nodeStart == fresh.nodeStart && net.nodeDenseFirst == fresh.nodeDenseFirst)
            #expect(net.nodeActivation == fresh.nodeActivation && net.nodeAggregation == fresh.nodeAggregation)
            #expect(net.nodeBias == fresh.nodeBias && net.nodeResponse == fresh.nodeResponse)
            #expect(net.connSource == fresh.connSource && net.connWeight == fresh.connWeight)
            #expect(net.outputSlots == fresh.outputSlots && net.maxFanIn == fresh.maxFanIn)
            #expect(net.allSum == fresh.allSum && net.copiesInputs == fresh.copiesInputs)
            #expect(net.nodeCount == fresh.nodeCount && net.connectionCount == fresh.connectionCount)
            // Storage only grows: after a larger network it is longer than the logical arrays.
            #expect(net.connWeightStorage.count >= net.connectionCount && net.nodeStartStorage.count >= net.nodeCount + 1)
        }
        #expect(net.connWeightStorage.count > all.map { CompiledNetwork($0).connectionCount }.min()!)
    }

    /// Topological order: lowest id first among ready nodes; sources sorted by slot;
    /// nodes no output depends on and disabled connections dropped.
    @Test func compiledLayout() {
        // Inputs −1, −2; output 0; hidden 5 and 3 (3 feeds 5); 7 is dead (feeds nothing).
        let g = F.genome(inputs: 2, outputs: 1, hidden: [3, 5, 7], [
            F.conn(0, -2, 3, 0.5), F.conn(1, -1, 3, 0.25), F.conn(2, 3, 5, 2), F.conn(3, 5, 0, 3),
            F.conn(4, -1, 0, 4), F.conn(5, 3, 0, 5, enabled: false), F.conn(6, -1, 7, 1)])
        let net = CompiledNetwork(g)
        #expect(net.nodeCount == 3)               // 3, 5, 0 (7 is not required)
        #expect(net.slotCount == 5)
        #expect(net.outputSlots == [4])           // output 0 placed last
        #expect(net.nodeStart == [0, 2, 3, 5])
        #expect(net.connSource == [0, 1, 2, 0, 3]) // node 3: inputs 0, 1; node 5: slot 2; node 0: input 0, slot 3
        #expect(net.connWeight == [0.25, 0.5, 2, 4, 3])
        #expect(net.nodeDenseFirst == [0, 2, -1])
        #expect(net.copiesInputs)                 // node 0 reads input 0 through a sparse run
    }
}
