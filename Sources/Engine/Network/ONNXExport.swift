/// The opsets `onnxModel(for:opset:)` can emit: every op it uses keeps the same
/// signature from 13 through 17 (opset 18 moved the reduce ops' axes to inputs).
public let onnxSupportedOpsets: ClosedRange<Int> = 13...17

/// Encodes `genome` as an ONNX model (a serialized `ModelProto`).
///
/// The graph has one input, `input`, float32 of shape [N, numInputs] with a
/// symbolic batch dimension `N`, and one output, `output`, float32 of shape
/// [N, numOutputs]. Its meaning is exactly `CompiledNetwork`'s, because it is
/// built from the compiled network: only enabled connections and only the
/// nodes the outputs depend on, in the same topological order; each node is
/// `activation(bias + response × aggregation(weight × source))`; an output that
/// is not computed reads 0. Every activation and aggregation of the engine has
/// an ONNX form (see docs/onnx.md for the table).
///
/// Each node becomes a short op chain: its source columns are gathered (inputs
/// with one `Gather` per run, earlier nodes as [N, 1] columns, joined with
/// `Concat` on axis 1), multiplied by a weight column with `MatMul` (sum) or
/// element-wise then reduced (the other aggregations), scaled, shifted and
/// activated. Float32 throughout, so ONNX Runtime's outputs match
/// `CompiledNetwork`'s to rounding.
///
/// ```swift
/// let bytes = try onnxModel(for: champion)
/// try Data(bytes).write(to: URL(fileURLWithPath: "champion.onnx"))
/// ```
///
/// - Parameters:
///   - genome: a valid genome (`validate()` returns nil) with at least one input and output.
///   - opset: the default-domain opset to declare, in `onnxSupportedOpsets`.
/// - Throws: `ONNXExportError` naming the genome and the problem.
/// - Complexity: O(nodes + connections) ops and bytes.
public func onnxModel(for genome: Genome, opset: Int = 13) throws -> [UInt8] {
    guard onnxSupportedOpsets.contains(opset) else {
        throw ONNXExportError.unsupportedOpset(requested: opset, supported: onnxSupportedOpsets)
    }
    guard genome.numInputs > 0, genome.numOutputs > 0 else {
        throw ONNXExportError.emptyInterface(genomeID: genome.id, inputs: genome.numInputs, outputs: genome.numOutputs)
    }
    if let problem = genome.validate() {
        throw ONNXExportError.invalidGenome(genomeID: genome.id, reason: problem)
    }
    var export = ONNXNetworkExport(network: CompiledNetwork(genome))
    export.build()
    return export.graph.model(
        graphName: "genome_\(genome.id)",
        inputs: [ONNXGraphBuilder.matrixValueInfo(name: ONNXNetworkExport.inputName, batch: "N", width: genome.numInputs)],
        outputs: [ONNXGraphBuilder.matrixValueInfo(name: ONNXNetworkExport.outputName, batch: "N", width: genome.numOutputs)],
        irVersion: opset <= 14 ? 7 : 8,
        opset: opset,
        docString: "NEAT genome \(genome.id): \(genome.numInputs) inputs, \(genome.numOutputs) outputs, "
            + "\(genome.hiddenCount) hidden nodes, \(genome.enabledConnectionCount) enabled connections"
    )
}

/// Turns a compiled network into ONNX ops, one short chain per node.
struct ONNXNetworkExport {
    static let inputName = "input"
    static let outputName = "output"

    let network: CompiledNetwork
    var graph = ONNXGraphBuilder()
    /// The [N, 1] value of each evaluated node, by compiled index.
    private var columns: [String] = []
    /// The shape [N, 1] as an int64 tensor, made on first use.
    private var columnShape: String?

    init(network: CompiledNetwork) { self.network = network }

    mutating func build() {
        let n = network.nodeCount
        columns.reserveCapacity(n)
        for k in 0..<n { columns.append(node(k)) }
        var outs = [String]()
        for o in 0..<network.outputCount {
            let s = Int(network.outputSlots[o])
            outs.append(s >= 0 ? columns[s - network.inputCount] : constantColumn(0))
        }
        graph.addNode("Concat", outs, [Self.outputName], [.int("axis", 1)])
    }

