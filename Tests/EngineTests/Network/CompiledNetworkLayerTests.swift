import Testing
@testable import Engine
@testable import EngineKernels

/// Evaluation takes consecutive nodes that read the same contiguous run (a dense
/// layer) together; it must give, bit for bit, what evaluating node by node gives,
/// on networks of every shape, and stay within its scratch space.
@Suite struct CompiledNetworkLayerTests {
    typealias F = NEATFixture

    /// Dense networks of many widths (below, at and around the 8- and 16-wide vector
    /// steps), with and without a hidden layer, sparse ones, grown ones, with mixed
    /// activations and responses, and some with non-sum aggregations.
    static func genomes() -> [Genome] {
        var out: [Genome] = []
        var seed: UInt64 = 1
        for inputs in [1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 100] {
            for (outputs, hidden) in [(1, 0), (2, 0), (3, 0), (5, 0), (3, 4), (9, 2)] {
                out.append(FeedForwardBenchmark.denseGenome(inputs: inputs, outputs: outputs, hidden: hidden, seed: seed))
                seed += 1
            }
        }
        for density in [0.05, 0.1, 0.5] {
            for grown in [0, 1, 5, 12] {
                out.append(FeedForwardBenchmark.sparseGenome(inputs: 100, outputs: 3, density: density, grown: grown, seed: seed))
                seed += 1
            }
        }
        // One input feeding 20 outputs: a layer of 20 one-wide nodes (the most scratch per node).
        out.append(FeedForwardBenchmark.denseGenome(inputs: 1, outputs: 20, hidden: 0, seed: seed))
        let activations: [Activation] = [.sigmoid, .tanh, .relu, .identity, .clamped, .gauss, .steepenedSigmoid]
        var rng = Xoshiro256(seed: 77)
        for g in out.indices where g % 3 == 1 {
            for n in out[g].nodes.indices {
                out[g].nodes[n].activation = activations[rng.nextInt(below: activations.count)]
                out[g].nodes[n].response = rng.nextUniform(-2, 2)
            }
        }
        for g in out.indices where g % 7 == 3 {
            out[g].nodes[out[g].nodes.count - 1].aggregation = [.max, .product, .mean][g % 3]
        }
        return out
    }

    /// Node by node, in topological order: a dense run's sum is `dot`'s order, a sparse
    /// node's is the sequential sum over its sources, a non-sum node aggregates its
    /// products in double precision; then bias, response and the activation.
    static func nodeByNode(_ net: CompiledNetwork, _ inputs: [Float]) -> [Float] {
        var v = inputs + [Float](repeating: 0, count: net.nodeCount)
        let starts = net.nodeStart, src = net.connSource, w = net.connWeight, dense = net.nodeDenseFirst
        for k in 0..<net.nodeCount {
            let lo = Int(starts[k]), hi = Int(starts[k + 1])
            var acc: Float = 0
            if net.nodeAggregation[k] != .sum {
                let products = (lo..<hi).map { Double(v[Int(src[$0])]) * Double(w[$0]) }
                acc = Float(products.withUnsafeBufferPointer { net.nodeAggregation[k].apply($0) })
            } else if dense[k] >= 0 {
                acc = Self.dot(Array(v[Int(dense[k])..<(Int(dense[k]) + hi - lo)]), Array(w[lo..<hi]))
            } else {
                for j in lo..<hi { acc += v[Int(src[j])] * w[j] }
            }
            v[net.inputCount + k] = net.nodeActivation[k].apply(net.nodeBias[k] + net.nodeResponse[k] * acc)
        }
        return net.outputSlots.map { $0 >= 0 ? v[Int($0)] : 0 }
    }

    /// The order every dense sum has always had, spelled out lane by lane: two
    /// 8-lane accumulators over 16-wide steps, one more 8-wide step into the first,
    /// the lanes of their sum added in order, then the scalar tail.
    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        let n = a.count
        var s0 = [Float](repeating: 0, count: 8), s1 = s0
        var j = 0
        while j + 16 <= n {
            for l in 0..<8 { s0[l] += a[j + l] * b[j + l]; s1[l] += a[j + 8 + l] * b[j + 8 + l] }
            j += 16
        }
        if j + 8 <= n {
            for l in 0..<8 { s0[l] += a[j + l] * b[j + l] }
            j += 8
        }
        var acc = s0[0] + s1[0]
        for l in 1..<8 { acc += s0[l] + s1[l] }
        while j < n { acc += a[j] * b[j]; j += 1 }
        return acc
    }

    @Test func layersGiveExactlyTheNodeByNodeValues() {
        for (gi, genome) in Self.genomes().enumerated() {
            let net = CompiledNetwork(genome)
            let rows = 11
            let x = CompiledNetworkBatchTests.inputs(rows, width: net.inputCount, seed: UInt64(gi))
            // Sentinels after the scratch space: evaluation must not write past `scratchCount`.
            var scratch = [Float](repeating: .nan, count: net.scratchCount + 16)
            var single = [Float](repeating: .nan, count: rows * net.outputCount)
            var batch = single
            x.withUnsafeBufferPointer { i in
                scratch.withUnsafeMutableBufferPointer { s in
                    single.withUnsafeMutableBufferPointer { o in
                        for r in 0..<rows {
                            net.evaluate(inputs: i.baseAddress! + r * net.inputCount, outputs: o.baseAddress! + r * net.outputCount,
                                         scratch: s.baseAddress!)
                        }
                    }
                }
            }
            #expect(scratch.suffix(16).allSatisfy { $0.isNaN }, "genome \(gi): wrote past scratchCount")
            var big = [Float](repeating: .nan, count: net.batchScratchCount)
            x.withUnsafeBufferPointer { i in
                big.withUnsafeMutableBufferPointer { s in
                    batch.withUnsafeMutableBufferPointer { o in
                        net.evaluateBatch(inputs: i.baseAddress!, count: rows, outputs: o.baseAddress!, scratch: s.baseAddress!)
                    }
                }
            }
            var expected: [Float] = []
            for r in 0..<rows { expected += Self.nodeByNode(net, Array(x[(r * net.inputCount)..<((r + 1) * net.inputCount)])) }
            #expect(single.map(\.bitPattern) == expected.map(\.bitPattern), "genome \(gi): single calls")
            #expect(batch.map(\.bitPattern) == expected.map(\.bitPattern), "genome \(gi): batch")
        }
    }

    /// The shapes above do exercise layers: a dense network's outputs all read the
    /// same run, and so do a hidden layer's nodes.
    @Test func denseNetworksCompileToLayers() {
        let flat = CompiledNetwork(FeedForwardBenchmark.denseGenome(inputs: 100, outputs: 3, hidden: 0, seed: 1))
        #expect(flat.nodeDenseFirst == [0, 0, 0] && flat.nodeStart == [0, 100, 200, 300])
        let hidden = CompiledNetwork(FeedForwardBenchmark.denseGenome(inputs: 10, outputs: 2, hidden: 4, seed: 1))
        #expect(hidden.nodeDenseFirst == [0, 0, 0, 0, 10, 10])
    }
}
