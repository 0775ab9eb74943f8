import Foundation

/// Writes networks into a model repository folder that a v2 server loads from
/// (MLServer, Triton in explicit model-control mode), in that server's layout:
///
/// - MLServer: `DIR/NAME/model-settings.json` and `DIR/NAME/model.onnx`
/// - Triton: `DIR/NAME/config.pbtxt` and `DIR/NAME/1/model.onnx`
///
/// A model's folder is built under a hidden temporary name in `DIR` and renamed
/// into place, so a server scanning the folder never sees half a model.
struct ModelRepositoryWriter {
    let directory: String
    let layout: RepositoryLayout
    let inputName: String
    let outputName: String

    /// Writes model `name`; returns the bytes written.
    func write(name: String, onnx: [UInt8], inputs: Int, outputs: Int) throws(RemoteError) -> Int {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let final = root.appendingPathComponent(name, isDirectory: true)
        let staging = root.appendingPathComponent(".\(name).partial-\(getpid())", isDirectory: true)
        do {
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            var files: [(String, Data)]
            switch layout {
            case .mlserver:
                files = [("model-settings.json", Data(V2ModelConfig.mlserverSettings(name: name).utf8)), ("model.onnx", Data(onnx))]
            case .triton:
                let config = V2ModelConfig.pbtxt(name: name, inputName: inputName, outputName: outputName, inputs: inputs, outputs: outputs)
                files = [("config.pbtxt", Data(config.utf8)), ("1/model.onnx", Data(onnx))]
            }
            var bytes = 0
            for (path, data) in files {
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
                bytes += data.count
            }
            if fm.fileExists(atPath: final.path) { try fm.removeItem(at: final) }
            try fm.moveItem(at: staging, to: final)
            return bytes
        } catch {
            try? fm.removeItem(at: staging)
            throw .client("cannot write model \(name) into the model repository \(directory) (\(layout) layout): \(error.localizedDescription)")
        }
    }

    /// Removes model `name`'s folder (nothing if absent).
    func remove(name: String) {
        let url = URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(name, isDirectory: true)
        try? FileManager.default.removeItem(at: url)
    }
}
