import Testing
@testable import Engine

@Suite struct CompiledNetworkSmokeTests {
    @Test func identitySum() {
        let g = Genome(id: 0, numInputs: 2, numOutputs: 1,
                       nodes: [NodeGene(id: 0, activation: .identity)],
                       connections: [ConnectionGene(innovation: 0, from: -1, to: 0, weight: 2),
                                     ConnectionGene(innovation: 1, from: -2, to: 0, weight: 3)])
        #expect(CompiledNetwork(g).activate([1, 1]) == [5])
    }
}
