import Foundation
import Testing
@testable import Engine

/// `neatPythonCompactJSON()` writes the same document as `neatPythonJSON()`.
@Suite struct NeatPythonCompactJSONTests {
    /// A random valid feed-forward genome: hidden ids in increasing order, every
    /// connection from an input or a lower hidden node to a higher hidden node or an output.
    static func randomGenome(_ rng: inout Xoshiro256, id: Int) -> Genome {
        let numInputs = Int.random(in: 1...12, using: &rng)
        let numOutputs = Int.random(in: 1...4, using: &rng)
        let hidden = Int.random(in: 0...6, using: &rng)
        func node(_ id: Int) -> NodeGene {
            NodeGene(id: id, activation: Activation.allCases.randomElement(using: &rng)!,
                     aggregation: Aggregation.allCases.randomElement(using: &rng)!,
                     bias: randomDouble(&rng), response: randomDouble(&rng))
        }
        let hiddenIDs = (0..<hidden).map { numOutputs + 3 * $0 + 1 }
        let nodes = (0..<numOutputs).map(node) + hiddenIDs.map(node)
        var connections = [ConnectionGene]()
        var innovation = 0
        let sources = (1...numInputs).map { -$0 } + hiddenIDs
        for (k, from) in sources.enumerated() {
            let targets = Array(0..<numOutputs) + hiddenIDs.filter { h in from < 0 || h > from }
            for to in targets where Int.random(in: 0..<3, using: &rng) > 0 || k == 0 {
                innovation += Int.random(in: 1...5, using: &rng)
                connections.append(ConnectionGene(innovation: innovation, from: from, to: to, weight: randomDouble(&rng),
                                                  enabled: Bool.random(using: &rng)))
            }
        }
        let fitness: Double? = [nil, randomDouble(&rng), -.infinity].randomElement(using: &rng)!
        return Genome(id: id, numInputs: numInputs, numOutputs: numOutputs, nodes: nodes, connections: connections, fitness: fitness)
    }

    /// Finite doubles of every kind: plain decimals, tiny, huge, subnormal, −0, random bit patterns.
    static func randomDouble(_ rng: inout Xoshiro256) -> Double {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return Double.random(in: -3...3, using: &rng)
        case 1: return [0.1, -0.0, 1.0, .leastNonzeroMagnitude, 1.7976931348623157e308, 2.2250738585072014e-308, 1e-17, 1e22, 1e23, 0.30000000000000004]
            .randomElement(using: &rng)!
        case 2: return Double(Int.random(in: -1000...1000, using: &rng)) / 8
        default:
            var d: Double
            repeat { d = Double(bitPattern: rng.next()) } while !d.isFinite
            return d
        }
    }

    static func decoded(_ json: String) throws -> NeatPythonNetwork {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(NeatPythonNetwork.self, from: Data(json.utf8))
    }

    @Test func randomGenomesRoundTripExactlyAndMatchThePrettyExport() throws {
        var rng = Xoshiro256(seed: 2026)
        for i in 0..<300 {
            let g = Self.randomGenome(&rng, id: i)
            #expect(g.validate() == nil)
            let compact = g.neatPythonCompactJSON()
            let back = try Genome(neatPythonJSON: compact)
            #expect(back == g, "genome \(i)")
            #expect(back.fitness?.bitPattern == g.fitness?.bitPattern)
            #expect(zip(back.connections, g.connections).allSatisfy { $0.weight.bitPattern == $1.weight.bitPattern })
            #expect(zip(back.nodes, g.nodes).allSatisfy { $0.bias.bitPattern == $1.bias.bitPattern && $0.response.bitPattern == $1.response.bitPattern })
            #expect(try Self.decoded(compact) == Self.decoded(g.neatPythonJSON()), "genome \(i)")
            #expect(!compact.contains(" ") && !compact.contains("\n"))
        }
    }

    @Test func fixturesMatchThePrettyExport() throws {
        for name in NeatPythonNetworkTests.cases {
            let g = try Genome(neatPythonJSON: NeatPythonNetworkTests.data(name, "genome.json"))
            #expect(try Self.decoded(g.neatPythonCompactJSON()) == Self.decoded(g.neatPythonJSON()), "\(name)")
        }
    }

    @Test func writesKeysSortedLikeThePrettyExport() {
        let g = Genome(id: 3, numInputs: 1, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .steepenedSigmoid, bias: 0.5)],
                       connections: [ConnectionGene(innovation: 4, from: -1, to: 0, weight: -1e-05, enabled: false)], fitness: 2.5)
        #expect(g.neatPythonCompactJSON() == """
            {"connections":[{"enabled":false,"from":-1,"innovation":4,"to":0,"weight":-1e-05}],"format_version":"1.0",\
            "metadata":{"fitness":2.5,"genome_id":3},"network_type":"feedforward","nodes":[{"activation":{"custom":true,\
            "name":"neat_sigmoid"},"aggregation":{"custom":false,"name":"sum"},"bias":0.5,"id":0,"response":1.0,"type":"output"},\
            {"activation":{"custom":false,"name":"identity"},"aggregation":{"custom":false,"name":"none"},"bias":0.0,"id":-1,\
            "response":1.0,"type":"input"}],"topology":{"input_keys":[-1],"num_inputs":1,"num_outputs":1,"output_keys":[0]}}
            """)
    }

    @Test func nonFiniteFitnessIsWrittenAsNeatPythonJSONWritesIt() throws {
        for fitness in [Double.infinity, -.infinity, .nan] {
            let g = Genome(id: 1, numInputs: 1, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .sigmoid)],
                           connections: [], fitness: fitness)
            let a = try Self.decoded(g.neatPythonCompactJSON()).metadata.fitness!
            let b = try Self.decoded(g.neatPythonJSON()).metadata.fitness!
            #expect(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN))
        }
    }
}
