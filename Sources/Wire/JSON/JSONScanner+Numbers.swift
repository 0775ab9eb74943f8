extension JSONScanner {
    /// Walks the value at the current position for the first number a reader
    /// cannot hold: a whole number beyond 64 bits where `isIntegerKey` says the
    /// key holds an integer, or any number beyond `Double`'s range (`1e999`).
    /// Returns "`path`: `text` …" naming where it is (`connections[0].from`), or nil.
    ///
    /// For error messages: a decoder that only says "not valid JSON" is told
    /// which field and which value it choked on.
    package mutating func firstUnrepresentableNumber(isIntegerKey: (String) -> Bool, path: String = "",
                                                     integer: Bool = false, depth: Int = 0) throws(ServingError) -> String? {
        guard depth < Self.maxDepth else { throw error(expected: "nesting at most \(Self.maxDepth) levels deep") }
        guard let b = peek() else { throw error(expected: "a value") }
        switch b {
        case UInt8(ascii: "{"):
            index += 1
            if peek() == UInt8(ascii: "}") { index += 1; return nil }
            repeat {
                let key = try readString()
                try expect(UInt8(ascii: ":"), "':' after an object key")
                let sub = path.isEmpty ? key : path + "." + key
                if let found = try firstUnrepresentableNumber(isIntegerKey: isIntegerKey, path: sub, integer: isIntegerKey(key), depth: depth + 1) {
                    return found
                }
            } while try nextElement(close: UInt8(ascii: "}"), in: "an object")
        case UInt8(ascii: "["):
            index += 1
            if peek() == UInt8(ascii: "]") { index += 1; return nil }
            var i = 0
            repeat {
                if let found = try firstUnrepresentableNumber(isIntegerKey: isIntegerKey, path: "\(path)[\(i)]", integer: integer, depth: depth + 1) {
                    return found
                }
                i += 1
            } while try nextElement(close: UInt8(ascii: "]"), in: "an array")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            _ = try scanNumber()
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if integer, Int64(text) == nil, !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                return "\(path): \(text) does not fit a 64-bit integer"
            }
            if let d = Double(text), !d.isFinite { return "\(path): \(text) is beyond the range of a double (±1.8e308)" }
        default:
            try skipValue(depth: depth)
        }
        return nil
    }
}
