/// Parses `POST /infer` responses, `[[f32, ...], ...]`, straight into the
/// caller's output rows, checking the shape as it goes.
///
/// Each number becomes exactly the `Float` that `Float(String)` gives for its
/// text (correctly rounded). Most numbers take a fast path: the decimal
/// significand and power of ten are exact `Double`s, so one multiplication or
/// division rounds correctly to `Double`; rounding that to `Float` is then exact
/// unless the `Double` lands precisely on a midpoint between two floats, which is
/// checked and sent to `Float(String)` instead (as are numbers with more than 19
/// significant digits or large exponents). Nothing is allocated for numbers
/// whose text fits in 15 bytes.
///
/// Strict JSON: whitespace is allowed between tokens, the number grammar is
/// JSON's, and anything after the closing bracket is an error.
enum FloatMatrixDecoder {
    /// Decodes `bytes` into `out` (row-major, `rows × width` floats).
    ///
    /// - Returns: nil on success, else what was wrong (expected versus received).
    /// - Complexity: O(bytes).
    static func decode(_ bytes: UnsafeRawBufferPointer, rows: Int, width: Int, into out: UnsafeMutablePointer<Float>) -> String? {
        var p = Parser(bytes: bytes)
        p.skipSpace()
        guard p.peek == UInt8(ascii: "[") else {
            return "expected a JSON array of \(rows) rows of \(width) numbers, received \(p.describeHere())"
        }
        p.i += 1
        var r = 0
        p.skipSpace()
        if p.peek == UInt8(ascii: "]") {
            p.i += 1
        } else {
            while true {
                p.skipSpace()
                guard p.peek == UInt8(ascii: "[") else { return "row \(r): expected '[', received \(p.describeHere())" }
                p.i += 1
                if r >= rows { return "expected \(rows) rows, received more" }
                let row = out + r * width
                var c = 0
                p.skipSpace()
                if p.peek == UInt8(ascii: "]") {
                    p.i += 1
                } else {
                    while true {
                        p.skipSpace()
                        if c >= width { return "row \(r): expected \(width) numbers, received more" }
                        switch p.number() {
                        case .success(let v):
                            guard v.isFinite else { return "row \(r) column \(c): number out of Float range" }
                            row[c] = v
                        case .failure(let problem):
                            return "row \(r) column \(c): \(problem)"
                        }
                        c += 1
                        p.skipSpace()
                        if p.peek == UInt8(ascii: ",") { p.i += 1; continue }
                        if p.peek == UInt8(ascii: "]") { p.i += 1; break }
                        return "row \(r): expected ',' or ']', received \(p.describeHere())"
                    }
                }
                if c != width { return "row \(r): expected \(width) numbers, received \(c)" }
                r += 1
                p.skipSpace()
                if p.peek == UInt8(ascii: ",") { p.i += 1; continue }
                if p.peek == UInt8(ascii: "]") { p.i += 1; break }
                return "after row \(r - 1): expected ',' or ']', received \(p.describeHere())"
            }
        }
        if r != rows { return "expected \(rows) rows, received \(r)" }
        p.skipSpace()
        if p.i != bytes.count { return "unexpected \(p.describeHere()) after the closing ']'" }
        return nil
    }

    /// Convenience for tests and cold paths: decodes `text` into a new array.
    static func decode(_ text: String, rows: Int, width: Int) throws(RemoteError) -> [Float] {
        var out = [Float](repeating: .nan, count: rows * width)
        var utf8 = Array(text.utf8)
        let problem = utf8.withUnsafeMutableBytes { raw in
            out.withUnsafeMutableBufferPointer { decode(UnsafeRawBufferPointer(raw), rows: rows, width: width, into: $0.baseAddress!) }
        }
        if let problem { throw .badResponse(endpoint: "", message: problem) }
        return out
    }

