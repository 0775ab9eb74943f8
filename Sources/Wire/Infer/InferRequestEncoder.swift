import Engine
import NIOCore

/// Writes `POST /infer` request bodies straight into a `ByteBuffer`.
///
/// The body is `{"inputs":[[f,...],...],"model":"ID"}` when every row asks the
/// same model, else `{"inputs":[...],"models":["ID",...]}`. Each float is written
/// as text that parses back to the same `Float` (`writeFloat`), so the server
/// evaluates exactly the numbers the engine holds. No
/// `String` is built on the heap: a float's description (at most 14 bytes) and a
/// model id are small strings or written digit by digit.
///
/// ```swift
/// var body = ByteBuffer()
/// try InferRequestEncoder.encode(batch, rows: 0..<8, modelPrefix: "g3-", into: &body)
/// ```
package enum InferRequestEncoder {
    /// Appends the request body for `rows` of `batch` to `buffer`.
    ///
    /// - Parameter modelPrefix: text written before each row's model index
    ///   (`"g<generation>-"`), so a model id reads `g3-17`.
    /// - Throws: `NonFiniteInput` naming the row and column of a NaN or
    ///   infinite input (JSON has no form for them).
    /// - Complexity: O(rows × inputWidth).
    package static func encode(_ batch: InferenceBatch, rows: Range<Int>, modelPrefix: String, into buffer: inout ByteBuffer) throws(NonFiniteInput) {
        let width = batch.inputWidth
        buffer.reserveCapacity(minimumWritableBytes: 32 + rows.count * (width * 11 + 16))
        buffer.writeStaticString("{\"inputs\":[")
        for r in rows {
            if r != rows.lowerBound { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeInteger(UInt8(ascii: "["))
            let p = batch.input(row: r)
            for c in 0..<width {
                let v = p[c]
                guard v.isFinite else {
                    throw NonFiniteInput(row: r, column: c, value: v)
                }
                if c != 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                writeFloat(v, into: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "]"))
        }
        buffer.writeInteger(UInt8(ascii: "]"))
        let first = batch.models[rows.lowerBound]
        var same = true
        for r in rows where batch.models[r] != first { same = false; break }
        if same {
            buffer.writeStaticString(",\"model\":")
            writeModelID(first, prefix: modelPrefix, into: &buffer)
        } else {
            buffer.writeStaticString(",\"models\":[")
            for r in rows {
                if r != rows.lowerBound { buffer.writeInteger(UInt8(ascii: ",")) }
                writeModelID(batch.models[r], prefix: modelPrefix, into: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "]"))
        }
        buffer.writeInteger(UInt8(ascii: "}"))
    }

    /// Writes `v` as decimal text that parses back to exactly `v`.
    ///
    /// Whole thousandths below a million in magnitude (every value of a duel
    /// observation: 0, 1, 0.5, 0.75) are written digit by digit (`0`, `1`, `0.5`,
    /// `0.75`): `Double(v) × 1000` is exact, so when it is a whole number the text
    /// denotes `v` itself, and writing it costs a few divisions instead of the
    /// shortest-digits search. Everything else, and `-0.0`, is `Float.description`,
    /// the shortest round-trip text.
    @inline(__always)
    package static func writeFloat(_ v: Float, into buffer: inout ByteBuffer) {
        let scaled = Double(v) * 1000
        if scaled == scaled.rounded(.towardZero), abs(scaled) < 1e9, !(v == 0 && v.sign == .minus) {
            var m = Int(scaled)
            if m < 0 { buffer.writeInteger(UInt8(ascii: "-")); m = -m }
            writeDecimal(m / 1000, into: &buffer)
            var fraction = m % 1000
            guard fraction != 0 else { return }
            var digits = 3
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            buffer.writeInteger(UInt8(ascii: "."))
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                buffer.writeInteger(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
                divisor /= 10
            }
            return
        }
        // A finite Float's description is at most 14 UTF-8 bytes ("-1.1754942e-38"),
        // so it is a small (inline) string: no heap allocation.
        var text = v.description
        _ = text.withUTF8 { buffer.writeBytes($0) }
    }

    /// Writes `"<prefix><index>"`.
    @inline(__always)
    package static func writeModelID(_ index: Int32, prefix: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeString(prefix)
        writeDecimal(Int(index), into: &buffer)
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    /// Writes a decimal integer without building a String.
    package static func writeDecimal(_ value: Int, into buffer: inout ByteBuffer) {
        var v = value
        if v < 0 { buffer.writeInteger(UInt8(ascii: "-")); v = -v }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch on the stack
        withUnsafeMutableBytes(of: &digits) { raw in
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            } while v > 0
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }
}

/// An input JSON cannot carry (NaN or infinite), by row and column.
package struct NonFiniteInput: Error, Equatable, CustomStringConvertible {
    package var row: Int
    package var column: Int
    package var value: Float

    package var description: String { "input row \(row) column \(column) is \(value); JSON can only carry finite numbers" }
}
