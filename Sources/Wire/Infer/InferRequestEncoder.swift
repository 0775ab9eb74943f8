import Engine
import NIOCore

/// Writes `POST /infer` request bodies straight into a `ByteBuffer`.
///
/// The body is `{"inputs":[[f,...],...],"model":"ID"}` when every row asks the
/// same model, else `{"inputs":[...],"models":["ID",...]}`. Each float is written
/// as text that parses back to the same `Float` (`RawCursor.float`), so the
/// server evaluates exactly the numbers the engine holds. The body is written
/// through a `RawCursor` into room reserved once: no per-byte `ByteBuffer` call,
/// no `String` built on the heap.
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
    /// - Parameter modelIDs: when given, each row's model id is `modelIDs[index]`
    ///   (content ids) instead of prefix and index.
    /// - Throws: `NonFiniteInput` naming the row and column of a NaN or
    ///   infinite input (JSON has no form for them).
    /// - Complexity: O(rows × inputWidth).
    package static func encode(_ batch: InferenceBatch, rows: Range<Int>, modelPrefix: String, modelIDs: [String]? = nil,
                               into buffer: inout ByteBuffer) throws(NonFiniteInput) {
        let width = batch.inputWidth
        var idLength = modelPrefix.utf8.count + RawCursor.maxDecimalLength + 3
        if let modelIDs {
            for r in rows { idLength = max(idLength, modelIDs[Int(batch.models[r])].utf8.count + 3) }
        }
        let capacity = 48 + rows.count * (width * (RawCursor.maxFloatLength + 1) + 3 + idLength)
        var failure: NonFiniteInput?
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: capacity) { raw in
            var w = RawCursor(raw.baseAddress!)
            w.text("{\"inputs\":[")
            for r in rows {
                if r != rows.lowerBound { w.byte(UInt8(ascii: ",")) }
                w.byte(UInt8(ascii: "["))
                let p = batch.input(row: r)
                for c in 0..<width {
                    let v = p[c]
                    guard v.isFinite else {
                        failure = NonFiniteInput(row: r, column: c, value: v)
                        return 0
                    }
                    if c != 0 { w.byte(UInt8(ascii: ",")) }
                    w.float(v)
                }
                w.byte(UInt8(ascii: "]"))
            }
            w.byte(UInt8(ascii: "]"))
            let first = batch.models[rows.lowerBound]
            var same = true
            for r in rows where batch.models[r] != first { same = false; break }
            if same {
                w.text(",\"model\":")
                writeModelID(first, prefix: modelPrefix, ids: modelIDs, into: &w)
            } else {
                w.text(",\"models\":[")
                for r in rows {
                    if r != rows.lowerBound { w.byte(UInt8(ascii: ",")) }
                    writeModelID(batch.models[r], prefix: modelPrefix, ids: modelIDs, into: &w)
                }
                w.byte(UInt8(ascii: "]"))
            }
            w.byte(UInt8(ascii: "}"))
            return w.count
        }
        if let failure { throw failure }
    }

    /// Writes `v` as decimal text that parses back to exactly `v` (`RawCursor.float`).
    package static func writeFloat(_ v: Float, into buffer: inout ByteBuffer) {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: RawCursor.maxFloatLength) { raw in
            var w = RawCursor(raw.baseAddress!)
            w.float(v)
            return w.count
        }
    }

    /// Writes `"<prefix><index>"`, or `"<ids[index]>"` when `ids` is given.
    @inline(__always)
    static func writeModelID(_ index: Int32, prefix: String, ids: [String]?, into w: inout RawCursor) {
        w.byte(UInt8(ascii: "\""))
        if let ids {
            w.text(ids[Int(index)])
        } else {
            w.text(prefix)
            w.decimal(Int(index))
        }
        w.byte(UInt8(ascii: "\""))
    }

    /// Replaces the closing `}` of the body just written with
    /// `,"networks":{"ID":<document>,...}}`; returns the bytes of the documents.
    package static func appendNetworks(_ ids: [String], documents: [String: [UInt8]], to buffer: inout ByteBuffer) -> Int {
        buffer.moveWriterIndex(to: buffer.writerIndex - 1)
        buffer.writeStaticString(",\"networks\":{")
        var bytes = 0
        for (i, id) in ids.enumerated() {
            if i > 0 { buffer.writeStaticString(",") }
            buffer.writeStaticString("\"")
            buffer.writeString(id)
            buffer.writeStaticString("\":")
            let doc = documents[id] ?? Array("null".utf8)
            buffer.writeBytes(doc)
            bytes += doc.count
        }
        buffer.writeStaticString("}}")
        return bytes
    }

    /// Writes a decimal integer without building a String.
    package static func writeDecimal(_ value: Int, into buffer: inout ByteBuffer) {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: RawCursor.maxDecimalLength) { raw in
            var w = RawCursor(raw.baseAddress!)
            w.decimal(value)
            return w.count
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