    /// Emits node `k` and returns its [N, 1] value.
    private mutating func node(_ k: Int) -> String {
        let lo = Int(network.nodeStartStorage[k]), hi = Int(network.nodeStartStorage[k + 1])
        let activation = network.nodeActivationStorage[k], aggregation = network.nodeAggregationStorage[k]
        let bias = network.nodeBiasStorage[k], response = network.nodeResponseStorage[k]
        let hint = "n\(k)"
        if lo == hi {
            // No sources: the node is a constant, computed exactly as the compiled network does.
            var empty = [Double]()
            let agg = empty.withUnsafeMutableBufferPointer { aggregation.apply(UnsafeBufferPointer($0)) }
            return constantColumn(activation.apply(bias + response * Float(agg)))
        }
        let sources = (lo..<hi).map { Int(network.connSourceStorage[$0]) }
        let weights = (lo..<hi).map { network.connWeightStorage[$0] }
        let x = gather(sources, hint: hint)
        var z = aggregate(x, weights: weights, aggregation, hint: hint)
        if response != 1 { z = graph.op("Mul", [z, graph.scalar(response)], hint: hint + "_resp") }
        if bias != 0 { z = graph.op("Add", [z, graph.scalar(bias)], hint: hint + "_bias") }
        return activate(z, activation, hint: hint)
    }

    /// The [N, fanIn] matrix of a node's sources, in the compiled order (by slot).
    private mutating func gather(_ sources: [Int], hint: String) -> String {
        let inputs = network.inputCount
        if sources == Array(0..<inputs) { return Self.inputName }
        var parts = [String]()
        var run = [Int64]()
        func flush(_ b: inout ONNXGraphBuilder) {
            guard !run.isEmpty else { return }
            let idx = b.int64s(run, dims: [run.count], hint: hint + "_idx")
            parts.append(b.op("Gather", [Self.inputName, idx], [.int("axis", 1)], hint: hint + "_in"))
            run.removeAll()
        }
        for s in sources {
            if s < inputs { run.append(Int64(s)) } else { flush(&graph); parts.append(columns[s - inputs]) }
        }
        flush(&graph)
        return parts.count == 1 ? parts[0] : graph.op("Concat", parts, [.int("axis", 1)], hint: hint + "_x")
    }

    /// Weights and aggregates the [N, fanIn] matrix `x` into an [N, 1] column.
    private mutating func aggregate(_ x: String, weights: [Float], _ aggregation: Aggregation, hint: String) -> String {
        let f = weights.count
        if aggregation == .sum {
            let w = graph.floats(weights, dims: [f, 1], hint: hint + "_w")
            return graph.op("MatMul", [x, w], hint: hint + "_sum")
        }
        let w = graph.floats(weights, dims: [1, f], hint: hint + "_w")
        let p = graph.op("Mul", [x, w], hint: hint + "_wx")
        let axes: [ONNXGraphBuilder.Attribute] = [.ints("axes", [1]), .int("keepdims", 1)]
        switch aggregation {
        case .sum: fatalError("unreachable: handled above")
        case .product: return graph.op("ReduceProd", [p], axes, hint: hint + "_prod")
        case .max: return graph.op("ReduceMax", [p], axes, hint: hint + "_max")
        case .min: return graph.op("ReduceMin", [p], axes, hint: hint + "_min")
        case .mean: return graph.op("ReduceMean", [p], axes, hint: hint + "_mean")
        case .maxabs:
            // The first value of largest magnitude, sign kept (neat-python's max(key=abs)).
            let a = graph.op("Abs", [p], hint: hint + "_abs")
            let i = graph.op("ArgMax", [a], [.int("axis", 1), .int("keepdims", 1), .int("select_last_index", 0)], hint: hint + "_argmax")
            return graph.op("GatherElements", [p, i], [.int("axis", 1)], hint: hint + "_maxabs")
        case .median:
            // Sorted descending; the middle one or two are the same as in ascending order.
            let k = graph.int64s([Int64(f)], dims: [1], hint: hint + "_k")
            let sorted = graph.op("TopK", [p, k], [.int("axis", 1), .int("largest", 1), .int("sorted", 1)],
                                  outputCount: 2, hint: hint + "_sorted")[0]
            let middle: [Int64] = f % 2 == 1 ? [Int64(f / 2)] : [Int64(f / 2 - 1), Int64(f / 2)]
            let idx = graph.int64s(middle, dims: [middle.count], hint: hint + "_mid")
            let m = graph.op("Gather", [sorted, idx], [.int("axis", 1)], hint: hint + "_middle")
            return middle.count == 1 ? m : graph.op("ReduceMean", [m], axes, hint: hint + "_median")
        }
    }

