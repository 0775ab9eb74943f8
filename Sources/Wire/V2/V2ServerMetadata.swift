/// A v2 server's `GET /v2` answer, as a client needs it: its name and the
/// extensions it lists (`binary_tensor_data`, `model_repository`).
package struct V2ServerMetadata: Equatable, Sendable {
    package var name: String
    package var version: String
    package var extensions: [String]

    /// Parses the metadata object; nil if it is not one (no string `name`).
    /// Unknown members are ignored; a missing `extensions` is an empty list.
    package static func parse(_ text: String) -> V2ServerMetadata? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBytes { raw -> V2ServerMetadata? in
            var meta = V2ServerMetadata(name: "", version: "", extensions: [])
            var named = false
            let whole = JSONScanner.readWholeObject(UnsafeRawBufferPointer(raw)) { s, key throws(ServingError) in
                switch (key, s.peek()) {
                case ("name", UInt8(ascii: "\"")): meta.name = try s.readString(); named = true
                case ("version", UInt8(ascii: "\"")): meta.version = try s.readString()
                case ("extensions", UInt8(ascii: "[")):
                    _ = try s.readArray { s throws(ServingError) in
                        if s.peek() == UInt8(ascii: "\""), meta.extensions.count < 256 { meta.extensions.append(try s.readString()) } else { try s.skipValue() }
                        return true
                    }
                default: try s.skipValue()
                }
            }
            return whole && named ? meta : nil
        }
    }
}
