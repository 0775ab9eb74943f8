import Foundation
import Testing
@testable import Engine

/// Parity with neat-python 2.0: fixtures written by scripts/make_neat_python_fixtures.py.
@Suite struct NeatPythonNetworkTests {
    static let fixtureRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures/neat-python")

    static let cases = ["xor-sigmoid", "mixed-activations", "mixed-aggregations", "edge-cases", "wide", "deep-all"]

    struct Vectors: Decodable {
        var inputs: [[Double]]
        var outputs: [[Double]]
    }

    static func data(_ name: String, _ file: String) throws -> Data {
        try Data(contentsOf: fixtureRoot.appending(path: name).appending(path: file))
    }

    static func vectors(_ name: String) throws -> Vectors {
        try JSONDecoder().decode(Vectors.self, from: data(name, "vectors.json"))
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        Swift.abs(a - b) <= 1e-5 * Swift.max(1, Swift.abs(b))
    }

    func expectMatches(_ genome: Genome, _ v: Vectors, _ label: String) {
        let net = CompiledNetwork(genome)
        for (x, y) in zip(v.inputs, v.outputs) {
            let out = net.activate(x)
            #expect(out.count == y.count)
            for (a, b) in zip(out, y) {
                #expect(Self.close(a, b), "\(label): inputs \(x): got \(out), neat-python \(y)")
            }
        }
        // The batch path (8 lanes) must agree too.
        let flat = v.inputs.flatMap { $0.map(Float.init) }
        var out = [Float](repeating: .nan, count: v.inputs.count * net.outputCount)
        var scratch = [Float](repeating: 0, count: net.batchScratchCount + 16)
        flat.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                scratch.withUnsafeMutableBufferPointer { s in
                    net.evaluateBatch(inputs: i.baseAddress!, count: v.inputs.count, outputs: o.baseAddress!, scratch: s.baseAddress!)
                }
            }
        }
        for (r, y) in v.outputs.enumerated() {
            for (k, b) in y.enumerated() {
                #expect(Self.close(Double(out[r * net.outputCount + k]), b), "\(label) batch row \(r) output \(k)")
            }
        }
    }

    @Test(arguments: cases)
    func wholeGenomeMatchesNeatPython(_ name: String) throws {
        let genome = try Genome(neatPythonJSON: Self.data(name, "genome.json"))
        #expect(genome.validate() == nil)
        expectMatches(genome, try Self.vectors(name), name + "/genome.json")
    }

    @Test(arguments: cases)
    func neatPythonsOwnExportMatches(_ name: String) throws {
        let genome = try Genome(neatPythonJSON: Self.data(name, "network.json"))
        #expect(genome.validate() == nil)
        #expect(genome.connections.allSatisfy { $0.enabled })
        expectMatches(genome, try Self.vectors(name), name + "/network.json")
    }

    @Test(arguments: cases)
    func roundTripIsExact(_ name: String) throws {
        let genome = try Genome(neatPythonJSON: Self.data(name, "genome.json"))
        let json = genome.neatPythonJSON()
        let again = try Genome(neatPythonJSON: json)
        #expect(again == genome)
        #expect(again.neatPythonJSON() == json)
    }

    @Test func fixturesHaveTheEdgeCases() throws {
        // The edge-case fixture must keep exercising what it was built for.
        let g = try Genome(neatPythonJSON: Self.data("edge-cases", "genome.json"))
        #expect(!g.connections.contains { $0.to == 1 && $0.enabled }, "output 1 has no incoming enabled connection")
        #expect(g.connections.contains { !$0.enabled })
        #expect(g.nodes.contains { $0.aggregation == .product })
        let deep = try Genome(neatPythonJSON: Self.data("deep-all", "genome.json"))
        #expect(Set(deep.nodes.map(\.aggregation)).count >= 5)
    }

    @Test func exportCarriesFitnessIDAndDisabledGenes() throws {
        let g = Genome(id: 42, numInputs: 2, numOutputs: 1,
                       nodes: [NodeGene(id: 0, activation: .steepenedSigmoid), NodeGene(id: 3, activation: .relu, aggregation: .mean, bias: -0.25, response: 1.5)],
                       connections: [ConnectionGene(innovation: 1, from: -1, to: 0, weight: 0.1, enabled: false),
                                     ConnectionGene(innovation: 5, from: -1, to: 3, weight: 1e-17),
                                     ConnectionGene(innovation: 6, from: 3, to: 0, weight: -2.5)],
                       fitness: 3.25)
        let doc = g.neatPythonNetwork()
        #expect(doc.formatVersion == "1.0" && doc.networkType == "feedforward")
        #expect(doc.metadata.genomeID == 42 && doc.metadata.fitness == 3.25)
        #expect(doc.nodes.map(\.type) == [.output, .hidden, .input, .input])
        #expect(doc.nodes[0].activation == .init(name: "neat_sigmoid", custom: true))
        #expect(doc.connections.map(\.enabled) == [false, true, true])
        #expect(doc.connections.map(\.innovation) == [1, 5, 6])
        #expect(try Genome(neatPythonJSON: g.neatPythonJSON()) == g)
    }

    // MARK: Import errors

    static let minimal = """
    {"format_version": "1.0", "network_type": "feedforward", "metadata": {},
     "topology": {"num_inputs": 2, "num_outputs": 1, "input_keys": [-1, -2], "output_keys": [0]},
     "nodes": [{"id": 0, "type": "output", "activation": {"name": "sigmoid", "custom": false},
                "aggregation": {"name": "sum", "custom": false}, "bias": 0.5, "response": 1.0},
               {"id": 5, "type": "hidden", "activation": "tanh", "aggregation": "sum", "bias": 0, "response": 1},
               {"id": -1, "type": "input", "activation": {"name": "identity", "custom": false},
                "aggregation": {"name": "none", "custom": false}, "bias": 0.0, "response": 1.0}],
     "connections": [{"from": -1, "to": 5, "weight": 2.0, "enabled": true},
                     {"from": 5, "to": 0, "weight": -1.0, "enabled": true},
                     {"from": -2, "to": 0, "weight": 0.5, "enabled": false}]}
    """

    func importError(_ edit: (String) -> String) -> NeatPythonNetworkError? {
        do {
            _ = try Genome(neatPythonJSON: edit(Self.minimal))
            return nil
        } catch {
            return error
        }
    }

    @Test func minimalDocumentImports() throws {
        let g = try Genome(neatPythonJSON: Self.minimal)
        #expect(g.nodes.map(\.id) == [0, 5])
        #expect(g.nodes[1].activation == .tanh)
        #expect(g.connections.map(\.innovation) == [0, 1, 2])
        #expect(g.connections[2].enabled == false)
        // z = 0.5 + tanh(2.5 * 2 * 1) * -1 → sigmoid(5z)
        let h = Foundation.tanh(5.0)
        let expected = 1 / (1 + Foundation.exp(-5 * (0.5 - h)))
        #expect(Self.close(CompiledNetwork(g).activate([1, 7])[0], expected))
    }

    @Test func wrongFormatVersion() {
        let e = importError { $0.replacingOccurrences(of: "\"1.0\"", with: "\"2.0\"") }
        #expect(e?.field == "format_version")
        #expect(e?.description.contains("expected \"1.0\"") == true)
    }

    @Test func recurrentNetworkRejected() {
        let e = importError { $0.replacingOccurrences(of: "\"feedforward\"", with: "\"recurrent\"") }
        #expect(e?.field == "network_type")
    }

    @Test func unknownActivationListsAllowed() {
        let e = importError { $0.replacingOccurrences(of: "\"tanh\"", with: "\"swish\"") }
        #expect(e?.field == "nodes[1].activation.name")
        #expect(e?.message.contains("unknown function \"swish\"") == true)
        #expect(e?.message.contains("sigmoid, tanh, sin, gauss") == true)
    }

    @Test func customFunctionRejected() {
        let e = importError { $0.replacingOccurrences(of: "{\"name\": \"sigmoid\", \"custom\": false}", with: "{\"name\": \"sigmoid\", \"custom\": true}") }
        #expect(e?.field == "nodes[0].activation.custom")
    }

    @Test func unknownAggregation() {
        let e = importError { $0.replacingOccurrences(of: "\"aggregation\": \"sum\"", with: "\"aggregation\": \"softmax\"") }
        #expect(e?.field == "nodes[1].aggregation.name")
        #expect(e?.message.contains("maxabs") == true)
    }

    @Test func connectionToUnknownNode() {
        let e = importError { $0.replacingOccurrences(of: "{\"from\": 5, \"to\": 0", with: "{\"from\": 9, \"to\": 0") }
        #expect(e?.field == "connections[1].from")
        #expect(e?.message.contains("unknown node 9") == true)
        let e2 = importError { $0.replacingOccurrences(of: "{\"from\": -1, \"to\": 5", with: "{\"from\": -1, \"to\": 6") }
        #expect(e2?.field == "connections[0].to")
        let e3 = importError { $0.replacingOccurrences(of: "{\"from\": -2, \"to\": 0", with: "{\"from\": -3, \"to\": 0") }
        #expect(e3?.field == "connections[2].from")
    }

    @Test func connectionIntoInputRejected() {
        let e = importError { $0.replacingOccurrences(of: "{\"from\": -2, \"to\": 0", with: "{\"from\": 0, \"to\": -2") }
        #expect(e?.field == "connections[2].to")
    }

    @Test func cycleRejected() {
        // 5 → 0 exists; add 0 → 5 (disabled genes count too: re-enabling must never close a cycle).
        let e = importError { $0.replacingOccurrences(of: "{\"from\": -2, \"to\": 0, \"weight\": 0.5, \"enabled\": false}",
                                                      with: "{\"from\": 0, \"to\": 5, \"weight\": 0.5, \"enabled\": false}") }
        #expect(e?.field == "connections")
        #expect(e?.message.contains("cycle") == true)
        #expect(e?.message.contains("5 → 0 → 5") == true)
    }

    /// The quick cycle test agrees with reachability worked out the slow way (a node that
    /// reaches itself) on random graphs of inputs, outputs and hidden nodes, and wherever it
    /// says yes, `findCycle` names a real cycle.
    @Test func quickCycleTestAgreesWithReachability() {
        var rng = Xoshiro256(seed: 19)
        let ids = Array(-3...7)  // inputs -3…-1, outputs 0 and 1, hidden 2…7
        var cyclic = 0
        for _ in 0..<600 {
            var edges = Set<[Int]>()
            for _ in 0..<Int.random(in: 0...14, using: &rng) {
                let from = ids.randomElement(using: &rng)!, to = Int.random(in: 0...7, using: &rng)
                if from != to { edges.insert([from, to]) }
            }
            let connections = edges.sorted { $0.lexicographicallyPrecedes($1) }.enumerated().map { i, e in
                ConnectionGene(innovation: i, from: e[0], to: e[1], weight: 1, enabled: Bool.random(using: &rng))
            }
            var reach = Set(edges)
            for k in ids { for a in ids { for b in ids where reach.contains([a, k]) && reach.contains([k, b]) { reach.insert([a, b]) } } }
            let expected = ids.contains { reach.contains([$0, $0]) }
            #expect(Genome.hasCycle(connections) == expected, "\(edges.sorted { $0.lexicographicallyPrecedes($1) })")
            if expected {
                cyclic += 1
                let cycle = Genome.findCycle(connections) ?? []
                #expect(cycle.count >= 3 && cycle.first == cycle.last)
                #expect(zip(cycle, cycle.dropFirst()).allSatisfy { edges.contains([$0, $1]) })
            }
        }
        #expect(cyclic > 100 && cyclic < 500, "both kinds of graph are drawn (\(cyclic) of 600 cyclic)")
    }

    @Test func duplicateConnectionRejected() {
        let e = importError { $0.replacingOccurrences(of: "{\"from\": -2, \"to\": 0", with: "{\"from\": 5, \"to\": 0") }
        #expect(e?.field == "connections[2]")
        #expect(e?.message.contains("duplicate") == true)
    }

    @Test func missingFieldNamed() {
        let e = importError { $0.replacingOccurrences(of: "\"weight\": 2.0, ", with: "") }
        #expect(e?.field == "connections[0].weight")
        #expect(e?.message == "required field missing")
        let e2 = importError { $0.replacingOccurrences(of: "\"bias\": 0.5", with: "\"bias\": \"big\"") }
        #expect(e2?.field == "nodes[0].bias")
    }

    @Test func missingOutputNode() {
        let e = importError { $0.replacingOccurrences(of: "\"num_outputs\": 1", with: "\"num_outputs\": 2")
                                .replacingOccurrences(of: "\"output_keys\": [0]", with: "\"output_keys\": [0, 1]") }
        #expect(e?.message == "output node 1 is missing")
    }

    @Test func notJSON() {
        let e = importError { _ in "format_version = 1.0" }
        #expect(e?.field == "")
        #expect(e?.description.hasPrefix("neat-python network JSON: not valid JSON") == true)
    }
}
