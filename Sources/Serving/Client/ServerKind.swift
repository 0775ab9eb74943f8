/// Which HTTP API dialect the remote server speaks: the value of `--server-kind`.
///
/// Both servers share the `/infer` API; they differ in the model format that
/// `PUT /v1/population` takes (neat-python network JSON for `dashboard serve`,
/// base64 ONNX for the ONNX Runtime service).
public enum ServerKind: String, Sendable, Hashable, OptionValue {
    public static let optionName = "--server-kind"

    /// Ask `GET /healthz` (its `"server"` field) which one it is.
    case auto
    /// The built-in server, `dashboard serve`.
    case dashboard
    /// The Python ONNX Runtime service in `services/onnx-server/`.
    case onnxruntime
}
