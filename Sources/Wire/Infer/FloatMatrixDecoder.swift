/// Parses `POST /infer` responses, `[[f32, ...], ...]`, straight into the
/// caller's output rows, checking the shape as it goes.
///
/// Numbers are read by `JSONScanner.readFloat`: each becomes exactly the `Float`
/// that `Float(String)` gives for its text (correctly rounded), and a number
/// beyond `Float`'s range is an error. Strict JSON: whitespace is allowed
/// between tokens, and anything after the closing bracket is an error.
package enum FloatMatrixDecoder {
    /// Decodes `bytes` into `out` (row-major, `rows × width` floats).
    ///
    /// - Returns: nil on success, else what was wrong (expected versus received).
    /// - Complexity: O(bytes).
    package static func decode(_ bytes: UnsafeRawBufferPointer, rows: Int, width: Int, into out: UnsafeMutablePointer<Float>) -> String? {
        var s = JSONScanner(bytes)
        var problem: String?
        var r = 0
        do throws(ServingError) {
            guard s.peek() == UInt8(ascii: "[") else {
                return "expected a JSON array of \(rows) rows of \(width) numbers, received \(s.excerpt())"
            }
            let complete = try s.readArray { s throws(ServingError) in
                guard r < rows else { problem = "expected \(rows) rows, received more"; return false }
                let row = out + r * width
                var c = 0
                let rowComplete = try s.readArray { s throws(ServingError) in
                    guard c < width else { problem = "row \(r): expected \(width) numbers, received more"; return false }
                    do throws(ServingError) {
                        row[c] = try s.readFloat()
                    } catch {
                        problem = "row \(r) column \(c): \(error.message)"
                        return false
                    }
                    c += 1
                    return true
                }
                guard rowComplete else { return false }
                guard c == width else { problem = "row \(r): expected \(width) numbers, received \(c)"; return false }
                r += 1
                return true
            }
            if !complete { return problem }
            guard r == rows else { return "expected \(rows) rows, received \(r)" }
            try s.expectEnd()
        } catch {
            return r < rows ? "row \(r): \(error.message)" : error.message
        }
        return nil
    }

    /// Convenience for tests and cold paths: decodes `text` into a new array.
    package static func decode(_ text: String, rows: Int, width: Int) -> Result<[Float], DecodeError> {
        var out = [Float](repeating: .nan, count: rows * width)
        var utf8 = Array(text.utf8)
        let problem = utf8.withUnsafeMutableBytes { raw in
            out.withUnsafeMutableBufferPointer { decode(UnsafeRawBufferPointer(raw), rows: rows, width: width, into: $0.baseAddress!) }
        }
        if let problem { return .failure(DecodeError(description: problem)) }
        return .success(out)
    }

    /// What was wrong with a response body.
    package struct DecodeError: Error, CustomStringConvertible {
        package var description: String
    }

    /// Parses one JSON number token exactly as `Float(String)` would (nil for
    /// anything else, including numbers beyond `Float`'s range); for tests.
    package static func parseFloat(_ text: String) -> Float? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBytes { raw -> Float? in
            var s = JSONScanner(UnsafeRawBufferPointer(raw))
            guard let v = try? s.readFloat(), s.isAtEnd else { return nil }
            return v
        }
    }
}
