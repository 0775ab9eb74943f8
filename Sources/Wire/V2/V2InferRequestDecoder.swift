/// Reads an Open Inference Protocol (KServe v2) infer request on the server side:
/// the JSON header and, with Triton's binary tensor data extension, the raw
/// little-endian FP32 bytes after it.
///
/// ```json
/// {"id": "tick-3", "inputs": [{"name": "input", "shape": [2, 100], "datatype": "FP32", "data": [[...], [...]]}],
///  "outputs": [{"name": "output", "parameters": {"binary_data": true}}], "parameters": {"binary_data_output": true}}
/// ```
///
/// The networks served here have one FP32 input `[N, inputs]` and one FP32
/// output, so a request carries exactly one input tensor. Its values go straight
/// into the caller's float buffer (`data` flat or nested one array per row; or
/// `parameters.binary_data_size` bytes of the binary section). Every count is
/// checked before it is used: the shape's element count against the buffer and
/// `maxRows`, the data's count against the shape, the binary sizes against the
/// bytes that follow. Errors name the field (`inputs[0].shape`).
package enum V2InferRequestDecoder {
    /// What a request asked for; the input values sit in the caller's buffer.
    package struct Request: Equatable {
        package var id: String?
        package var inputName = ""
        /// The input tensor's shape as sent (checked: two non-negative dimensions).
        package var shape: [Int] = []
        /// Floats written to the values buffer (rows × columns).
        package var valueCount = 0
        /// `parameters.binary_data_output` of the request.
        package var binaryDataOutput = false
        /// The outputs asked for, with `parameters.binary_data` when given.
        package var outputs: [(name: String, binary: Bool?)] = []

        package var rows: Int { shape.first ?? 0 }

        package init() {}

        package static func == (a: Request, b: Request) -> Bool {
            a.id == b.id && a.inputName == b.inputName && a.shape == b.shape && a.valueCount == b.valueCount
                && a.binaryDataOutput == b.binaryDataOutput && a.outputs.map(\.name) == b.outputs.map(\.name)
                && a.outputs.map(\.binary) == b.outputs.map(\.binary)
        }
    }

    /// One input tensor while it is read (keys come in any order).
    struct InputFields {
        var name: String?
        var shape: [Int]?
        var datatype: String?
        var binarySize: Int?
        /// Floats read from `data`, and the row lengths when `data` was nested.
        var dataCount: Int?
        var rowLengths: [Int]?
    }

    /// Decodes `header` (the JSON) and `binary` (the bytes after it, empty without
    /// the binary extension) into `values`, which holds `capacity` floats.
    package static func decode(header: UnsafeRawBufferPointer, binary: UnsafeRawBufferPointer, hasBinaryHeader: Bool,
                               values: UnsafeMutablePointer<Float>, capacity: Int, maxRows: Int) throws(ServingError) -> Request {
        var s = JSONScanner(header)
        var request = Request()
        var inputs = [InputFields]()
        var sawInputs = false
        guard try s.readFields({ s, key throws(ServingError) in
            switch key {
            case "id": request.id = try readString(&s, field: "id")
            case "inputs":
                sawInputs = true
                guard try s.readArray({ s throws(ServingError) in
                    guard inputs.isEmpty else {
                        throw .badRequest("inputs: this server's models have one input tensor, \"input\"; the request has more")
                    }
                    inputs.append(try readInput(&s, field: "inputs[0]", values: values, capacity: capacity))
                    return true
                }) else { return false }
            case "outputs": request.outputs = try readOutputs(&s)
            case "parameters": request.binaryDataOutput = try readParameters(&s, field: "parameters", key: "binary_data_output") ?? false
            default: try s.skipValue()
            }
            return true
        }) else { throw .badRequest("malformed request") }
        try s.expectEnd()
        guard sawInputs, let input = inputs.first else { throw .badRequest("inputs: the request has no input tensor; send one FP32 tensor \"input\"") }
        try complete(input, into: &request, binary: binary, hasBinaryHeader: hasBinaryHeader, values: values, capacity: capacity, maxRows: maxRows)
        return request
    }

    /// Checks the input's fields against each other and copies binary data in.
    static func complete(_ input: InputFields, into request: inout Request, binary: UnsafeRawBufferPointer, hasBinaryHeader: Bool,
                         values: UnsafeMutablePointer<Float>, capacity: Int, maxRows: Int) throws(ServingError) {
        let field = "inputs[0]"
        guard let name = input.name else { throw .badRequest("\(field).name is missing") }
        guard let datatype = input.datatype else { throw .badRequest("\(field).datatype is missing") }
        guard datatype == "FP32" else { throw .badRequest("\(field).datatype is \"\(datatype)\": this server's models take FP32") }
        guard let shape = input.shape else { throw .badRequest("\(field).shape is missing") }
        guard shape.count == 2 else { throw .badRequest("\(field).shape \(shape) must have two dimensions: [rows, inputs]") }
        guard shape[0] <= maxRows else { throw .overLimit("\(field).shape", shape[0], "rows", limit: maxRows, setting: "--max-rows") }
        // Both dimensions are ≥ 0 (checked when read); rows ≤ maxRows; a product over the buffer is refused before use.
        let (elements, overflow) = shape[0].multipliedReportingOverflow(by: shape[1])
        guard !overflow, elements <= capacity else {
            throw .badRequest("\(field).shape \(shape) has more elements than the request body can hold")
        }
        request.inputName = name
        request.shape = shape
        request.valueCount = elements
        switch (input.dataCount, input.binarySize) {
        case (.some, .some): throw .badRequest("\(field) has both \"data\" and parameters.binary_data_size")
        case (nil, nil): throw .badRequest("\(field) has neither \"data\" nor parameters.binary_data_size")
        case (let count?, nil):
            guard count == elements else { throw .badRequest("\(field).data has \(count) values, shape \(shape) needs \(elements)") }
            if let lengths = input.rowLengths {
                guard lengths.count == shape[0] else { throw .badRequest("\(field).data has \(lengths.count) rows, shape \(shape) needs \(shape[0])") }
                if let r = lengths.firstIndex(where: { $0 != shape[1] }) {
                    throw .badRequest("\(field).data[\(r)] has \(lengths[r]) values, shape \(shape) needs \(shape[1])")
                }
            }
        case (nil, let size?):
            guard hasBinaryHeader else {
                throw .badRequest("\(field).parameters.binary_data_size is given but the request has no Inference-Header-Content-Length header")
            }
            guard size == elements * 4 else {
                throw .badRequest("\(field).parameters.binary_data_size is \(size) but shape \(shape) of FP32 takes \(elements * 4) bytes")
            }
            guard size <= binary.count else {
                throw .badRequest("\(field) needs \(size) bytes of binary data at offset 0, but only \(binary.count) bytes follow")
            }
            guard size == binary.count else {
                throw .badRequest("\(binary.count - size) bytes after the JSON header are not claimed by any input's parameters.binary_data_size")
            }
            try copyBinary(binary, count: elements, into: values, field: field)
        }
    }

    /// Little-endian FP32 from `bytes` into `values`, refusing NaN and infinities.
    package static func copyBinary(_ bytes: UnsafeRawBufferPointer, count: Int, into values: UnsafeMutablePointer<Float>, field: String) throws(ServingError) {
        for i in 0..<count {
            let bits = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            let v = Float(bitPattern: bits)
            guard v.isFinite else { throw .badRequest("\(field) binary data element \(i) is \(v): inputs must be finite") }
            values[i] = v
        }
    }

    private static func readInput(_ s: inout JSONScanner, field: String, values: UnsafeMutablePointer<Float>,
                                  capacity: Int) throws(ServingError) -> InputFields {
        var input = InputFields()
        guard try s.readFields({ s, key throws(ServingError) in
            switch key {
            case "name": input.name = try readString(&s, field: field + ".name")
            case "datatype": input.datatype = try readString(&s, field: field + ".datatype")
            case "shape": input.shape = try readShape(&s, field: field + ".shape")
            case "parameters":
                input.binarySize = try readParameters(&s, field: field + ".parameters", key: "binary_data_size")
            case "data":
                let (count, rows) = try readData(&s, field: field + ".data", values: values, capacity: capacity)
                input.dataCount = count
                input.rowLengths = rows
            default: try s.skipValue()
            }
            return true
        }) else { throw .badRequest("\(field) is malformed") }
        return input
    }

    /// `data`, flat (`[1, 2, 3]`) or one array per row (`[[1, 2], [3, 4]]`): the float count and the row lengths if nested.
    private static func readData(_ s: inout JSONScanner, field: @autoclosure () -> String, values: UnsafeMutablePointer<Float>,
                                 capacity: Int) throws(ServingError) -> (Int, [Int]?) {
        var count = 0
        var rows: [Int]?
        _ = try s.readArray { s throws(ServingError) in
            if s.peek() == UInt8(ascii: "[") {
                guard rows != nil || count == 0 else { throw .badRequest("\(field()) mixes numbers and rows") }
                let start = count
                if rows == nil { rows = [] }
                _ = try s.readArray { s throws(ServingError) in
                    let row = rows!.count
                    try readValue(&s, field: "\(field())[\(row)]", at: &count, values: values, capacity: capacity)
                    return true
                }
                rows!.append(count - start)
            } else {
                guard rows == nil else { throw .badRequest("\(field()) mixes numbers and rows") }
                try readValue(&s, field: field(), at: &count, values: values, capacity: capacity)
            }
            return true
        }
        return (count, rows)
    }

    @inline(__always)
    private static func readValue(_ s: inout JSONScanner, field: @autoclosure () -> String, at count: inout Int,
                                  values: UnsafeMutablePointer<Float>, capacity: Int) throws(ServingError) {
        guard count < capacity else { throw .badRequest("\(field()) has more values than the request body can hold") }
        do {
            values[count] = try s.readFloat()
        } catch {
            throw ServingError(error.status, "\(field())[\(count)]: \(error.message)")
        }
        count += 1
    }

    /// `[rows, columns]`: whole numbers ≥ 0 that fit an `Int`.
    private static func readShape(_ s: inout JSONScanner, field: @autoclosure () -> String) throws(ServingError) -> [Int] {
        var shape = [Int]()
        _ = try s.readArray { s throws(ServingError) in
            guard shape.count < 8 else { throw .badRequest("\(field()) has more than 8 dimensions") }
            guard let v = try NeatPythonNetworkReader.readInt(&s), v >= 0 else {
                throw .badRequest("\(field())[\(shape.count)] must be a whole number from 0 to 999999999999999999 (at byte \(s.index))")
            }
            shape.append(v)
            return true
        }
        return shape
    }

    /// The outputs asked for: `[{"name": "output", "parameters": {"binary_data": true}}]`.
    private static func readOutputs(_ s: inout JSONScanner) throws(ServingError) -> [(name: String, binary: Bool?)] {
        var outputs = [(name: String, binary: Bool?)]()
        _ = try s.readArray { s throws(ServingError) in
            let index = outputs.count
            func field() -> String { "outputs[\(index)]" }  // for messages only
            guard outputs.count < 16 else { throw .badRequest("outputs: more than 16 outputs asked for") }
            var name: String?, binary: Bool?
            _ = try s.readFields { s, key throws(ServingError) in
                switch key {
                case "name": name = try readString(&s, field: field() + ".name")
                case "parameters": binary = try readParameters(&s, field: field() + ".parameters", key: "binary_data")
                default: try s.skipValue()
                }
                return true
            }
            guard let name else { throw .badRequest("\(field()).name is missing") }
            outputs.append((name, binary))
            return true
        }
        return outputs
    }

    /// A `parameters` object: the value of `key` (a bool or a whole number), other parameters skipped.
    private static func readParameters<T>(_ s: inout JSONScanner, field: @autoclosure () -> String, key: StaticString) throws(ServingError) -> T? {
        var found: T?
        _ = try s.readFields { s, k throws(ServingError) in
            guard key ~= k else { try s.skipValue(); return true }
            if T.self == Bool.self {
                guard let b = s.readBool() else { throw .badRequest("\(field()).\(key) must be true or false") }
                found = b as? T
            } else {
                guard let v = try NeatPythonNetworkReader.readInt(&s), v >= 0 else {
                    throw .badRequest("\(field()).\(key) must be a whole number of bytes ≥ 0")
                }
                found = v as? T
            }
            return true
        }
        return found
    }

    private static func readString(_ s: inout JSONScanner, field: @autoclosure () -> String) throws(ServingError) -> String {
        guard s.peek() == UInt8(ascii: "\"") else { throw .badRequest("\(field()) must be a string") }
        return try s.readString()
    }
}