    /// Applies `activation` to the [N, 1] column `z`, with the engine's clamps.
    private mutating func activate(_ z: String, _ activation: Activation, hint: String) -> String {
        let h = hint + "_" + activation.name
        func clip(_ b: inout ONNXGraphBuilder, _ v: String, _ limit: Float) -> String {
            b.op("Clip", [v, b.scalar(-limit), b.scalar(limit)], hint: h + "_clip")
        }
        func scaled(_ b: inout ONNXGraphBuilder, _ v: String, _ factor: Float) -> String {
            b.op("Mul", [v, b.scalar(factor)], hint: h + "_scale")
        }
        switch activation {
        case .steepenedSigmoid:
            return graph.op("Sigmoid", [scaled(&graph, z, 4.9)], hint: h)
        case .sigmoid:
            return graph.op("Sigmoid", [clip(&graph, scaled(&graph, z, 5), 60)], hint: h)
        case .tanh:
            return graph.op("Tanh", [clip(&graph, scaled(&graph, z, 2.5), 60)], hint: h)
        case .sin:
            return graph.op("Sin", [clip(&graph, scaled(&graph, z, 5), 60)], hint: h)
        case .gauss:
            let x = clip(&graph, z, 3.4)
            let sq = graph.op("Mul", [x, x], hint: h + "_sq")
            return graph.op("Exp", [scaled(&graph, sq, -5)], hint: h)
        case .relu:
            return graph.op("Relu", [z], hint: h)
        case .elu:
            return graph.op("Elu", [z], [.float("alpha", 1)], hint: h)
        case .lelu:
            return graph.op("LeakyRelu", [z], [.float("alpha", 0.005)], hint: h)
        case .selu:
            return graph.op("Selu", [z], [.float("alpha", 1.6732632423543772848170429916717),
                                           .float("gamma", 1.0507009873554804934193349852946)], hint: h)
        case .softplus:
            let s = graph.op("Softplus", [clip(&graph, scaled(&graph, z, 5), 60)], hint: h + "_softplus")
            return scaled(&graph, s, 0.2)
        case .identity:
            return z
        case .clamped:
            return clip(&graph, z, 1)
        case .inv:
            let isZero = graph.op("Equal", [z, graph.scalar(0)], hint: h + "_iszero")
            let r = graph.op("Reciprocal", [z], hint: h + "_recip")
            return graph.op("Where", [isZero, graph.scalar(0), r], hint: h)
        case .log:
            return graph.op("Log", [graph.op("Max", [z, graph.scalar(1e-7)], hint: h + "_floor")], hint: h)
        case .exp:
            return graph.op("Exp", [clip(&graph, z, 60)], hint: h)
        case .abs:
            return graph.op("Abs", [z], hint: h)
        case .hat:
            let a = graph.op("Abs", [z], hint: h + "_abs")
            return graph.op("Relu", [graph.op("Sub", [graph.scalar(1), a], hint: h + "_1m")], hint: h)
        case .square:
            return graph.op("Mul", [z, z], hint: h)
        case .cube:
            return graph.op("Mul", [graph.op("Mul", [z, z], hint: h + "_sq"), z], hint: h)
        }
    }

    /// An [N, 1] column holding `value` in every row.
    private mutating func constantColumn(_ value: Float) -> String {
        if columnShape == nil {
            let shape = graph.op("Shape", [Self.inputName], hint: "input_shape")
            let first = graph.int64s([0], dims: [1], hint: "i0")
            let batch = graph.op("Gather", [shape, first], [.int("axis", 0)], hint: "batch")
            let one = graph.int64s([1], dims: [1], hint: "i1")
            columnShape = graph.op("Concat", [batch, one], [.int("axis", 0)], hint: "column_shape")
        }
        let c = graph.floats([value], dims: [1, 1], hint: "const")
        return graph.op("Expand", [c, columnShape!], hint: "const_column")
    }
}
