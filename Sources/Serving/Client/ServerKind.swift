/// Which HTTP API dialect the remote server speaks: the value of `--server-kind`.
///
/// Both servers share the `/infer` API; they differ in the model format that
/// `PUT /v1/population` takes (neat-python network JSON for `dashboard serve`,
/// base64 ONNX for the ONNX Runtime service).
public enum ServerKind: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// Ask `GET /healthz` (its `"server"` field) which one it is.
    case auto
    /// The built-in server, `dashboard serve`.
    case dashboard
    /// The Python ONNX Runtime service in `services/onnx-server/`.
    case onnxruntime

    /// Parses an option value, with an error that lists the allowed values.
    public init(parsing text: String) throws(RemoteError) {
        guard let kind = ServerKind(rawValue: text.lowercased()) else {
            throw .client("--server-kind: unknown value '\(text)'; expected one of \(ServerKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = kind
    }

    public var description: String { rawValue }
}
