import Engine
import Foundation
import Testing
@testable import Wire

/// The population upload's byte-level reader gives what Foundation's decoder gives, or gives up.
@Suite struct NeatPythonNetworkReaderTests {
    static func foundation(_ json: String) throws -> NeatPythonNetwork {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(NeatPythonNetwork.self, from: Data(json.utf8))
    }

    static func randomGenome(_ rng: inout Xoshiro256, id: Int) -> Genome {
        let numInputs = Int.random(in: 1...10, using: &rng)
        let numOutputs = Int.random(in: 1...3, using: &rng)
        let nodes = (0..<numOutputs).map {
            NodeGene(id: $0, activation: Activation.allCases.randomElement(using: &rng)!,
                     aggregation: Aggregation.allCases.randomElement(using: &rng)!,
                     bias: randomDouble(&rng), response: randomDouble(&rng))
        }
        var connections = [ConnectionGene]()
        for i in 1...numInputs {
            for o in 0..<numOutputs where Bool.random(using: &rng) {
                connections.append(ConnectionGene(innovation: connections.count * 2 + 1, from: -i, to: o,
                                                  weight: randomDouble(&rng), enabled: Bool.random(using: &rng)))
            }
        }
        return Genome(id: id, numInputs: numInputs, numOutputs: numOutputs, nodes: nodes, connections: connections,
                      fitness: Bool.random(using: &rng) ? randomDouble(&rng) : nil)
    }

    static func randomDouble(_ rng: inout Xoshiro256) -> Double {
        if Bool.random(using: &rng) { return Double.random(in: -4...4, using: &rng) }
        var d: Double
        repeat { d = Double(bitPattern: rng.next()) } while !d.isFinite
        return d
    }

    @Test func readsCompactAndPrettyExportsAsFoundationDoes() throws {
        var rng = Xoshiro256(seed: 99)
        for i in 0..<200 {
            let g = Self.randomGenome(&rng, id: i)
            for json in [g.neatPythonCompactJSON(), g.neatPythonJSON()] {
                let doc = try #require(NeatPythonNetworkReader.read(Array(json.utf8)), "genome \(i)")
                #expect(doc == (try Self.foundation(json)), "genome \(i)")
                #expect(try Genome(neatPythonNetwork: doc) == g)
            }
        }
    }

    @Test func readsNeatPythonsOwnFiles() throws {
        // Plain-string functions, no innovation, extra metadata, unknown keys.
        let json = """
            {"format_version": "1.0", "network_type": "feedforward", "extra": [1, {"a": null}],
             "metadata": {"created_timestamp": "2025-01-01", "neat_python_version": "2.0", "generation": 3, "fitness": null},
             "topology": {"num_inputs": 2, "num_outputs": 1, "input_keys": [-1, -2], "output_keys": [0]},
             "nodes": [{"id": 0, "type": "output", "activation": "sigmoid", "aggregation": {"name": "sum"}, "bias": 1E2, "response": -0.0},
                       {"id": -1, "type": "input", "activation": "identity", "aggregation": "none", "bias": 0, "response": 1}],
             "connections": [{"from": -1, "to": 0, "weight": 0.5, "enabled": true, "innovation": null}]}
            """
        let doc = try #require(NeatPythonNetworkReader.read(Array(json.utf8)))
        #expect(doc == (try Self.foundation(json)))
        #expect(doc.nodes[0].response.sign == .minus)
    }

    @Test func numbersReadExactlyAsDoubleFromStringDoes() throws {
        var texts = ["0", "-0", "0.1", "1e-05", "-1E+5", "5e-324", "4.9406564584124654e-324", "2.2250738585072014e-308",
                     "1.7976931348623157e308", "0.30000000000000004", "9007199254740993", "123456789012345678901234567890",
                     "1e22", "1e23", "0.000000000000000000000000001", "3.14159265358979323846264338327950288"]
        var rng = Xoshiro256(seed: 7)
        for _ in 0..<3000 {
            var d: Double
            repeat { d = Double(bitPattern: rng.next()) } while !d.isFinite
            texts.append(d.description)
            let digits = (0..<Int.random(in: 1...22, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            texts.append("\(Bool.random(using: &rng) ? "-" : "")0.\(digits)e\(Int.random(in: -30...30, using: &rng))")
            texts.append("\(Int.random(in: 1...9, using: &rng))\(digits)")
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let v = bytes.withUnsafeBytes { raw in
                var s = JSONScanner(raw)
                return try? NeatPythonNetworkReader.readDouble(&s)
            }
            #expect(v?.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }
}
