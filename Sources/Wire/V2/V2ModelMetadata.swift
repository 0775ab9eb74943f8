/// A v2 server's `GET /v2/models/{name}` answer, as a load generator needs it:
/// the model's first input's name, datatype and shape.
///
/// `{"name":"M","inputs":[{"name":"input","datatype":"FP32","shape":[-1,100]}],...}`;
/// unknown members are ignored. The width of a request's vectors is the last
/// dimension of that shape when it is a whole number in 1...2^24.
package struct V2ModelMetadata: Equatable, Sendable {
    package var name: String
    package var inputName: String
    package var datatype: String
    /// -1 for a variable dimension; nil for one that was not a whole number.
    package var shape: [Int?]

    /// The vector width: the last dimension, when known and positive.
    package var width: Int? {
        guard let last = shape.last, let w = last, w >= 1 else { return nil }
        return w
    }

    /// Parses the metadata object; nil if it is not one or names no input.
    package static func parse(_ bytes: UnsafeRawBufferPointer) -> V2ModelMetadata? {
        var meta = V2ModelMetadata(name: "", inputName: "", datatype: "", shape: [])
        var sawInput = false
        let whole = JSONScanner.readWholeObject(bytes) { s, key throws(ServingError) in
            switch (key, s.peek()) {
            case ("name", UInt8(ascii: "\"")): meta.name = try s.readString()
            case ("inputs", UInt8(ascii: "[")):
                _ = try s.readArray { s throws(ServingError) in
                    if !sawInput, s.peek() == UInt8(ascii: "{") {
                        sawInput = true
                        try readInput(&s, into: &meta)
                    } else {
                        try s.skipValue()
                    }
                    return true
                }
            default: try s.skipValue()
            }
        }
        return whole && sawInput && !meta.inputName.isEmpty ? meta : nil
    }

    private static func readInput(_ s: inout JSONScanner, into meta: inout V2ModelMetadata) throws(ServingError) {
        _ = try s.readObject { s, key throws(ServingError) in
            switch (key, s.peek()) {
            case ("name", UInt8(ascii: "\"")): meta.inputName = try s.readString()
            case ("datatype", UInt8(ascii: "\"")): meta.datatype = try s.readString()
            case ("shape", UInt8(ascii: "[")):
                _ = try s.readArray { s throws(ServingError) in
                    if meta.shape.count >= 16 { try s.skipValue(); return true }
                    if s.peek() == UInt8(ascii: "-") {
                        let f = try s.readFloat()
                        meta.shape.append(f == -1 ? -1 : nil)
                    } else {
                        meta.shape.append(try ModelListing.readWidth(&s))
                    }
                    return true
                }
            default: try s.skipValue()
            }
            return true
        }
    }
}
