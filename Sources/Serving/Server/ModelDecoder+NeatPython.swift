import Engine
import Foundation

extension ModelDecoder {
    /// neat-python's network JSON format 1.0, via `Genome(neatPythonJSON:)`.
    public static let neatPython = ModelDecoder { bytes in
        do {
            return try Genome(neatPythonJSON: Data(bytes))
        } catch {
            throw ServingError.badRequest("not a valid neat-python network JSON (format 1.0): \(error)")
        }
    }
}
