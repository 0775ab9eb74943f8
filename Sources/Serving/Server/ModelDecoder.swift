import Engine
import Wire

/// Turns the JSON bytes of one uploaded network into a validated `Genome`.
///
/// The server uses `.neatPython` (neat-python's network JSON format 1.0); tests
/// inject their own. A decoder checks the document against the limits it is
/// given and throws `ServingError` (400, or 413 over a limit) or any error whose
/// description says what was wrong.
public struct ModelDecoder: Sendable {
    public let decode: @Sendable (_ json: UnsafeRawBufferPointer, _ limits: NetworkLimits) throws -> Genome

    public init(_ decode: @escaping @Sendable (_ json: UnsafeRawBufferPointer, _ limits: NetworkLimits) throws -> Genome) {
        self.decode = decode
    }

    /// Decodes `json`, mapping any failure to a 400 (413 over a limit) naming the model.
    func genome(id: String, json: UnsafeRawBufferPointer, limits: NetworkLimits) throws(ServingError) -> Genome {
        do {
            return try decode(json, limits)
        } catch let e as ServingError {
            throw ServingError(e.status, "model '\(id)' is \(e.message)")
        } catch {
            throw .badRequest("model '\(id)' is not a valid neat-python network JSON (format 1.0): \(error)")
        }
    }
}
