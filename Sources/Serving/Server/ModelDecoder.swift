import Engine

/// Turns the JSON text of one uploaded network into a `Genome`.
///
/// The server uses `.neatPython` (neat-python's network JSON format 1.0); tests
/// inject their own. A decoder throws `ServingError` (400) or any error whose
/// description says what was wrong.
public struct ModelDecoder: Sendable {
    public let decode: @Sendable (_ json: [UInt8]) throws -> Genome

    public init(_ decode: @escaping @Sendable (_ json: [UInt8]) throws -> Genome) {
        self.decode = decode
    }

    /// Decodes `json`, mapping any failure to a 400 naming the model.
    func genome(id: String, json: [UInt8]) throws(ServingError) -> Genome {
        do {
            return try decode(json)
        } catch let e as ServingError {
            throw ServingError(e.status, "model '\(id)' is \(e.message)")
        } catch {
            throw .badRequest("model '\(id)' is not a valid neat-python network JSON (format 1.0): \(error)")
        }
    }
}
