/// Why a genome could not be exported to ONNX.
public enum ONNXExportError: Error, Equatable, CustomStringConvertible {
    /// The genome breaks an invariant (see `Genome.validate()`).
    case invalidGenome(genomeID: Int, reason: String)
    /// The genome has no inputs or no outputs, which an ONNX matrix cannot express.
    case emptyInterface(genomeID: Int, inputs: Int, outputs: Int)
    /// The requested opset is outside the range the exporter emits.
    case unsupportedOpset(requested: Int, supported: ClosedRange<Int>)

    public var description: String {
        switch self {
        case let .invalidGenome(id, reason):
            return "cannot export genome \(id) to ONNX: \(reason)"
        case let .emptyInterface(id, inputs, outputs):
            return "cannot export genome \(id) to ONNX: it needs at least one input and one output, it has \(inputs) inputs and \(outputs) outputs"
        case let .unsupportedOpset(requested, supported):
            return "ONNX opset \(requested) is not supported: use one of \(supported.lowerBound)...\(supported.upperBound)"
        }
    }
}
