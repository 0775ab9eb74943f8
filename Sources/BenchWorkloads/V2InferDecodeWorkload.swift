import Engine
import Wire

/// Decodes one `POST /v2/models/{name}/infer` body with JSON tensors, as tritonclient
/// and the dashboard's own client send it: an id, one FP32 input of 8 rows × 100
/// floats in a flat `data` array, and the output asked for in binary.
final class V2InferDecodeWorkload: Workload {
    static let rows = 8, width = 100
    let body: [UInt8]
    let capacity: Int
    let values: UnsafeMutablePointer<Float>

    init() {
        var rng = Xoshiro256(seed: 12)
        let data = jsonFloats(Self.rows * Self.width, &rng)
        body = Array(("{\"id\":\"tick-3\",\"inputs\":[{\"name\":\"input\",\"shape\":[\(Self.rows),\(Self.width)],\"datatype\":\"FP32\","
            + "\"data\":[\(data)]}],\"outputs\":[{\"name\":\"output\",\"parameters\":{\"binary_data\":true}}]}").utf8)
        capacity = InferCodec.capacity(forBodyBytes: body.count)
        values = .allocate(capacity: capacity)
    }

    deinit { values.deallocate() }

    func run() -> UInt64 {
        let request: V2InferRequestDecoder.Request
        do {
            request = try body.withUnsafeBytes { raw throws(ServingError) in
                try V2InferRequestDecoder.decode(header: raw, binary: UnsafeRawBufferPointer(start: nil, count: 0), hasBinaryHeader: false,
                                                 values: values, capacity: capacity, maxRows: 65_536)
            }
        } catch {
            fatalError("the fixed v2 /infer body does not decode: \(error)")
        }
        return checksum(rows: request.rows, values: values, count: request.valueCount)
    }
}
