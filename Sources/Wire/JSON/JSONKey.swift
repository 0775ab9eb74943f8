/// An object key as `JSONScanner.readFields` found it: its bytes in the body,
/// matched against `case "name":` patterns with no `String` made. A key written
/// with escapes is unescaped once and matched by its text.
///
/// ```swift
/// try s.readFields { s, key throws(ServingError) in
///     switch key {
///     case "weight": weight = try s.readFloat()
///     default: try s.skipValue()
///     }
///     return true
/// }
/// ```
///
/// Valid only inside the `member` call that got it: it points into the body.
package struct JSONKey {
    /// The bytes between the quotes (escapes still in them when `unescaped` is set).
    private let raw: UnsafeRawBufferPointer
    private let unescaped: String?

    init(raw: UnsafeRawBufferPointer, unescaped: String?) {
        self.raw = raw
        self.unescaped = unescaped
    }

    /// The key as text (made on each call: for messages and the rare key kept).
    package var string: String { unescaped ?? String(decoding: raw, as: UTF8.self) }

    @inline(__always)
    package static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        let p = UnsafeRawBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        if let text = key.unescaped { return text.utf8.elementsEqual(p) }
        guard key.raw.count == p.count else { return false }
        for i in 0..<p.count where key.raw[i] != p[i] { return false }
        return true
    }
}
