import Foundation
import Testing
@testable import Engine

/// Structural checks of the exported ONNX bytes, plus the fixtures for the
/// onnxruntime parity check: with `ONNX_PARITY_DIR` set, every case writes
/// `NAME.onnx` and `NAME.json` (inputs and `CompiledNetwork` outputs) there, and
/// `scripts/test-onnx-parity.py` runs them through onnx.checker and onnxruntime.
@Suite struct ONNXExportTests {
    /// A named genome to export.
    struct Case: CustomStringConvertible {
        var name: String
        var genome: Genome
        var description: String { name }
    }

    static let cases: [Case] = {
        var all = [Case]()
        all.append(Case(name: "xor_hidden", genome: xorHidden()))
        all.append(Case(name: "all_activations", genome: allActivations()))
        all.append(Case(name: "all_aggregations", genome: allAggregations()))
        all.append(Case(name: "unreachable_and_constant", genome: unreachableAndConstant()))
        all.append(Case(name: "dense_direct", genome: denseDirect()))
        all.append(Case(name: "single_input", genome: singleInput()))
        for seed in UInt64(1)...8 {
            all.append(Case(name: "random_\(seed)", genome: randomGenome(seed: seed)))
        }
        return all
    }()

    static let allowedOps: Set<String> = [
        "Gather", "Concat", "MatMul", "Mul", "Add", "Sub", "ReduceProd", "ReduceMax", "ReduceMin", "ReduceMean",
        "Abs", "ArgMax", "GatherElements", "TopK", "Sigmoid", "Tanh", "Sin", "Exp", "Relu", "Elu", "LeakyRelu",
        "Selu", "Softplus", "Clip", "Equal", "Reciprocal", "Where", "Log", "Max", "Shape", "Expand",
    ]

