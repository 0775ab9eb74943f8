import Engine
import Wire

/// Decodes one `POST /infer` body: 8 rows of 100 floats (a duel batch), as the
/// built-in server reads it into flat storage.
final class InferDecodeWorkload: Workload {
    static let rows = 8, width = 100
    let body: [UInt8]
    let values: UnsafeMutablePointer<Float>
    let rowEnds: UnsafeMutablePointer<Int32>

    init() {
        var rng = Xoshiro256(seed: 11)
        let rows = (0..<Self.rows).map { _ in
            "[" + jsonFloats(Self.width, &rng) + "]"
        }
        body = Array(("{\"inputs\":[" + rows.joined(separator: ",") + "],\"model\":\"g3-17\"}").utf8)
        let capacity = InferCodec.capacity(forBodyBytes: body.count)
        values = .allocate(capacity: capacity)
        rowEnds = .allocate(capacity: capacity)
    }

    deinit {
        values.deallocate()
        rowEnds.deallocate()
    }

    func run() -> UInt64 {
        let request: InferCodec.Request
        do {
            request = try body.withUnsafeBytes { raw throws(ServingError) in
                try InferCodec.parse(raw, values: values, rowEnds: rowEnds)
            }
        } catch {
            fatalError("the fixed /infer body does not decode: \(error)")
        }
        return checksum(rows: request.rows, values: values, count: request.values)
    }
}
