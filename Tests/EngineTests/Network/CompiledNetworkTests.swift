import Foundation
import Testing
@testable import Engine

/// What a compiled network computes, on small hand-built genomes whose outputs are
/// known exactly.
@Suite struct CompiledNetworkTests {
    typealias F = NEATFixture

    static func node(_ id: Int, _ activation: Activation = .identity, bias: Double = 0, response: Double = 1) -> NodeGene {
        NodeGene(id: id, activation: activation, bias: bias, response: response)
    }

    @Test func identitySum() {
        let g = Genome(id: 0, numInputs: 2, numOutputs: 1, nodes: [Self.node(0)],
                       connections: [F.conn(0, -1, 0, 2), F.conn(1, -2, 0, 3)])
        #expect(CompiledNetwork(g).activate([1, 1]) == [5])
        #expect(CompiledNetwork(g).activate([0.5, -2]) == [-5])
    }

    /// Each node is f(bias + response · Σ wᵢxᵢ); hidden node 7 feeds hidden node 3,
    /// so evaluation must follow the connections, not the node ids.
    @Test func hiddenNodesInTopologicalOrder() {
        let g = Genome(id: 0, numInputs: 2, numOutputs: 1,
                       nodes: [Self.node(0), Self.node(3, bias: 1, response: 2), Self.node(7, bias: 0.5)],
                       connections: [F.conn(0, -1, 7, 1), F.conn(1, 7, 3, 4), F.conn(2, 3, 0, 0.25), F.conn(3, -2, 0, 1)])
        // node 7 = 0.5 + x1; node 3 = 1 + 2 · 4 · node7; output = 0.25 · node3 + x2.
        let x1 = 1.5, x2 = -1.0
        let n7 = 0.5 + x1, n3 = 1 + 2 * 4 * n7
        #expect(CompiledNetwork(g).activate([x1, x2]) == [0.25 * n3 + x2])
        #expect(CompiledNetwork(g).nodeCount == 3)
    }

    /// Disabled connections are dropped, nodes no output depends on are not evaluated,
    /// and an output with no incoming connection is its activation of its bias.
    @Test func disabledUnreachableAndUnconnected() {
        let g = Genome(id: 0, numInputs: 2, numOutputs: 2,
                       nodes: [Self.node(0), Self.node(1, bias: 0.75), Self.node(5)],
                       connections: [F.conn(0, -1, 0, 2), F.conn(1, -2, 0, 100, enabled: false), F.conn(2, -2, 5, 1)])
        let net = CompiledNetwork(g)
        #expect(net.activate([3, 7]) == [6, 0.75])
        #expect(net.nodeCount == 2)          // node 5 feeds no output
        #expect(net.connectionCount == 1)    // the disabled gene and the one into node 5 are gone
    }

    /// The steepened sigmoid of the paper, 1 / (1 + e^(−4.9 x)), in single precision.
    @Test func steepenedSigmoid() {
        let g = Genome(id: 0, numInputs: 1, numOutputs: 1, nodes: [Self.node(0, .steepenedSigmoid)],
                       connections: [F.conn(0, -1, 0, 1)])
        let net = CompiledNetwork(g)
        #expect(net.activate([0]) == [0.5])
        let x: Float = 0.3
        #expect(net.activate([Double(x)]) == [Double(1 / (1 + expf(-4.9 * x)))])
        #expect(net.activate([10])[0] > 0.999_999)
    }

    /// Recompiling another genome into the same value gives exactly that genome's network.
    @Test func recompileReplacesTheNetwork() {
        let big = Genome(id: 0, numInputs: 2, numOutputs: 1, nodes: [Self.node(0), Self.node(4, bias: 1)],
                         connections: [F.conn(0, -1, 4, 2), F.conn(1, 4, 0, 3), F.conn(2, -2, 0, 1)])
        let small = Genome(id: 1, numInputs: 2, numOutputs: 1, nodes: [Self.node(0)], connections: [F.conn(0, -2, 0, -1)])
        var net = CompiledNetwork(big)
        var workspace = CompiledNetwork.Workspace()
        net.recompile(small, workspace: &workspace)
        #expect(net.activate([5, 2]) == [-2])
        #expect(net.nodeCount == 1 && net.connectionCount == 1)
        net.recompile(big, workspace: &workspace)
        #expect(net.activate([1, 1]) == CompiledNetwork(big).activate([1, 1]))
    }
}
