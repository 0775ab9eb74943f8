import Engine
import Foundation
import Wire

extension ModelDecoder {
    /// neat-python's network JSON format 1.0, via `Genome(neatPythonNetwork:limits:)`.
    ///
    /// Plain documents are read by `NeatPythonNetworkReader` (byte level, no
    /// Foundation); anything it cannot read — including every malformed one — goes
    /// through `Genome(neatPythonJSON:limits:)`, which reads it the same way or says
    /// what is wrong with it. A document over a limit is a 413 naming the setting.
    public static let neatPython = ModelDecoder { bytes, limits in
        do throws(NeatPythonNetworkError) {
            if let doc = NeatPythonNetworkReader.read(bytes) {
                return try Genome(neatPythonNetwork: doc, limits: limits)
            }
            return try Genome(neatPythonJSON: Data(bytes), limits: limits)
        } catch {
            if error.limit != nil {
                throw ServingError(.contentTooLarge, "over a limit: \(error.field): \(error.message)")
            }
            if error.field.isEmpty, let problem = syntaxProblem(in: bytes) ?? unrepresentableNumber(in: bytes) {
                throw ServingError.badRequest("not a valid neat-python network JSON (format 1.0): \(problem)")
            }
            throw ServingError.badRequest("not a valid neat-python network JSON (format 1.0): \(error)")
        }
    }

    /// The keys of neat-python network JSON that hold whole numbers.
    static let integerKeys: Set<String> = [
        "id", "from", "to", "innovation", "num_inputs", "num_outputs", "input_keys", "output_keys", "genome_id", "generation",
    ]

    /// What is malformed in a document that Foundation calls "not valid JSON", with its byte offset, if it is malformed.
    static func syntaxProblem(in bytes: UnsafeRawBufferPointer) -> String? {
        var s = JSONScanner(bytes)
        do throws(ServingError) {
            try s.skipValue()
            try s.expectEnd()
            return nil
        } catch {
            return error.message
        }
    }

    /// Where a document that Foundation calls "not valid JSON" has a number no field can hold, if that is why.
    static func unrepresentableNumber(in bytes: UnsafeRawBufferPointer) -> String? {
        var s = JSONScanner(bytes)
        return try? s.firstUnrepresentableNumber(isIntegerKey: { integerKeys.contains($0) })
    }
}
