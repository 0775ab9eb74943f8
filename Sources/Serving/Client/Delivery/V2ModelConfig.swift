import Foundation

/// The model configuration a v2 load carries or a Triton repository holds.
enum V2ModelConfig {
    /// The `config` parameter of a load with the file inline: a JSON object as a
    /// string. ONNX files name Triton's `onnxruntime` backend (the ONNX Runtime
    /// service checks it); a neat-python JSON file names only the model.
    static func json(name: String, format: ModelFileFormat) -> String {
        let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        switch format {
        case .onnx: return "{\"name\":\(quoted),\"backend\":\"onnxruntime\"}"
        case .json: return "{\"name\":\(quoted)}"
        }
    }

    /// Triton's `config.pbtxt` for a network of `inputs` → `outputs` FP32 values,
    /// batch dimension free (`max_batch_size: 0`, dims `[-1, n]`).
    static func pbtxt(name: String, inputName: String, outputName: String, inputs: Int, outputs: Int) -> String {
        """
        name: "\(name)"
        backend: "onnxruntime"
        max_batch_size: 0
        input [ { name: "\(inputName)" data_type: TYPE_FP32 dims: [ -1, \(inputs) ] } ]
        output [ { name: "\(outputName)" data_type: TYPE_FP32 dims: [ -1, \(outputs) ] } ]

        """
    }

    /// MLServer's `model-settings.json` for the ONNX runtime in `services/mlserver-onnx`.
    static func mlserverSettings(name: String) -> String {
        "{\"name\": \"\(name)\", \"implementation\": \"mlserver_onnx.OnnxRuntimeModel\", \"parameters\": {\"uri\": \"./model.onnx\"}}\n"
    }
}
