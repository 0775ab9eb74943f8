import Engine

/// Turns a genome into the JSON value the server's `PUT /v1/population` takes
/// for one model: a neat-python network JSON object for `dashboard serve`, a
/// base64 string of ONNX bytes for the ONNX Runtime service.
///
/// Injected so tests (and other servers) can choose their own encoding.
public struct ModelEncoder: Sendable {
    /// Returns the JSON text of one model for a server of kind `kind`
    /// (`.dashboard` or `.onnxruntime`, never `.auto`).
    public var encode: @Sendable (_ genome: Genome, _ kind: ServerKind) throws -> String

    public init(encode: @escaping @Sendable (_ genome: Genome, _ kind: ServerKind) throws -> String) {
        self.encode = encode
    }
}
