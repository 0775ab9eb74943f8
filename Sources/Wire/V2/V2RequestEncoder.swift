import Engine
import NIOCore

/// Writes Open Inference Protocol (KServe v2) infer request bodies for one
/// model, gathering rows of an `InferenceBatch` by index.
///
/// JSON tensors: `{"inputs":[{"name":"input","shape":[n,w],"datatype":"FP32","data":[...]}]}`,
/// each float written as its shortest round-trip text. Binary tensors (Triton's
/// extension): the same JSON header with `"parameters":{"binary_data_size":4nw}`
/// instead of `data` and `"parameters":{"binary_data_output":true}` at the top,
/// then the rows' raw little-endian FP32 bytes; the caller sends the header's
/// length as `Inference-Header-Content-Length`.
///
/// ```swift
/// let header = try V2RequestEncoder.encodeBinary(batch, rows: order[0..<8], inputName: "input", into: &body)
/// // headers: Inference-Header-Content-Length: \(header), Content-Type: application/octet-stream
/// ```
package enum V2RequestEncoder {
    /// Appends a JSON-tensor request for `rows` (row indices of `batch`).
    ///
    /// - Throws: `NonFiniteInput` for a NaN or infinite input (JSON cannot carry it).
    package static func encodeJSON(_ batch: InferenceBatch, rows: UnsafeBufferPointer<Int32>, inputName: String,
                                   into buffer: inout ByteBuffer) throws(NonFiniteInput) {
        let width = batch.inputWidth
        writeInputHead(rows: rows.count, width: width, inputName: inputName, into: &buffer)
        var failure: NonFiniteInput?
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 16 + rows.count * width * (RawCursor.maxFloatLength + 1)) { raw in
            var w = RawCursor(raw.baseAddress!)
            w.text(",\"data\":[")
            for (k, r) in rows.enumerated() {
                let p = batch.input(row: Int(r))
                for c in 0..<width {
                    let v = p[c]
                    guard v.isFinite else {
                        failure = NonFiniteInput(row: Int(r), column: c, value: v)
                        return 0
                    }
                    if k != 0 || c != 0 { w.byte(UInt8(ascii: ",")) }
                    w.float(v)
                }
            }
            w.text("]}]}")
            return w.count
        }
        if let failure { throw failure }
    }

    /// Appends a binary-tensor request for `rows`: the JSON header, then the
    /// tensor bytes. Returns the header's length in bytes.
    ///
    /// - Throws: `NonFiniteInput` for a NaN or infinite input (servers refuse them).
    package static func encodeBinary(_ batch: InferenceBatch, rows: UnsafeBufferPointer<Int32>, inputName: String,
                                     into buffer: inout ByteBuffer) throws(NonFiniteInput) -> Int {
        let width = batch.inputWidth
        let start = buffer.writerIndex
        buffer.reserveCapacity(minimumWritableBytes: 160 + rows.count * width * 4)
        writeInputHead(rows: rows.count, width: width, inputName: inputName, into: &buffer)
        buffer.writeStaticString(",\"parameters\":{\"binary_data_size\":")
        InferRequestEncoder.writeDecimal(rows.count * width * 4, into: &buffer)
        buffer.writeStaticString("}}],\"parameters\":{\"binary_data_output\":true}}")
        let headerLength = buffer.writerIndex - start
        for r in rows {
            let p = batch.input(row: Int(r))
            for c in 0..<width where !p[c].isFinite { throw NonFiniteInput(row: Int(r), column: c, value: p[c]) }
            #if _endian(little)
            buffer.writeBytes(UnsafeRawBufferPointer(start: p, count: width * 4))
            #else
            for c in 0..<width { buffer.writeInteger(p[c].bitPattern, endianness: .little) }
            #endif
        }
        return headerLength
    }

    /// `{"inputs":[{"name":"input","shape":[n,w],"datatype":"FP32"` (the object left open).
    private static func writeInputHead(rows: Int, width: Int, inputName: String, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("{\"inputs\":[{\"name\":")
        JSONWriter.writeString(inputName, into: &buffer)
        buffer.writeStaticString(",\"shape\":[")
        InferRequestEncoder.writeDecimal(rows, into: &buffer)
        buffer.writeInteger(UInt8(ascii: ","))
        InferRequestEncoder.writeDecimal(width, into: &buffer)
        buffer.writeStaticString("],\"datatype\":\"FP32\"")
    }
}