    @Test(arguments: cases)
    func modelIsStructurallyValid(_ c: Case) throws {
        let bytes = try onnxModel(for: c.genome)
        let model = try ProtobufReader.fields(bytes)
        #expect(model.varint(1) == 7, "ir_version")
        let opsets = try model.bytes(8).map(ProtobufReader.fields)
        #expect(opsets.count == 1)
        #expect(opsets.first?.varint(2) == 13)
        #expect(opsets.first?.strings(1) == [""])
        #expect(model.strings(2) == ["dashboard"])
        let graphs = model.bytes(7)
        try #require(graphs.count == 1)
        let graph = try ProtobufReader.fields(graphs[0])

        // Interface: input [N, numInputs], output [N, numOutputs], float32.
        let inputs = try graph.bytes(11).map(ProtobufReader.fields)
        let outputs = try graph.bytes(12).map(ProtobufReader.fields)
        #expect(inputs.map { $0.strings(1) } == [["input"]])
        #expect(outputs.map { $0.strings(1) } == [["output"]])
        #expect(try Self.shape(of: inputs[0]) == ["N", "\(c.genome.numInputs)"])
        #expect(try Self.shape(of: outputs[0]) == ["N", "\(c.genome.numOutputs)"])

        // Initializers: named once, data the size the dims and type say.
        var defined: Set<String> = ["input"]
        for raw in graph.bytes(5) {
            let t = try ProtobufReader.fields(raw)
            let name = try #require(t.strings(8).first)
            #expect(defined.insert(name).inserted, "initializer \(name) defined twice")
            let dims = try t.bytes(1).flatMap(ProtobufReader.packedVarints).map(Int.init)
            let type = try #require(t.varint(2))
            let width = type == 1 ? 4 : type == 7 ? 8 : 0
            #expect(width > 0, "initializer \(name) has data type \(type)")
            #expect(t.bytes(9).first?.count == dims.reduce(1, *) * width, "initializer \(name) size")
        }

        // Nodes: known ops, every input defined before use, every output new; the last makes "output".
        let nodes = try graph.bytes(1).map(ProtobufReader.fields)
        try #require(!nodes.isEmpty)
        for n in nodes {
            let op = try #require(n.strings(4).first)
            #expect(Self.allowedOps.contains(op), "unexpected op \(op)")
            for i in n.strings(1) { #expect(defined.contains(i), "\(op) reads \(i) before it is defined") }
            for o in n.strings(2) { #expect(defined.insert(o).inserted, "\(o) defined twice") }
        }
        #expect(nodes.last?.strings(2) == ["output"])
        #expect(nodes.last?.strings(4) == ["Concat"])

        try Self.writeParityFixture(c, model: bytes)
    }

    @Test func theSameGenomeGivesTheSameBytes() throws {
        let g = Self.randomGenome(seed: 9)
        #expect(try onnxModel(for: g) == onnxModel(for: g))
    }

    @Test func laterOpsetsRaiseTheIRVersion() throws {
        let fields = try ProtobufReader.fields(try onnxModel(for: Self.xorHidden(), opset: 17))
        #expect(fields.varint(1) == 8)
        #expect(try ProtobufReader.fields(fields.bytes(8)[0]).varint(2) == 17)
    }

    @Test func disabledConnectionsAndUnusedNodesAreLeftOut() throws {
        // Output 0 ← input 0 only; hidden node 1 (exp) is fed but feeds nothing; input 1 → 0 is disabled.
        let g = Genome(id: 3, numInputs: 2, numOutputs: 1,
                       nodes: [NodeGene(id: 0, activation: .identity), NodeGene(id: 1, activation: .exp)],
                       connections: [ConnectionGene(innovation: 0, from: -1, to: 0, weight: 2),
                                     ConnectionGene(innovation: 1, from: -2, to: 0, weight: 3, enabled: false),
                                     ConnectionGene(innovation: 2, from: -2, to: 1, weight: 1)])
        let graph = try ProtobufReader.fields(ProtobufReader.fields(try onnxModel(for: g)).bytes(7)[0])
        let ops = try graph.bytes(1).map { try ProtobufReader.fields($0).strings(4)[0] }
        #expect(ops == ["Gather", "MatMul", "Concat"])
        let weights = try graph.bytes(5).map(ProtobufReader.fields).filter { $0.varint(2) == 1 }
        #expect(weights.map { $0.bytes(9)[0] } == [[0, 0, 0, 0x40]])   // the single weight 2.0
    }

    @Test func badRequestsThrowNamedErrors() {
        #expect(throws: ONNXExportError.unsupportedOpset(requested: 12, supported: 13...17)) {
            try onnxModel(for: Self.xorHidden(), opset: 12)
        }
        let noInputs = Genome(id: 5, numInputs: 0, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .identity)], connections: [])
        #expect(throws: ONNXExportError.emptyInterface(genomeID: 5, inputs: 0, outputs: 1)) { try onnxModel(for: noInputs) }
        let cyclic = Genome(id: 6, numInputs: 1, numOutputs: 2,
                            nodes: [NodeGene(id: 0, activation: .identity), NodeGene(id: 1, activation: .identity)],
                            connections: [ConnectionGene(innovation: 0, from: 0, to: 1, weight: 1),
                                          ConnectionGene(innovation: 1, from: 1, to: 0, weight: 1, enabled: false)])
        #expect(throws: ONNXExportError.invalidGenome(genomeID: 6, reason: "connections form a cycle")) { try onnxModel(for: cyclic) }
        #expect(ONNXExportError.unsupportedOpset(requested: 12, supported: 13...17).description.contains("13...17"))
    }

    // MARK: - Helpers

    /// The dims of a ValueInfoProto's tensor type, as names or numbers.
    static func shape(of info: [ProtobufReader.Field]) throws -> [String] {
        let type = try ProtobufReader.fields(info.bytes(2)[0])
        let tensor = try ProtobufReader.fields(type.bytes(1)[0])
        #expect(tensor.varint(1) == 1, "elem_type float32")
        let shape = try ProtobufReader.fields(tensor.bytes(2)[0])
        return try shape.bytes(1).map { raw in
            let d = try ProtobufReader.fields(raw)
            return d.strings(2).first ?? d.varint(1).map { "\($0)" } ?? "?"
        }
    }

    /// Writes `NAME.onnx` and `NAME.json` into `$ONNX_PARITY_DIR` when it is set.
    static func writeParityFixture(_ c: Case, model: [UInt8]) throws {
        guard let dir = ProcessInfo.processInfo.environment["ONNX_PARITY_DIR"], !dir.isEmpty else { return }
        let url = URL(fileURLWithPath: dir, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var rng = Xoshiro256(seed: 0x0ACE + UInt64(c.name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF))
        let net = CompiledNetwork(c.genome)
        var rows = [[Double]]()
        rows.append([Double](repeating: 0, count: net.inputCount))
        for _ in 0..<16 { rows.append((0..<net.inputCount).map { _ in Double(Float(rng.nextUniform(-1, 1))) }) }
        let outputs = rows.map { net.activate($0) }
        let json: [String: Any] = [
            "name": c.name, "genome_id": c.genome.id,
            "num_inputs": net.inputCount, "num_outputs": net.outputCount,
            "inputs": rows, "outputs": outputs,
            "genome": String(decoding: try JSONEncoder().encode(c.genome), as: UTF8.self),
        ]
        try Data(model).write(to: url.appendingPathComponent(c.name + ".onnx"))
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
            .write(to: url.appendingPathComponent(c.name + ".json"))
    }

    // MARK: - Genomes

    static func xorHidden() -> Genome {
        Genome(id: 1, numInputs: 2, numOutputs: 1,
               nodes: [NodeGene(id: 0, activation: .steepenedSigmoid, bias: -0.4, response: 1.3),
                       NodeGene(id: 1, activation: .tanh, bias: 0.2),
                       NodeGene(id: 2, activation: .relu, bias: -0.1, response: 0.7)],
               connections: [ConnectionGene(innovation: 0, from: -1, to: 0, weight: 0.8),
                             ConnectionGene(innovation: 1, from: -2, to: 0, weight: -1.1, enabled: false),
                             ConnectionGene(innovation: 2, from: -1, to: 1, weight: 1.5),
                             ConnectionGene(innovation: 3, from: -2, to: 1, weight: -2.0),
                             ConnectionGene(innovation: 4, from: 1, to: 0, weight: 2.2),
                             ConnectionGene(innovation: 5, from: -2, to: 2, weight: 1.0),
                             ConnectionGene(innovation: 6, from: 1, to: 2, weight: 0.5),
                             ConnectionGene(innovation: 7, from: 2, to: 0, weight: -1.7)])
    }

    /// One hidden node per activation, each feeding its own output. Biases keep
    /// `inv` and `log` away from their poles so float rounding stays small.
    static func allActivations() -> Genome {
        let acts = Activation.allCases
        let numInputs = 3, numOutputs = acts.count
        var nodes = [NodeGene](), conns = [ConnectionGene]()
        var innovation = 0
        func connect(_ from: Int, _ to: Int, _ w: Double, enabled: Bool = true) {
            conns.append(ConnectionGene(innovation: innovation, from: from, to: to, weight: w, enabled: enabled)); innovation += 1
        }
        for (i, a) in acts.enumerated() {
            let hidden = numOutputs + i
            let safe = a == .inv || a == .log
            nodes.append(NodeGene(id: hidden, activation: a, bias: safe ? 2 : 0.1 * Double(i % 5) - 0.2, response: 0.5 + 0.1 * Double(i % 7)))
            nodes.append(NodeGene(id: i, activation: .identity, bias: 0.05, response: 1))
            connect(-1, hidden, 0.3 + 0.05 * Double(i))
            connect(-2, hidden, -0.6 + 0.02 * Double(i))
            connect(-3, hidden, 0.9, enabled: i % 3 != 0)
            connect(hidden, i, 1.25)
        }
        return Genome(id: 2, numInputs: numInputs, numOutputs: numOutputs, nodes: nodes, connections: conns)
    }

    /// One hidden node per aggregation, for fan-ins 1 through 5 (odd and even medians).
    static func allAggregations() -> Genome {
        let aggs = Aggregation.allCases
        let numInputs = 5, numOutputs = aggs.count
        var nodes = [NodeGene](), conns = [ConnectionGene]()
        var innovation = 0, id = numOutputs
        for (o, agg) in aggs.enumerated() {
            nodes.append(NodeGene(id: o, activation: .identity, bias: -0.05))
            for fanIn in 1...5 {
                nodes.append(NodeGene(id: id, activation: .tanh, aggregation: agg, bias: 0.1, response: 1.1))
                for j in 0..<fanIn {
                    let w = [0.9, -1.3, 0.4, 1.7, -0.8][(j + fanIn) % 5]
                    conns.append(ConnectionGene(innovation: innovation, from: -1 - ((j * 2 + fanIn) % numInputs), to: id, weight: w)); innovation += 1
                }
                conns.append(ConnectionGene(innovation: innovation, from: id, to: o, weight: 0.5 + 0.1 * Double(fanIn))); innovation += 1
                id += 1
            }
        }
        return Genome(id: 3, numInputs: numInputs, numOutputs: numOutputs, nodes: nodes, connections: conns)
    }

    /// Output 0 has no enabled inputs (a constant); output 1 reads output 0 and
    /// hidden 5; hidden 6 is cut off by a disabled connection; output 2 reads
    /// non-contiguous inputs and a hidden node, mixed.
    static func unreachableAndConstant() -> Genome {
        Genome(id: 4, numInputs: 4, numOutputs: 3,
               nodes: [NodeGene(id: 0, activation: .sigmoid, bias: 0.3),
                       NodeGene(id: 1, activation: .clamped, bias: -0.2, response: 2),
                       NodeGene(id: 2, activation: .gauss, aggregation: .sum, bias: 0.1),
                       NodeGene(id: 5, activation: .sin, bias: 0.05, response: 0.9),
                       NodeGene(id: 6, activation: .square)],
               connections: [ConnectionGene(innovation: 0, from: -1, to: 0, weight: 1, enabled: false),
                             ConnectionGene(innovation: 1, from: 0, to: 1, weight: 0.7),
                             ConnectionGene(innovation: 2, from: 5, to: 1, weight: -1.2),
                             ConnectionGene(innovation: 3, from: -3, to: 5, weight: 0.6),
                             ConnectionGene(innovation: 4, from: -2, to: 6, weight: 1.4),
                             ConnectionGene(innovation: 5, from: 6, to: 2, weight: 0.9, enabled: false),
                             ConnectionGene(innovation: 6, from: -4, to: 2, weight: -0.5),
                             ConnectionGene(innovation: 7, from: 5, to: 2, weight: 1.1),
                             ConnectionGene(innovation: 8, from: -1, to: 2, weight: 0.3)])
    }

    /// Every input to every output (the input matrix is used as is).
    static func denseDirect() -> Genome {
        let numInputs = 6, numOutputs = 3
        var conns = [ConnectionGene]()
        for o in 0..<numOutputs {
            for i in 0..<numInputs {
                conns.append(ConnectionGene(innovation: o * numInputs + i, from: -1 - i, to: o, weight: 0.1 * Double(i + 1) * (o % 2 == 0 ? 1 : -1)))
            }
        }
        let acts: [Activation] = [.steepenedSigmoid, .softplus, .hat]
        return Genome(id: 5, numInputs: numInputs, numOutputs: numOutputs,
                      nodes: (0..<numOutputs).map { NodeGene(id: $0, activation: acts[$0], bias: 0.2 * Double($0)) },
                      connections: conns)
    }

    static func singleInput() -> Genome {
        Genome(id: 6, numInputs: 1, numOutputs: 2,
               nodes: [NodeGene(id: 0, activation: .elu, bias: -0.3, response: 1.5),
                       NodeGene(id: 1, activation: .selu, bias: 0.2),
                       NodeGene(id: 2, activation: .lelu, bias: -0.1)],
               connections: [ConnectionGene(innovation: 0, from: -1, to: 2, weight: 2.0),
                             ConnectionGene(innovation: 1, from: 2, to: 0, weight: 1.5),
                             ConnectionGene(innovation: 2, from: -1, to: 1, weight: -1.0),
                             ConnectionGene(innovation: 3, from: 2, to: 1, weight: 0.5)])
    }

    /// A random feed-forward genome like evolution makes: hidden nodes in a
    /// random DAG, about one connection in five disabled, bounded activations.
    /// (`sin` is left to `allActivations`: chains of sin(5z) nodes amplify float32
    /// rounding, the engine's as much as ONNX Runtime's, to near 1e-5.)
    static func randomGenome(seed: UInt64) -> Genome {
        var rng = Xoshiro256(seed: seed)
        let numInputs = 3 + rng.nextInt(below: 8), numOutputs = 1 + rng.nextInt(below: 4), hidden = rng.nextInt(below: 12)
        let acts: [Activation] = [.steepenedSigmoid, .sigmoid, .tanh, .relu, .identity, .clamped, .gauss, .abs, .elu]
        // Topological order: inputs, hidden nodes, then outputs (which may feed later outputs).
        let order = (0..<numInputs).map { -1 - $0 } + (0..<hidden).map { numOutputs + $0 } + (0..<numOutputs).map { $0 }
        var nodes = [NodeGene]()
        for id in order where id >= 0 {
            nodes.append(NodeGene(id: id, activation: acts[rng.nextInt(below: acts.count)],
                                  bias: rng.nextGaussian() * 0.5, response: 1 + rng.nextGaussian() * 0.2))
        }
        var conns = [ConnectionGene]()
        for (a, from) in order.enumerated() {
            for to in order[(a + 1)...] where to >= 0 && rng.chance(0.35) {
                conns.append(ConnectionGene(innovation: conns.count, from: from, to: to, weight: rng.nextGaussian(),
                                            enabled: !rng.chance(0.2)))
            }
        }
        return Genome(id: 100 + Int(seed), numInputs: numInputs, numOutputs: numOutputs, nodes: nodes, connections: conns)
    }
}