    /// Parses one JSON number token exactly as `Float(String)` would; for tests.
    static func parseFloat(_ text: String) -> Float? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBytes { raw -> Float? in
            var p = Parser(bytes: UnsafeRawBufferPointer(raw))
            guard case .success(let v) = p.number(), p.i == raw.count else { return nil }
            return v
        }
    }

    /// Exact powers of ten as `Double` (10^22 is the largest exact one).
    private static let powersOfTen: [Double] = (0...22).map { e in
        var d = 1.0
        for _ in 0..<e { d *= 10 }
        return d
    }

    struct Parser {
        let bytes: UnsafeRawBufferPointer
        var i = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        /// The byte at `i`, or 0 at the end.
        @inline(__always) var peek: UInt8 { i < bytes.count ? bytes[i] : 0 }

        @inline(__always) mutating func skipSpace() {
            while i < bytes.count {
                let b = bytes[i]
                guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
                i += 1
            }
        }

        /// A short quote of the input at `i`, for error messages.
        func describeHere() -> String {
            if i >= bytes.count { return "end of body" }
            let end = min(bytes.count, i + 40)
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
            return "'\(text)\(end < bytes.count ? "…" : "")' at byte \(i)"
        }

        enum NumberResult { case success(Float), failure(String) }

        /// Parses a JSON number at `i`.
        mutating func number() -> NumberResult {
            let start = i
            var negative = false
            if peek == UInt8(ascii: "-") { negative = true; i += 1 }
            var significand: UInt64 = 0
            var digits = 0          // significant digits kept in `significand`
            var dropped = false     // more than 19 significant digits seen
            var exponent = 0        // decimal exponent adjustment
            // Integer part: 0 or [1-9][0-9]*.
            guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else {
                return .failure("expected a number, received \(describeAt(start))")
            }
            if bytes[i] == 0x30 {
                i += 1
            } else {
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                    if digits < 19 {
                        significand = significand &* 10 &+ UInt64(bytes[i] - 0x30)
                        digits += 1
                    } else {
                        exponent += 1
                        if bytes[i] != 0x30 { dropped = true }
                    }
                    i += 1
                }
            }
            if peek == UInt8(ascii: ".") {
                i += 1
                guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else {
                    return .failure("a digit must follow '.' in \(describeAt(start))")
                }
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                    if digits < 19 {
                        if significand != 0 || bytes[i] != 0x30 {
                            significand = significand &* 10 &+ UInt64(bytes[i] - 0x30)
                            digits += 1
                        }
                        exponent -= 1
                    } else if bytes[i] != 0x30 {
                        dropped = true
                    }
                    i += 1
                }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                i += 1
                var expNegative = false
                if peek == UInt8(ascii: "+") { i += 1 } else if peek == UInt8(ascii: "-") { expNegative = true; i += 1 }
                guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else {
                    return .failure("a digit must follow the exponent mark in \(describeAt(start))")
                }
                var e = 0
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                    if e < 100_000 { e = e * 10 + Int(bytes[i] - 0x30) }
                    i += 1
                }
                exponent += expNegative ? -e : e
            }
            if !dropped, significand == 0 {
                return .success(negative ? -0.0 : 0.0)
            }
            if !dropped, significand <= (1 << 53), exponent >= -22, exponent <= 22 {
                var d = Double(significand)
                if exponent < 0 { d /= FloatMatrixDecoder.powersOfTen[-exponent] } else { d *= FloatMatrixDecoder.powersOfTen[exponent] }
                let f = Float(d)
                // `d` is the correctly rounded Double; rounding it to Float is
                // correct unless it sits exactly on a midpoint between two floats.
                if f.isFinite,
                   d != (Double(f) + Double(f.nextUp)) / 2,
                   d != (Double(f) + Double(f.nextDown)) / 2 {
                    return .success(negative ? -f : f)
                }
            }
            return slowPath(start)
        }

        /// `Float(String)` of the token `bytes[start..<i]`.
        private func slowPath(_ start: Int) -> NumberResult {
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let v = Float(text) else { return .failure("'\(text)' is not a number") }
            return .success(v)
        }

        private func describeAt(_ start: Int) -> String {
            var q = self
            q.i = start
            return q.describeHere()
        }
    }
}
