import Engine
import Foundation

extension ModelEncoder {
    /// The encodings the two servers take: the neat-python network JSON object
    /// (`Genome.neatPythonCompactJSON()`: the document `neatPythonJSON()` writes,
    /// without whitespace, several times faster) for `dashboard serve`, a base64 string of the
    /// ONNX model (`onnxModel(for:)`) for the ONNX Runtime service.
    public static let standard = ModelEncoder { genome, kind in
        switch kind {
        case .dashboard, .auto:
            return genome.neatPythonCompactJSON()
        case .onnxruntime:
            // Standard base64 alphabet: no characters that need JSON escaping.
            return "\"" + Data(try onnxModel(for: genome)).base64EncodedString() + "\""
        }
    }
}
