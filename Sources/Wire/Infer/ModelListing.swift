/// A dashboard server's `GET /v1/models` answer, as a client needs it: the
/// default model's id and each model's input width.
///
/// `{"default":"ID"|null,"models":[{"id":"ID","inputs":N,...},...]}`; unknown
/// members are ignored, a model without a string id or a whole `inputs` in
/// 1...16777216 is skipped, and at most 4096 models are kept (the answer is
/// the server's, so hostile bytes are refused, never trusted).
package struct ModelListing: Equatable, Sendable {
    package var defaultID: String?
    package var models: [(id: String, inputs: Int)]

    package static func == (a: ModelListing, b: ModelListing) -> Bool {
        a.defaultID == b.defaultID && a.models.elementsEqual(b.models) { $0.id == $1.id && $0.inputs == $1.inputs }
    }

    /// The input width of model `id`, if listed.
    package func inputs(of id: String) -> Int? { models.first { $0.id == id }?.inputs }

    /// Parses the listing; nil if it is not one (not an object, bad JSON).
    package static func parse(_ bytes: UnsafeRawBufferPointer) -> ModelListing? {
        var listing = ModelListing(defaultID: nil, models: [])
        let whole = JSONScanner.readWholeObject(bytes) { s, key throws(ServingError) in
            switch (key, s.peek()) {
            case ("default", UInt8(ascii: "\"")): listing.defaultID = try s.readString()
            case ("models", UInt8(ascii: "[")):
                _ = try s.readArray { s throws(ServingError) in
                    if let m = try readModel(&s), listing.models.count < 4096 { listing.models.append(m) }
                    return true
                }
            default: try s.skipValue()
            }
        }
        return whole ? listing : nil
    }

    private static func readModel(_ s: inout JSONScanner) throws(ServingError) -> (id: String, inputs: Int)? {
        guard s.peek() == UInt8(ascii: "{") else { try s.skipValue(); return nil }
        var id: String?, inputs: Int?
        _ = try s.readObject { s, key throws(ServingError) in
            switch (key, s.peek()) {
            case ("id", UInt8(ascii: "\"")): id = try s.readString()
            case ("inputs", _): inputs = try readWidth(&s)
            default: try s.skipValue()
            }
            return true
        }
        guard let id, let inputs else { return nil }
        return (id, inputs)
    }

    /// A whole number in 1...2^24 (a vector width), else nil; anything not a number is skipped.
    static func readWidth(_ s: inout JSONScanner) throws(ServingError) -> Int? {
        guard let b = s.peek(), b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) else {
            try s.skipValue()
            return nil
        }
        let f = try s.readFloat()
        guard f >= 1, f <= 16_777_216, f == f.rounded() else { return nil }
        return Int(f)
    }
}
