/// Reads one top-level string field of a small JSON object: the `"server"` of
/// `/healthz`, the `"error"` of an error body. For cold paths only.
package enum JSONField {
    /// The string value of `key` in the top-level object `text`, or nil (not an
    /// object, no such key, not a string, malformed JSON).
    package static func string(_ key: String, in text: String) -> String? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBytes { raw -> String? in
            var s = JSONScanner(UnsafeRawBufferPointer(raw))
            var found: String?
            do throws(ServingError) {
                let complete = try s.readObject { s, k throws(ServingError) in
                    if k == key, found == nil, s.peek() == UInt8(ascii: "\"") { found = try s.readString() } else { try s.skipValue() }
                    return true
                }
                guard complete else { return nil }
                try s.expectEnd()
            } catch {
                return nil
            }
            return found
        }
    }

    /// What an error response says: its `"error"` text, else the start of the body.
    package static func errorMessage(in text: String) -> String {
        if let message = string("error", in: text) { return message }
        if text.isEmpty { return "(empty body)" }
        return text.count > 200 ? "\(text.prefix(200))…" : text
    }
}
