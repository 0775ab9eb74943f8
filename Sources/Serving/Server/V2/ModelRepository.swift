import Foundation
import Wire

/// A folder of networks that `POST /v2/repository/models/{name}/load` reads
/// when the request carries no file (`dashboard serve --model-repository DIR`),
/// in Triton's layout (`DIR/NAME/<version>/model.json`, the highest version) or
/// MLServer's (`DIR/NAME/model.json`, version "1").
public struct ModelRepository: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The model folders in the repository, sorted.
    func modelNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// The version and bytes of model `name`'s network, or 404 saying where it looked.
    func network(named name: String) throws(ServingError) -> (String, [UInt8]) {
        let folder = directory + "/" + name
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).compactMap { Int($0) }.sorted()
        for version in versions.reversed() {
            if let data = FileManager.default.contents(atPath: "\(folder)/\(version)/model.json") { return (String(version), Array(data)) }
        }
        if let data = FileManager.default.contents(atPath: folder + "/model.json") { return ("1", Array(data)) }
        throw ServingError(.notFound, "model '\(name)' is not in the model repository \(directory) "
            + "(looked for \(name)/model.json and \(name)/<version>/model.json)")
    }
}
