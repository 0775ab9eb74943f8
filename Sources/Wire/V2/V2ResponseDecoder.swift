/// Reads Open Inference Protocol (KServe v2) infer responses into the caller's
/// output rows: JSON `data` (flat or nested) or Triton's binary tensor data
/// (a JSON header of `Inference-Header-Content-Length` bytes, then each binary
/// output's raw little-endian bytes in the order of `outputs`).
///
/// The output is the one named `outputName`, or the only one. It must be
/// `FP32` of shape `[rows, width]`, with exactly `rows × width` values (or
/// `binary_data_size` = 4 × rows × width bytes, inside the body). Every byte is
/// hostile: anything else is a message naming the field, expected versus
/// received, never a crash.
///
/// ```swift
/// if let problem = V2ResponseDecoder.decode(body, headerLength: 142, rows: 8, width: 3,
///                                           outputName: "output", into: out) { fail(problem) }
/// ```
package enum V2ResponseDecoder {
    /// Decodes `body` into `out` (row-major, `rows × width` floats).
    ///
    /// - Parameter headerLength: the answer's `Inference-Header-Content-Length`,
    ///   nil for a plain JSON answer.
    /// - Returns: nil on success, else what was wrong.
    package static func decode(_ body: UnsafeRawBufferPointer, headerLength: Int?, rows: Int, width: Int,
                               outputName: String, into out: UnsafeMutablePointer<Float>) -> String? {
        let jsonLength = headerLength ?? body.count
        guard jsonLength <= body.count else {
            return "Inference-Header-Content-Length \(jsonLength) is past the end of the \(body.count)-byte body"
        }
        let header = UnsafeRawBufferPointer(rebasing: body[0..<jsonLength])
        let outputs: [Output]
        do throws(ServingError) {
            outputs = try readOutputs(header)
        } catch {
            return "response header: \(error.message)"
        }
        guard !outputs.isEmpty else { return "response has no outputs" }
        let binaryBytes = body.count - jsonLength
        let claimed = outputs.reduce(0) { $0 + ($1.binarySize ?? 0) }
        guard claimed == binaryBytes else {
            if headerLength == nil && claimed > 0 {
                return "outputs claim \(claimed) bytes of binary data (parameters.binary_data_size) but the answer has no Inference-Header-Content-Length"
            }
            return "outputs claim \(claimed) bytes of binary data (parameters.binary_data_size) but \(binaryBytes) bytes follow the JSON header"
        }
        let chosen = outputs.firstIndex { $0.name == outputName } ?? (outputs.count == 1 ? 0 : nil)
        guard let k = chosen else {
            return "no output named \"\(outputName)\" among \(outputs.map { "\"\($0.name ?? "?")\"" }.joined(separator: ", "))"
        }
        let o = outputs[k]
        var label: String { "outputs[\(k)]" }  // for messages only
        guard o.datatype == "FP32" else { return "\(label).datatype is \(o.datatype.map { "\"\($0)\"" } ?? "missing"), expected \"FP32\"" }
        guard let shape = o.shape else { return "\(label).shape is missing" }
        guard shape.count == 2, shape[0] == rows, shape[1] == width else { return "\(label).shape is \(shape), expected [\(rows), \(width)]" }
        let count = rows * width
        if let size = o.binarySize {
            guard size == count * 4 else {
                return "\(label).parameters.binary_data_size is \(size) but shape \(shape) of FP32 takes \(count * 4) bytes"
            }
            let offset = jsonLength + outputs[..<k].reduce(0) { $0 + ($1.binarySize ?? 0) }
            let raw = UnsafeRawBufferPointer(rebasing: body[offset..<(offset + size)])
            for i in 0..<count {
                out[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
            }
            return nil
        }
        guard let data = o.data else { return "\(label) has neither data nor parameters.binary_data_size" }
        var s = JSONScanner(header)
        s.index = data
        var filled = 0
        do throws(ServingError) {
            try readNumbers(&s, into: out, count: count, filled: &filled, depth: 0)
        } catch {
            return "\(label).data: \(error.message)"
        }
        guard filled == count else { return "\(label).data has \(filled) values, shape \(shape) needs \(count)" }
        return nil
    }

    struct Output {
        var name: String?
        var datatype: String?
        var shape: [Int]?
        /// Offset of the `data` value in the header.
        var data: Int?
        var binarySize: Int?
    }

    /// The `outputs` of a response header (every other member is skipped).
    static func readOutputs(_ header: UnsafeRawBufferPointer) throws(ServingError) -> [Output] {
        var s = JSONScanner(header)
        var outputs: [Output]?
        guard s.peek() == UInt8(ascii: "{") else { throw ServingError.badRequest("expected a JSON object, received \(s.excerpt())") }
        _ = try s.readFields { s, key throws(ServingError) in
            guard "outputs" ~= key else { try s.skipValue(); return true }
            var list = [Output]()
            guard s.peek() == UInt8(ascii: "[") else { throw s.error(expected: "an array of outputs") }
            _ = try s.readArray { s throws(ServingError) in
                if list.count >= 64 { throw ServingError.badRequest("more than 64 outputs") }
                list.append(try readOutput(&s, index: list.count))
                return true
            }
            outputs = list
            return true
        }
        try s.expectEnd()
        guard let outputs else { throw ServingError.badRequest("no \"outputs\" member") }
        return outputs
    }

    static func readOutput(_ s: inout JSONScanner, index: Int) throws(ServingError) -> Output {
        var o = Output()
        guard s.peek() == UInt8(ascii: "{") else { throw s.error(expected: "an output object at outputs[\(index)]") }
        _ = try s.readFields { s, key throws(ServingError) in
            switch key {
            case "name":
                guard s.peek() == UInt8(ascii: "\"") else { throw s.error(expected: "a string for outputs[\(index)].name") }
                o.name = try s.readString()
            case "datatype":
                guard s.peek() == UInt8(ascii: "\"") else { throw s.error(expected: "a string for outputs[\(index)].datatype") }
                o.datatype = try s.readString()
            case "shape":
                var dims = [Int]()
                guard s.peek() == UInt8(ascii: "[") else { throw s.error(expected: "an array for outputs[\(index)].shape") }
                _ = try s.readArray { s throws(ServingError) in
                    if dims.count >= 8 { throw ServingError.badRequest("outputs[\(index)].shape has more than 8 dimensions") }
                    dims.append(try readInt(&s, what: "outputs[\(index)].shape"))
                    return true
                }
                o.shape = dims
            case "data":
                _ = s.peek()
                o.data = s.index
                try s.skipContainer()  // read in full by readNumbers if it is the output used
            case "parameters":
                guard s.peek() == UInt8(ascii: "{") else { throw s.error(expected: "an object for outputs[\(index)].parameters") }
                _ = try s.readFields { s, key throws(ServingError) in
                    if "binary_data_size" ~= key {
                        let size = try readInt(&s, what: "outputs[\(index)].parameters.binary_data_size")
                        guard size >= 0 else { throw ServingError.badRequest("outputs[\(index)].parameters.binary_data_size is negative (\(size))") }
                        o.binarySize = size
                    } else {
                        try s.skipValue()
                    }
                    return true
                }
            default:
                try s.skipValue()
            }
            return true
        }
        if o.data != nil && o.binarySize != nil {
            throw ServingError.badRequest("outputs[\(index)] has both data and parameters.binary_data_size")
        }
        return o
    }

    /// A JSON integer (no fraction or exponent), at most 15 digits.
    static func readInt(_ s: inout JSONScanner, what: @autoclosure () -> String) throws(ServingError) -> Int {
        guard let first = s.peek() else { throw s.error(expected: "a whole number for \(what())") }
        let start = s.index
        var negative = false
        if first == UInt8(ascii: "-") { negative = true; s.index += 1 }
        var value = 0, digits = 0
        while s.index < s.bytes.count, case let b = s.bytes[s.index], b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            digits += 1
            s.index += 1
            if digits > 15 { throw ServingError.badRequest("\(what()) has more than 15 digits") }
        }
        if digits == 0 || (s.index < s.bytes.count && (s.bytes[s.index] == UInt8(ascii: ".") || s.bytes[s.index] | 0x20 == UInt8(ascii: "e"))) {
            s.index = start
            throw s.error(expected: "a whole number for \(what())")
        }
        return negative ? -value : value
    }

    /// Reads numbers, flat or nested (at most 8 levels), into `out`; counts past
    /// `count` without writing, so the caller can report the real count.
    static func readNumbers(_ s: inout JSONScanner, into out: UnsafeMutablePointer<Float>, count: Int,
                            filled: inout Int, depth: Int) throws(ServingError) {
        guard depth < 8 else { throw ServingError.badRequest("nested deeper than 8 levels") }
        guard s.peek() == UInt8(ascii: "[") else { throw s.error(expected: "an array") }
        _ = try s.readArray { s throws(ServingError) in
            if s.peek() == UInt8(ascii: "[") {
                try readNumbers(&s, into: out, count: count, filled: &filled, depth: depth + 1)
            } else if s.skipNull() {
                throw ServingError.badRequest("value \(filled) is null (a NaN output written as JSON null)")
            } else {
                let v = try s.readFloat()
                if filled < count { out[filled] = v }
                filled += 1
            }
            return true
        }
    }
}
