import NIOCore

/// Writes an Open Inference Protocol (KServe v2) infer response on the server
/// side: one FP32 output `[rows, columns]`, as JSON `data` (flat, row major) or,
/// with Triton's binary tensor data extension, as raw little-endian bytes after
/// the JSON header (the caller sends `Inference-Header-Content-Length`).
package enum V2InferResponseEncoder {
    /// The response body and, for a binary answer, the length of its JSON header.
    package struct Encoded {
        package var body: ByteBuffer
        package var headerLength: Int?
    }

    /// Writes the response for `rows × columns` outputs at `values`.
    ///
    /// - Throws: 422 when a JSON output is not finite (JSON cannot carry it; a
    ///   binary output carries it as it is).
    package static func encode(model: String, version: String, id: String?, outputName: String, rows: Int, columns: Int,
                               values: UnsafePointer<Float>, binary: Bool) throws(ServingError) -> Encoded {
        var out = ByteBuffer()
        out.reserveCapacity(96 + model.utf8.count + (id?.utf8.count ?? 0) + rows * columns * (binary ? 4 : JSONWriter.maxFloatLength + 1))
        out.writeStaticString("{\"model_name\":")
        JSONWriter.writeString(model, into: &out)
        out.writeStaticString(",\"model_version\":")
        JSONWriter.writeString(version, into: &out)
        if let id {
            out.writeStaticString(",\"id\":")
            JSONWriter.writeString(id, into: &out)
        }
        out.writeStaticString(",\"outputs\":[{\"name\":")
        JSONWriter.writeString(outputName, into: &out)
        out.writeString(",\"datatype\":\"FP32\",\"shape\":[\(rows),\(columns)]")
        let count = rows * columns
        guard !binary else {
            out.writeString(",\"parameters\":{\"binary_data_size\":\(count * 4)}}]}")
            let headerLength = out.readableBytes
            for i in 0..<count { out.writeInteger(values[i].bitPattern, endianness: .little) }
            return Encoded(body: out, headerLength: headerLength)
        }
        out.writeStaticString(",\"data\":")
        if let i = JSONWriter.writeFlat(count: count, into: &out, value: { values[$0] }) {
            throw ServingError(.unprocessableContent, "model '\(model)' produced a non-finite output (\(values[i])) at output "
                + "\"\(outputName)\" [\(i / columns)][\(i % columns)]; JSON cannot carry it: ask for the output with parameters.binary_data")
        }
        out.writeStaticString("}]}")
        return Encoded(body: out, headerLength: nil)
    }
}
