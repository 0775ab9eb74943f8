import Engine
import Wire

/// The remote client's side of a v2 inference with JSON tensors: decodes one answer
/// of 8 rows × 3 outputs (a duel batch) as MLServer and `dashboard serve` send it.
final class V2ResponseDecodeWorkload: Workload {
    static let rows = 8, width = 3
    let body: [UInt8]
    let values: UnsafeMutablePointer<Float>

    init() {
        var rng = Xoshiro256(seed: 13)
        let data = jsonFloats(Self.rows * Self.width, &rng)
        body = Array(("{\"model_name\":\"g3-17\",\"model_version\":\"1\",\"id\":\"tick-3\",\"parameters\":{},\"outputs\":[{\"name\":\"output\","
            + "\"shape\":[\(Self.rows),\(Self.width)],\"datatype\":\"FP32\",\"parameters\":{},\"data\":[\(data)]}]}").utf8)
        values = .allocate(capacity: Self.rows * Self.width)
    }

    deinit { values.deallocate() }

    func run() -> UInt64 {
        let problem = body.withUnsafeBytes { raw in
            V2ResponseDecoder.decode(raw, headerLength: nil, rows: Self.rows, width: Self.width, outputName: "output", into: values)
        }
        if let problem { fatalError("the fixed v2 answer does not decode: \(problem)") }
        return checksum(rows: Self.rows, values: values, count: Self.rows * Self.width)
    }
}
