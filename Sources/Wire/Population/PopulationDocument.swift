/// The body of `PUT /v1/population`, split into its networks:
/// `{"models": {"ID": <neat-python network JSON>, ...}, "default": "ID"}`
/// (`"default"` optional).
///
/// Only the structure is read here (ids, where each network's bytes are: found by
/// their brackets, `JSONScanner.skipContainer`); the networks are decoded, and
/// checked, afterwards, off the event loop and in parallel. Ids are
/// checked (none empty, none over `maxIDBytes`, none twice) and their number
/// against `maxPopulation` as they are read.
package struct PopulationDocument: Sendable {
    /// Each model's id and the byte range of its network in the body, in body order.
    package var models: [(id: String, range: Range<Int>)]
    /// The model `/infer` uses when a request names none, if given.
    package var defaultID: String?

    /// Splits `raw`; throws a 400 naming the problem and its byte offset, or a 413 over a limit.
    package static func split(_ raw: UnsafeRawBufferPointer, limits: ServerLimits) throws(ServingError) -> PopulationDocument {
        guard raw.count > 0 else { throw .badRequest("empty body: send {\"models\": {\"ID\": <network>, ...}}") }
        var s = JSONScanner(raw)
        var doc = PopulationDocument(models: [], defaultID: nil)
        var sawModels = false
        try s.expect(UInt8(ascii: "{"), "'{' (the body must be {\"models\": {\"ID\": <network>, ...}})")
        if s.peek() == UInt8(ascii: "}") { s.index += 1 } else {
            repeat {
                let keyOffset = s.index
                let key = try s.readString()
                try s.expect(UInt8(ascii: ":"), "':' after an object key")
                switch key {
                case "models":
                    guard !sawModels else { throw .badRequest("key \"models\" appears twice (byte \(keyOffset))") }
                    sawModels = true
                    try readModels(&s, into: &doc, limits: limits)
                case "default":
                    if !s.skipNull() {
                        guard s.peek() == UInt8(ascii: "\"") else { throw s.error(expected: "a model id string for \"default\"") }
                        doc.defaultID = try s.readString()
                    }
                default:
                    throw .badRequest("unknown key \"\(key)\" at byte \(keyOffset): expected \"models\" or \"default\"")
                }
            } while try s.nextElement(close: UInt8(ascii: "}"), in: "the population object")
        }
        try s.expectEnd()
        guard sawModels else { throw .badRequest("missing key \"models\": send {\"models\": {\"ID\": <network>, ...}}") }
        return doc
    }

    private static func readModels(_ s: inout JSONScanner, into doc: inout PopulationDocument, limits: ServerLimits) throws(ServingError) {
        var seen = Set<String>()
        try s.expect(UInt8(ascii: "{"), "'{' (\"models\" maps each model id to its network)")
        if s.peek() == UInt8(ascii: "}") { s.index += 1; return }
        repeat {
            guard doc.models.count < limits.maxPopulation else {
                throw .overLimit("\"models\"", doc.models.count + 1, "networks", limit: limits.maxPopulation, setting: "--max-population")
            }
            let idOffset = s.index
            let id = try s.readString()
            try limits.checkID(id, what: "model id")
            guard seen.insert(id).inserted else { throw .badRequest("model id '\(id)' appears twice (byte \(idOffset))") }
            try s.expect(UInt8(ascii: ":"), "':' after a model id")
            s.skipWhitespace()
            let start = s.index
            try s.skipContainer()  // its decoder reads (and checks) it all
            doc.models.append((id, start..<s.index))
        } while try s.nextElement(close: UInt8(ascii: "}"), in: "\"models\"")
    }
}
