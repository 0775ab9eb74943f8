import Engine
import Foundation
import Testing

/// The content id is a function of what the network computes: stable under the
/// document's spelling, changed by any change that evaluation can see.
@Suite struct GenomeContentIDTests {
    static let network = Genome(
        id: 7, numInputs: 2, numOutputs: 1,
        nodes: [NodeGene(id: 0, activation: .sigmoid, bias: 0.1), NodeGene(id: 5, activation: .relu, bias: -0.2)],
        connections: [
            ConnectionGene(innovation: 0, from: -1, to: 0, weight: 0.5, enabled: false),
            ConnectionGene(innovation: 1, from: -1, to: 5, weight: 1.5),
            ConnectionGene(innovation: 2, from: -2, to: 5, weight: -0.7),
            ConnectionGene(innovation: 3, from: 5, to: 0, weight: 2.0),
        ])

    /// The same network in neat-python JSON, keys in another order and numbers spelled differently.
    static let respelled = """
        {"nodes": [{"response": 1e0, "type": "hidden", "id": 5, "bias": -2E-1, "aggregation": {"name": "sum", "custom": false}, "activation": {"custom": false, "name": "relu"}},
                   {"bias": 0.10, "type": "output", "activation": {"name": "sigmoid", "custom": false}, "id": 0, "aggregation": {"custom": false, "name": "sum"}, "response": 1.0}],
         "connections": [{"to": 0, "weight": 20e-1, "from": 5, "enabled": true},
                         {"weight": -0.70, "enabled": true, "to": 5, "from": -2},
                         {"from": -1, "to": 5, "weight": 15e-1, "enabled": true}],
         "topology": {"output_keys": [0], "num_outputs": 1, "input_keys": [-1, -2], "num_inputs": 2},
         "network_type": "feedforward", "format_version": "1.0", "metadata": {"genome_id": 99, "fitness": 3.5}}
        """

    @Test func hasTheSha256Shape() {
        let id = Self.network.contentID
        #expect(id.hasPrefix("sha256:") && id.count == 71 && Genome.isContentID(id))
        #expect(!Genome.isContentID("sha256:" + String(repeating: "A", count: 64)))
        #expect(!Genome.isContentID("g3-17") && !Genome.isContentID(String(id.dropLast())))
    }

    @Test func sameNetworkInAnyKeyOrderAndNumberSpellingHashesTheSame() throws {
        let decoded = try Genome(neatPythonJSON: Data(Self.respelled.utf8))
        #expect(decoded.contentID == Self.network.contentID)
        let roundTrip = try Genome(neatPythonJSON: Data(Self.network.neatPythonCompactJSON().utf8))
        #expect(roundTrip.contentID == Self.network.contentID)
    }

    @Test func geneOrderIdsFitnessAndDisabledConnectionsDoNotCount() {
        var g = Self.network
        g.connections.reverse()
        g.nodes.reverse()
        g.id = 12345
        g.fitness = 9
        g.connections.removeAll { !$0.enabled }
        for i in g.connections.indices { g.connections[i].innovation += 100 }
        #expect(g.contentID == Self.network.contentID)
    }

    @Test func anyChangeThatEvaluationSeesChangesIt() {
        let base = Self.network.contentID
        var weight = Self.network
        weight.connections[1].weight = weight.connections[1].weight.nextUp
        var bias = Self.network
        bias.nodes[1].bias = -0.2000001
        var activation = Self.network
        activation.nodes[0].activation = .tanh
        var enabled = Self.network
        enabled.connections[0].enabled = true
        var response = Self.network
        response.nodes[0].response = 2
        let ids = [weight, bias, activation, enabled, response].map(\.contentID)
        #expect(!ids.contains(base))
        #expect(Set(ids).count == ids.count)
    }
}
