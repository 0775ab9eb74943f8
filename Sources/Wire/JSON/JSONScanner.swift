/// A byte-level JSON scanner over one contiguous request body.
///
/// The server's hot path (`POST /infer`) reads its body with this scanner instead
/// of Foundation: no intermediate objects, numbers parsed straight into `Float`.
/// Every error names the byte offset and what was expected and found.
///
/// The scanner borrows its bytes: use it inside `ByteBuffer.withUnsafeReadableBytes`.
package struct JSONScanner {
    package let bytes: UnsafeRawBufferPointer
    /// Offset of the next unread byte.
    package var index: Int = 0
    /// Deepest nesting `skipValue` accepts (bounds recursion on hostile input).
    package static let maxDepth = 256

    package init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    package var isAtEnd: Bool { index >= bytes.count }

    /// Moves past spaces, tabs and line breaks.
    @inline(__always)
    package mutating func skipWhitespace() {
        var i = index
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            guard b <= 0x20, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { break }
            i += 1
        }
        index = i
    }

    /// The next non-whitespace byte, not consumed; nil at the end.
    @inline(__always)
    package mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    /// Consumes `byte` (after whitespace) or throws "expected `what`".
    @inline(__always)
    package mutating func expect(_ byte: UInt8, _ what: StaticString) throws(ServingError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { throw error(expected: "\(what)") }
        index += 1
    }

    /// After an element of an array or object: consumes `,` and returns true, or
    /// consumes `close` and returns false.
    @inline(__always)
    package mutating func nextElement(close: UInt8, in what: StaticString) throws(ServingError) -> Bool {
        skipWhitespace()
        if index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: ",") { index += 1; return true }
            if b == close { index += 1; return false }
        }
        throw error(expected: "',' or '\(Character(Unicode.Scalar(close)))' in \(what)")
    }

    /// Throws unless only whitespace is left.
    package mutating func expectEnd() throws(ServingError) {
        skipWhitespace()
        guard isAtEnd else { throw error(expected: "end of body after the top-level value") }
    }

    /// A "malformed JSON" error at the current offset.
    package func error(expected: String) -> ServingError {
        .badRequest("malformed JSON at byte \(index): expected \(expected), found \(describeCurrent())")
    }

    /// Up to `maxBytes` bytes from the current offset, quoted, for messages about a whole body.
    package func excerpt(maxBytes: Int = 40) -> String {
        guard index < bytes.count else { return "end of body" }
        let end = min(bytes.count, index + maxBytes)
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        return "'\(text)\(end < bytes.count ? "…" : "")'"
    }

    package func describeCurrent() -> String {
        guard index < bytes.count else { return "end of body" }
        let b = bytes[index]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16))"
    }

    // MARK: Strings

    /// Reads a JSON string (the opening quote is next, after whitespace).
    package mutating func readString() throws(ServingError) -> String {
        let (slice, start, hasEscape) = try scanString()
        return hasEscape ? try Self.unescape(slice, at: start) : String(decoding: slice, as: UTF8.self)
    }

    /// Skips a JSON string with the checks `readString` makes (the same refusals), building
    /// no `String` unless it holds escapes: `skipValue` passes over every key and string of
    /// what it skips (a population upload's networks are split this way).
    package mutating func skipString() throws(ServingError) {
        let (slice, start, hasEscape) = try scanString()
        if hasEscape { _ = try Self.unescape(slice, at: start) }
    }

    /// Moves past a JSON string: its bytes between the quotes, their offset, and whether an escape is among them.
    private mutating func scanString() throws(ServingError) -> (UnsafeRawBufferPointer, Int, Bool) {
        try expect(UInt8(ascii: "\""), "'\"' (a string)")
        let start = index
        var hasEscape = false
        var i = index  // a local: the loop keeps it in a register
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                index = i + 1
                return (UnsafeRawBufferPointer(rebasing: bytes[start..<i]), start, hasEscape)
            }
            if b == UInt8(ascii: "\\") { hasEscape = true; i += 2; continue }
            if b < 0x20 {
                index = i
                throw ServingError.badRequest("malformed JSON at byte \(i): control character in a string")
            }
            i += 1
        }
        index = bytes.count
        throw error(expected: "'\"' closing the string that starts at byte \(start - 1)")
    }

    private static func unescape(_ raw: UnsafeRawBufferPointer, at offset: Int) throws(ServingError) -> String {
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4(_ at: Int) throws(ServingError) -> UInt32 {
            guard at + 4 <= raw.count else { throw .badRequest("malformed JSON at byte \(offset + at): incomplete \\u escape") }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = raw[at + k]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: throw .badRequest("malformed JSON at byte \(offset + at + k): bad hex digit in \\u escape")
                }
                v = v << 4 | d
            }
            return v
        }
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            guard i + 1 < raw.count else { throw .badRequest("malformed JSON at byte \(offset + i): dangling backslash") }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(i)
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                    let low = try hex4(i + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(s)).utf8)
            default:
                throw .badRequest("malformed JSON at byte \(offset + i - 1): unknown escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Numbers

    /// Reads a JSON number as the `Float` nearest to it (the value `Float(String)` gives).
    ///
    /// Throws for `NaN`/`Infinity` tokens and for numbers beyond `Float`'s range.
    @inline(__always)
    package mutating func readFloat() throws(ServingError) -> Float {
        skipWhitespace()
        let start = index
        let number = try scanNumber()
        if let f = FloatParsing.fastFloat(number) { return f }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let f = Float(text) else { throw ServingError.badRequest("malformed JSON at byte \(start): not a number: \(text)") }
        guard f.isFinite else {
            throw ServingError.badRequest("number \(text) at byte \(start) is outside the Float range (±3.4028235e38)")
        }
        return f
    }

    /// Scans the syntax of one JSON number and collects its significant digits.
    @inline(__always)
    package mutating func scanNumber() throws(ServingError) -> FloatParsing.Decimal {
        var d = FloatParsing.Decimal()
        let n = bytes.count
        let start = index
        if index < n && bytes[index] == UInt8(ascii: "-") { d.negative = true; index += 1 }
        guard index < n else { throw error(expected: "a number") }
        var b = bytes[index]
        if b == UInt8(ascii: "0") {
            index += 1
        } else if b >= UInt8(ascii: "1") && b <= UInt8(ascii: "9") {
            while index < n {
                b = bytes[index]
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { break }
                d.addIntegerDigit(b &- UInt8(ascii: "0"))
                index += 1
            }
        } else {
            try throwNotANumber(start: start)
        }
        if index < n && bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fracStart = index
            while index < n {
                b = bytes[index]
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { break }
                d.addFractionDigit(b &- UInt8(ascii: "0"))
                index += 1
            }
            guard index > fracStart else { throw error(expected: "a digit after the decimal point") }
        }
        if index < n && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            var expNegative = false
            if index < n && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                expNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let expStart = index
            var e = 0
            while index < n {
                b = bytes[index]
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { break }
                if e < 100_000 { e = e * 10 + Int(b &- UInt8(ascii: "0")) }
                index += 1
            }
            guard index > expStart else { throw error(expected: "a digit in the exponent") }
            d.exponent += expNegative ? -e : e
        }
        return d
    }

    private mutating func throwNotANumber(start: Int) throws(ServingError) -> Never {
        // Name the non-finite tokens other JSON writers emit (Python: NaN, Infinity).
        for token in ["NaN", "Infinity", "-Infinity", "inf", "-inf", "nan"] {
            let t = Array(token.utf8)
            if start + t.count <= bytes.count && zip(t.indices, t).allSatisfy({ bytes[start + $0] == $1 }) {
                index = start
                throw ServingError.badRequest("non-finite number \(token) at byte \(start): inputs must be finite numbers")
            }
        }
        throw error(expected: "a number")
    }

    // MARK: Skipping

    /// Skips one JSON value of any kind, validating its syntax.
    package mutating func skipValue(depth: Int = 0) throws(ServingError) {
        guard depth < Self.maxDepth else {
            throw ServingError.badRequest("malformed JSON at byte \(index): nesting deeper than \(Self.maxDepth) levels")
        }
        guard let b = peek() else { throw error(expected: "a value") }
        switch b {
        case UInt8(ascii: "{"):
            index += 1
            if peek() == UInt8(ascii: "}") { index += 1; return }
            repeat {
                try skipString()
                try expect(UInt8(ascii: ":"), "':' after an object key")
                try skipValue(depth: depth + 1)
            } while try nextElement(close: UInt8(ascii: "}"), in: "an object")
        case UInt8(ascii: "["):
            index += 1
            if peek() == UInt8(ascii: "]") { index += 1; return }
            repeat { try skipValue(depth: depth + 1) } while try nextElement(close: UInt8(ascii: "]"), in: "an array")
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        default:
            _ = try scanNumber()
        }
    }

    /// Moves past one object or array by its brackets and strings alone, checking
    /// nothing else, for a value parsed in full afterwards: each network of a
    /// population or networks upload is found this way, then read by its decoder,
    /// which names whatever is malformed in it. For valid JSON the value ends where
    /// `skipValue` says. A value that is neither is skipped by `skipValue`.
    /// Throws only when the body ends before the value does.
    package mutating func skipContainer() throws(ServingError) {
        guard let first = peek(), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return try skipValue() }
        let start = index
        var depth = 0
        var i = index
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") {
                while i < n {
                    let c = bytes[i]
                    i += 1
                    if c == UInt8(ascii: "\"") { break }
                    if c == UInt8(ascii: "\\") { i += 1 }
                }
            } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                depth += 1
            } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 {
                    index = i
                    return
                }
            }
        }
        index = n
        throw error(expected: "the end of the \(first == UInt8(ascii: "{") ? "object" : "array") that starts at byte \(start)")
    }

    /// Reads an object member by member: `member` gets the scanner (at the value)
    /// and the key, reads or skips the value, and returns false to give up.
    /// Returns false if `member` gave up, true after the closing brace.
    package mutating func readObject(_ member: (inout JSONScanner, String) throws(ServingError) -> Bool) throws(ServingError) -> Bool {
        try readFields { s, key throws(ServingError) in try member(&s, key.string) }
    }

    /// `readObject` with each key as its bytes (`JSONKey`), for readers that run per
    /// element of an upload: no `String` per key.
    package mutating func readFields(_ member: (inout JSONScanner, JSONKey) throws(ServingError) -> Bool) throws(ServingError) -> Bool {
        try expect(UInt8(ascii: "{"), "'{'")
        if peek() == UInt8(ascii: "}") { index += 1; return true }
        repeat {
            let (slice, start, hasEscape) = try scanString()
            let key = JSONKey(raw: slice, unescaped: hasEscape ? try Self.unescape(slice, at: start) : nil)
            try expect(UInt8(ascii: ":"), "':' after an object key")
            guard try member(&self, key) else { return false }
        } while try nextElement(close: UInt8(ascii: "}"), in: "an object")
        return true
    }

    /// Reads `bytes` as one whole JSON object, `member` reading or skipping each
    /// member's value (the readers of small answers: a model listing, metadata).
    /// False when the bytes are not exactly one object (another value, bad JSON,
    /// bytes after it) or `member` threw: such an answer is refused whole.
    package static func readWholeObject(_ bytes: UnsafeRawBufferPointer,
                                        _ member: (inout JSONScanner, String) throws(ServingError) -> Void) -> Bool {
        var s = JSONScanner(bytes)
        do throws(ServingError) {
            guard s.peek() == UInt8(ascii: "{") else { return false }
            _ = try s.readObject { s, key throws(ServingError) in try member(&s, key); return true }
            try s.expectEnd()
            return true
        } catch {
            return false
        }
    }

    /// Reads an array element by element; `element` returns false to give up.
    package mutating func readArray(_ element: (inout JSONScanner) throws(ServingError) -> Bool) throws(ServingError) -> Bool {
        try expect(UInt8(ascii: "["), "'['")
        if peek() == UInt8(ascii: "]") { index += 1; return true }
        repeat {
            guard try element(&self) else { return false }
        } while try nextElement(close: UInt8(ascii: "]"), in: "an array")
        return true
    }

    /// Reads `true` or `false`; nil (nothing consumed) for anything else.
    package mutating func readBool() -> Bool? {
        guard let b = peek() else { return nil }
        let literal: StaticString = b == UInt8(ascii: "t") ? "true" : "false"
        let count = literal.utf8CodeUnitCount, p = literal.utf8Start
        guard b == UInt8(ascii: "t") || b == UInt8(ascii: "f"), index + count <= bytes.count,
              (0..<count).allSatisfy({ bytes[index + $0] == p[$0] }) else { return nil }
        index += count
        return b == UInt8(ascii: "t")
    }

    /// Whether the next token is `null` (consumed if so).
    package mutating func skipNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), index + 4 <= bytes.count,
              bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    private mutating func skipLiteral(_ literal: StaticString) throws(ServingError) {
        let count = literal.utf8CodeUnitCount
        let p = literal.utf8Start
        guard index + count <= bytes.count, (0..<count).allSatisfy({ bytes[index + $0] == p[$0] }) else {
            throw error(expected: "a value")
        }
        index += count
    }
}
