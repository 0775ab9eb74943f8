import Engine

/// Turns a genome into what a server takes for one model: the JSON value of
/// `PUT /v1/population` (a neat-python network JSON object for `dashboard
/// serve`, a base64 string of ONNX bytes for the ONNX Runtime service), or the
/// bytes of a model file for a v2 load or a repository folder (ONNX, or
/// neat-python network JSON).
///
/// Injected so tests (and other servers) can choose their own encoding.
public struct ModelEncoder: Sendable {
    /// Returns the JSON text of one model for a server of kind `kind`
    /// (`.dashboard` or `.onnxruntime`, never `.auto`).
    public var encode: @Sendable (_ genome: Genome, _ kind: ServerKind) throws -> String
    /// Returns the bytes of one model file in `format`.
    public var file: @Sendable (_ genome: Genome, _ format: ModelFileFormat) throws -> [UInt8]

    public init(encode: @escaping @Sendable (_ genome: Genome, _ kind: ServerKind) throws -> String,
                file: @escaping @Sendable (_ genome: Genome, _ format: ModelFileFormat) throws -> [UInt8] = ModelEncoder.standardFile) {
        self.encode = encode
        self.file = file
    }

    /// ONNX from `onnxModel(for:)`, or the compact neat-python network JSON.
    public static let standardFile: @Sendable (Genome, ModelFileFormat) throws -> [UInt8] = { genome, format in
        switch format {
        case .onnx: return try onnxModel(for: genome)
        case .json: return Array(genome.neatPythonCompactJSON().utf8)
        }
    }
}
