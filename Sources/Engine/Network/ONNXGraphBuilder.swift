/// Accumulates the nodes and initializers of one ONNX graph and encodes them.
///
/// Field numbers are those of `onnx/onnx.proto` (ModelProto, GraphProto,
/// NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto,
/// TensorShapeProto). Every tensor this builder makes is float32 or int64.
struct ONNXGraphBuilder {
    /// One attribute of a node.
    enum Attribute {
        case int(String, Int64)
        case float(String, Float)
        case ints(String, [Int64])
    }

    private(set) var nodes: [ProtobufWriter] = []
    private(set) var initializers: [ProtobufWriter] = []
    private var counter = 0
    private var floatScalars: [UInt32: String] = [:]

    // TensorProto.DataType
    static let float32: Int64 = 1
    static let int64: Int64 = 7

    /// A fresh, unique value name.
    mutating func fresh(_ hint: String) -> String {
        counter += 1
        return "t\(counter)_\(hint)"
    }

    /// Adds a node with one output and returns that output's name.
    @discardableResult
    mutating func op(_ type: String, _ inputs: [String], _ attributes: [Attribute] = [], hint: String) -> String {
        op(type, inputs, attributes, outputCount: 1, hint: hint)[0]
    }

    /// Adds a node with `outputCount` outputs and returns their names.
    mutating func op(_ type: String, _ inputs: [String], _ attributes: [Attribute] = [], outputCount: Int, hint: String) -> [String] {
        let outputs = (0..<outputCount).map { i in fresh(outputCount == 1 ? hint : "\(hint)\(i)") }
        addNode(type, inputs, outputs, attributes)
        return outputs
    }

    /// Adds a node writing the given output names (for the graph's own outputs).
    mutating func addNode(_ type: String, _ inputs: [String], _ outputs: [String], _ attributes: [Attribute] = []) {
        var n = ProtobufWriter()
        for i in inputs { n.string(1, i) }
        for o in outputs { n.string(2, o) }
        n.string(3, outputs[0])       // node name: its first output, unique
        n.string(4, type)
        for a in attributes {
            var w = ProtobufWriter()
            switch a {
            case let .int(name, v):
                w.string(1, name); w.int64(3, v); w.int64(20, 2)       // AttributeType.INT
            case let .float(name, v):
                w.string(1, name); w.float(2, v); w.int64(20, 1)       // AttributeType.FLOAT
            case let .ints(name, vs):
                w.string(1, name); w.packedInt64(8, vs); w.int64(20, 7) // AttributeType.INTS
            }
            n.message(5, w)
        }
        nodes.append(n)
    }

    /// A float32 initializer; returns its name.
    mutating func floats(_ values: [Float], dims: [Int], hint: String) -> String {
        precondition(dims.reduce(1, *) == values.count, "tensor \(hint): \(values.count) values for dims \(dims)")
        let name = fresh(hint)
        var raw = ProtobufWriter()
        for v in values { raw.appendLittleEndian(v.bitPattern) }
        addInitializer(name: name, dims: dims, type: Self.float32, raw: raw.bytes)
        return name
    }

    /// A float32 scalar (rank 0) initializer, shared by every use of the same value.
    mutating func scalar(_ value: Float) -> String {
        if let name = floatScalars[value.bitPattern] { return name }
        let name = floats([value], dims: [], hint: "c")
        floatScalars[value.bitPattern] = name
        return name
    }

    /// An int64 initializer; returns its name.
    mutating func int64s(_ values: [Int64], dims: [Int], hint: String) -> String {
        precondition(dims.reduce(1, *) == values.count, "tensor \(hint): \(values.count) values for dims \(dims)")
        let name = fresh(hint)
        var raw = ProtobufWriter()
        for v in values {
            let u = UInt64(bitPattern: v)
            raw.appendLittleEndian(UInt32(truncatingIfNeeded: u))
            raw.appendLittleEndian(UInt32(truncatingIfNeeded: u >> 32))
        }
        addInitializer(name: name, dims: dims, type: Self.int64, raw: raw.bytes)
        return name
    }

    private mutating func addInitializer(name: String, dims: [Int], type: Int64, raw: [UInt8]) {
        var t = ProtobufWriter()
        if !dims.isEmpty { t.packedInt64(1, dims.map(Int64.init)) }
        t.int64(2, type)
        t.string(8, name)
        t.bytesField(9, raw)
        initializers.append(t)
    }

    /// A ValueInfoProto for a float32 tensor of shape [`batch`, `width`], `batch` symbolic.
    static func matrixValueInfo(name: String, batch: String, width: Int) -> ProtobufWriter {
        var batchDim = ProtobufWriter(); batchDim.string(2, batch)          // dim_param
        var widthDim = ProtobufWriter(); widthDim.int64(1, Int64(width))    // dim_value
        var shape = ProtobufWriter(); shape.message(1, batchDim); shape.message(1, widthDim)
        var tensor = ProtobufWriter(); tensor.int64(1, float32); tensor.message(2, shape)
        var type = ProtobufWriter(); type.message(1, tensor)
        var info = ProtobufWriter(); info.string(1, name); info.message(2, type)
        return info
    }

    /// Encodes the graph into a ModelProto.
    func model(graphName: String, inputs: [ProtobufWriter], outputs: [ProtobufWriter],
               irVersion: Int, opset: Int, docString: String) -> [UInt8] {
        var g = ProtobufWriter()
        for n in nodes { g.message(1, n) }
        g.string(2, graphName)
        for t in initializers { g.message(5, t) }
        for i in inputs { g.message(11, i) }
        for o in outputs { g.message(12, o) }
        var opsetID = ProtobufWriter()
        opsetID.string(1, "")
        opsetID.int64(2, Int64(opset))
        var m = ProtobufWriter()
        m.int64(1, Int64(irVersion))
        m.string(2, "dashboard")
        m.string(3, "1")
        m.string(6, docString)
        m.message(7, g)
        m.message(8, opsetID)
        return m.bytes
    }
}
