import Engine

extension ModelEncoder {
    /// The encodings the two servers take: neat-python network JSON for
    /// `dashboard serve`, base64 ONNX for the ONNX Runtime service.
    public static let standard = ModelEncoder { genome, kind in
        switch kind {
        case .dashboard, .auto:
            throw RemoteError.client("neat-python JSON export is not merged yet")
        case .onnxruntime:
            throw RemoteError.client("ONNX export is not merged yet")
        }
    }
}
