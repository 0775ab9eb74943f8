import Testing
@testable import Engine

@Suite struct XORTaskTests {
    typealias F = NEATFixture

    static func fitness(_ task: XORTask, _ g: Genome) -> TaskResult {
        let net = CompiledNetwork(g)
        var scratch = [Float](repeating: 0, count: task.scratchFloats(for: net))
        return scratch.withUnsafeMutableBufferPointer { task.evaluate(net, scratch: $0.baseAddress!) }
    }

    /// The paper's bias input is the third; neat-python's example has none.
    @Test func biasInput() {
        #expect(XORTask().biasInputIndex == 2)
        #expect(XORTask(fitness: .neatPythonExample).biasInputIndex == nil)
        #expect(NEATConfig.paper(for: XORTask()).biasInput == 2)
        #expect(NEATConfig.paper(for: DoublePoleTask()).biasInput == 6)
    }

    /// Two saturated linear networks, both right on (0,0), (0,1), (1,0) and wrong on
    /// (1,1): in float both score exactly 9; in double the one whose wrong output is
    /// a hair further from saturation scores higher, so selection can tell them apart.
    @Test func nearSaturatedNetworksStillRank() {
        // OR-like: out = σ(4.9 (w·a + w·b − 4)).
        func or(_ w: Double) -> Genome {
            F.genome(inputs: 3, [F.conn(0, -1, 0, w), F.conn(1, -2, 0, w), F.conn(2, -3, 0, -4)])
        }
        let strong = Self.fitness(XORTask(), or(8)), weaker = Self.fitness(XORTask(), or(7.5))
        #expect(!strong.solved && !weaker.solved)
        #expect(strong.fitness < 9 && weaker.fitness < 9)
        #expect(strong.fitness != weaker.fitness)
        #expect(abs(strong.fitness - 9) < 1e-6)
    }

    @Test func solvedNetwork() {
        // h = σ(4.9 (a + b − 1.5)) (AND), out = σ(4.9 (a + b − 2h·… − 0.5)).
        let g = F.genome(inputs: 3, hidden: [1], [
            F.conn(0, -1, 1, 5), F.conn(1, -2, 1, 5), F.conn(2, -3, 1, -7.5),
            F.conn(3, -1, 0, 5), F.conn(4, -2, 0, 5), F.conn(5, -3, 0, -2.5), F.conn(6, 1, 0, -10)])
        let r = Self.fitness(XORTask(), g)
        #expect(r.solved)
        #expect(r.fitness > 15.9)
    }
}
