import Engine
import NIOCore
import Wire

/// The inference requests a load run sends, built whole (head and body) before
/// the run so the hot loop only copies bytes: a few variants with different
/// seeded random inputs, sent in turn.
///
/// The bodies come from the same encoders the remote backend uses
/// (`InferRequestEncoder`, `V2RequestEncoder`), so the server parses exactly
/// what training sends it.
public struct LoadRequests: Sendable {
    /// The API the requests speak.
    public enum API: Sendable, Equatable {
        /// `POST /infer` with `{"inputs":[[...]],"model":"ID"}`.
        case dashboard
        /// `POST /v2/models/{model}/infer`, JSON or binary tensors.
        case v2(TensorFormat)
    }

    /// Whole requests, head and body.
    public let variants: [ByteBuffer]
    /// `POST URL` for messages.
    public let endpoint: String

    /// Characters a model id may hold here: it goes into a path and a JSON string unescaped.
    static func isSafeModelID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 256 && id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x3A
        }
    }

    static func badModelID(_ id: String) -> RemoteError {
        .client("--model '\(id)': a model name here is 1 to 256 of the characters A-Z a-z 0-9 . _ - :")
    }

    /// - Parameters:
    ///   - rows: vectors per request; `inputs`: floats per vector.
    ///   - count: how many distinct requests to build (inputs uniform in [-1, 1]).
    /// - Throws: `RemoteError.client` for a model id that cannot travel unescaped.
    init(api: API, model: String, rows: Int, inputs: Int, inputName: String = "input", target: HTTPTarget, baseURL: String,
         count: Int = 8, seed: UInt64 = 42) throws(RemoteError) {
        guard Self.isSafeModelID(model) else { throw Self.badModelID(model) }
        var rng = Xoshiro256(seed: seed)
        let batch = InferenceBatch(capacity: rows, inputWidth: inputs, outputWidth: 1)
        var built: [ByteBuffer] = []
        for _ in 0..<max(1, count) {
            batch.count = 0
            for _ in 0..<rows {
                let p = batch.appendRow(model: 0)
                for c in 0..<inputs { p[c] = Float(rng.nextUnit() * 2 - 1) }
            }
            built.append(Self.request(api: api, batch: batch, model: model, inputName: inputName, target: target))
        }
        variants = built
        switch api {
        case .dashboard: endpoint = "POST \(baseURL)/infer"
        case .v2: endpoint = "POST \(baseURL)/v2/models/\(model)/infer"
        }
    }

    /// One whole request for every row of `batch`.
    private static func request(api: API, batch: InferenceBatch, model: String, inputName: String, target: HTTPTarget) -> ByteBuffer {
        var body = ByteBuffer()
        var headerLength: Int?
        let order = (0..<Int32(batch.count)).map { $0 }
        // The inputs are finite by construction: the encoders cannot refuse them.
        switch api {
        case .dashboard:
            try! InferRequestEncoder.encode(batch, rows: 0..<batch.count, modelPrefix: "", modelIDs: [model], into: &body)
        case .v2(.json):
            order.withUnsafeBufferPointer { rows in try! V2RequestEncoder.encodeJSON(batch, rows: rows, inputName: inputName, into: &body) }
        case .v2(.binary):
            headerLength = order.withUnsafeBufferPointer { rows in try! V2RequestEncoder.encodeBinary(batch, rows: rows, inputName: inputName, into: &body) }
        }
        var out = ByteBuffer()
        HTTPRequestHead.writeInferPOST(host: target.hostHeader, basePath: target.basePath, v2: api != .dashboard, contentLength: body.readableBytes,
                                       inferenceHeaderLength: headerLength, into: &out) { $0.writeString(model) }
        out.writeImmutableBuffer(body)
        return out
    }
}
