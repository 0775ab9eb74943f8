import Engine
import Foundation

extension ModelDecoder {
    /// neat-python's network JSON format 1.0, via `Genome(neatPythonNetwork:)`.
    ///
    /// Plain documents are read by `NeatPythonNetworkReader` (byte level, no
    /// Foundation); anything it cannot read — including every malformed one — goes
    /// through `Genome(neatPythonJSON:)`, which reads it the same way or says
    /// what is wrong with it.
    public static let neatPython = ModelDecoder { bytes in
        do {
            if let doc = NeatPythonNetworkReader.read(bytes) {
                return try Genome(neatPythonNetwork: doc)
            }
            return try Genome(neatPythonJSON: Data(bytes))
        } catch {
            throw ServingError.badRequest("not a valid neat-python network JSON (format 1.0): \(error)")
        }
    }
}
