import Testing
@testable import Engine

@Suite struct CompiledNetworkDoubleTests {
    typealias F = NEATFixture

    /// The double path computes the same network as the float path: same topology,
    /// same weights, agreement to float precision on grown random genomes.
    @Test func agreesWithTheFloatPath() {
        var config = F.paper(inputs: 3, outputs: 2)
        config.biasInput = 2
        for seed in UInt64(0)..<30 {
            var tracker = F.factory(config).makeTracker()
            let g = F.grown(seed: seed, steps: 30, config: config, tracker: &tracker)
            let net = CompiledNetwork(g)
            var fs = [Float](repeating: 0, count: net.scratchCount)
            var ds = [Double](repeating: 0, count: net.doubleScratchCount)
            for input in [[0.0, 0, 1], [1, 0, 1], [0.25, -0.5, 1]] {
                let fin = input.map(Float.init)
                var fo = [Float](repeating: 0, count: 2), dout = [Double](repeating: 0, count: 2)
                fs.withUnsafeMutableBufferPointer { s in net.evaluate(inputs: fin, outputs: &fo, scratch: s.baseAddress!) }
                ds.withUnsafeMutableBufferPointer { s in net.evaluate(doubleInputs: input, outputs: &dout, scratch: s.baseAddress!) }
                for o in 0..<2 { #expect(abs(Double(fo[o]) - dout[o]) < 1e-5, "seed \(seed): \(fo) vs \(dout)") }
            }
        }
    }

    /// Near saturation the float path rounds to exactly 1 while the double path keeps the difference.
    @Test func keepsNearSaturatedDifferences() {
        let a = CompiledNetwork(F.genome(inputs: 1, [F.conn(0, -1, 0, 4)]))
        let b = CompiledNetwork(F.genome(inputs: 1, [F.conn(0, -1, 0, 5)]))
        func run(_ n: CompiledNetwork) -> (Float, Double) {
            var f: Float = 0, d = 0.0
            var fs = [Float](repeating: 0, count: n.scratchCount), ds = [Double](repeating: 0, count: n.doubleScratchCount)
            fs.withUnsafeMutableBufferPointer { s in n.evaluate(inputs: [Float(1)], outputs: &f, scratch: s.baseAddress!) }
            ds.withUnsafeMutableBufferPointer { s in n.evaluate(doubleInputs: [1.0], outputs: &d, scratch: s.baseAddress!) }
            return (f, d)
        }
        let (fa, da) = run(a), (fb, db) = run(b)
        #expect(fa == 1 && fb == 1)
        #expect(da < db && db < 1)
    }

    /// Four vectors side by side give exactly, bit for bit, what one call per vector gives,
    /// with sums and with other aggregations.
    @Test func fourSideBySideMatchOneAtATime() {
        var config = F.paper(inputs: 3, outputs: 2)
        config.biasInput = 2
        let inputs: [Double] = [0, 0, 1, 0, 1, 1, 1, 0, 1, 0.25, -0.5, 1]
        for seed in UInt64(0)..<30 {
            var tracker = F.factory(config).makeTracker()
            var g = F.grown(seed: seed, steps: 30, config: config, tracker: &tracker)
            if seed % 3 == 1 { for i in g.nodes.indices where i % 2 == 1 { g.nodes[i].aggregation = .max } }
            if seed % 3 == 2 { for i in g.nodes.indices { g.nodes[i].activation = .sigmoid; g.nodes[i].bias = Double(i) * 0.1 } }
            let net = CompiledNetwork(g)
            var ds = [Double](repeating: 0, count: net.doubleScratchCount)
            var quad = [Double](repeating: 0, count: net.doubleQuadScratchCount)
            var one = [Double](repeating: 0, count: 8), four = [Double](repeating: 0, count: 8)
            for r in 0..<4 {
                var out = [Double](repeating: 0, count: 2)
                let row = Array(inputs[(r * 3)..<(r * 3 + 3)])
                ds.withUnsafeMutableBufferPointer { s in net.evaluate(doubleInputs: row, outputs: &out, scratch: s.baseAddress!) }
                one[r * 2] = out[0]; one[r * 2 + 1] = out[1]
            }
            quad.withUnsafeMutableBufferPointer { s in net.evaluate4(doubleInputs: inputs, outputs: &four, scratch: s.baseAddress!) }
            #expect(one.map(\.bitPattern) == four.map(\.bitPattern), "seed \(seed): \(one) vs \(four)")
        }
    }
}
