import Testing
@testable import Engine

@Suite struct AddNodeNeatPythonTests {
    /// neat-python: two genomes splitting the same connection in one generation get
    /// different nodes (its global node indexer); the paper shares one node.
    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func sameSplitInTwoGenomes(semantics: NEATConfig.Semantics) {
        var config = NEATConfig.paper(inputs: 1, outputs: 1)
        config.semantics = semantics
        let base = Genome(id: 0, numInputs: 1, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .sigmoid)],
                          connections: [ConnectionGene(innovation: 0, from: -1, to: 0, weight: 0.5)])
        var tracker = InnovationTracker(nextInnovation: 1, nextNodeID: 1)
        var rng = Xoshiro256(seed: 1)
        var a = base, b = base
        #expect(AddNodeMutation().mutate(&a, config: config, tracker: &tracker, rng: &rng))
        #expect(AddNodeMutation().mutate(&b, config: config, tracker: &tracker, rng: &rng))
        let newA = a.nodes.last!.id, newB = b.nodes.last!.id
        if semantics == .paper {
            #expect(newA == newB)
            #expect(a.connections.map(\.innovation) == b.connections.map(\.innovation))
        } else {
            #expect(newA != newB)
            #expect(Set(a.connections.map(\.innovation)).intersection(b.connections.map(\.innovation)) == [0])
        }
        #expect(a.validate() == nil && b.validate() == nil)
    }
}
