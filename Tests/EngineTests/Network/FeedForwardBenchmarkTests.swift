import Testing
@testable import Engine
@testable import EngineKernels

/// The benchmark's networks have the shapes they claim, and a reference kernel is
/// timed beside ours and checked against our outputs (no timing is asserted).
@Suite struct FeedForwardBenchmarkTests {
    @Test func sparseGenomeIsLikeAnEvolvedDuelNetwork() {
        let g = FeedForwardBenchmark.sparseGenome(inputs: 100, outputs: 3, density: 0.1, grown: 5, seed: 3)
        #expect(g.validate() == nil)
        #expect(g.nodes.count == 8)
        // Every output still reads something; each grown node split one connection (now disabled).
        for o in 0..<3 { #expect(g.connections.contains { $0.enabled && $0.to == o }) }
        #expect(g.connections.filter { !$0.enabled }.count == 5)
        for h in 3..<8 {
            #expect(g.connections.contains { $0.enabled && $0.from == h } && g.connections.contains { $0.enabled && $0.to == h })
        }
        let net = CompiledNetwork(g)
        #expect(net.nodeCount == 8 && net.nodeDenseFirst.contains(-1))
        let enabled = g.connections.filter(\.enabled).count
        #expect(enabled > 20 && enabled < 120, "about 10% of 300 direct connections plus the grown ones, got \(enabled)")
    }

    @Test func referenceIsTimedAndComparedWithOurOutputs() {
        let benchmark = FeedForwardBenchmark(genome: FeedForwardBenchmark.denseGenome(inputs: 20, outputs: 3, hidden: 2, seed: 5))
        let n = benchmark.network
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: n.batchScratchCount)
        defer { scratch.deallocate() }
        let same = benchmark.run(seconds: 0.004, rounds: 2) { inputs, rows, outputs in
            n.evaluateBatch(inputs: inputs, count: rows, outputs: outputs, scratch: scratch)
        }
        let figures = try! #require(same.reference)
        #expect(figures.maxDifference == 0)
        #expect(figures.nsPerVectorSingle > 0 && figures.nsPerVectorBatch8 > 0 && figures.ratioSingle > 0 && figures.ratioBatch8 > 0)
        // A kernel that computes something else shows up in the difference.
        let wrong = benchmark.run(seconds: 0.004) { _, rows, outputs in
            outputs.update(repeating: 2, count: rows * n.outputCount)
        }
        #expect(try! #require(wrong.reference).maxDifference >= 1)
        #expect(benchmark.run(seconds: 0.002).reference == nil)
    }
}
