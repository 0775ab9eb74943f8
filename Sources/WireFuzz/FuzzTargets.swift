import Engine
import Foundation
import NIOCore
import Wire

/// What one fuzz input exercises: every reader of untrusted bytes, and the
/// engine on whatever a reader accepts.
///
/// The first byte picks the reader (modulo the number of readers), the rest is
/// the input. A reader may refuse an input (that is what it is for); it must
/// never crash, hang, read out of bounds or accept something that then breaks
/// the engine: an accepted network is validated, compiled and evaluated.
enum FuzzTargets {
    static let readers: [(name: String, read: @Sendable (UnsafeRawBufferPointer) -> Void)] = [
        ("network-fast", networkFast),
        ("network-foundation", networkFoundation),
        ("infer-request", inferRequest),
        ("population", population),
        ("infer-response", inferResponse),
        ("json-field", jsonField),
        ("v2-infer-request", v2InferRequest),
        ("v2-load-request", v2LoadRequest),
        ("http-response", httpResponse),
        ("v2-infer-response", v2InferResponse),
        ("v2-server-metadata", v2ServerMetadata),
        ("missing-networks", missingNetworks),
        ("networks-upload", networksUpload),
        ("server-timing", serverTiming),
        ("model-listing", modelListing),
        ("v2-model-metadata", v2ModelMetadata),
        ("v2-model-statistics", v2ModelStatistics),
    ]

    static func run(_ data: UnsafeRawBufferPointer) {
        guard let first = data.first else { return }
        let reader = readers[Int(first) % readers.count]
        reader.read(UnsafeRawBufferPointer(rebasing: data.dropFirst()))
    }

    /// Limits small enough that the engine's work on an accepted network stays quick.
    static let limits = NetworkLimits(maxInputs: .init(256, setting: "--max-inputs"), maxOutputs: .init(64, setting: "--max-outputs"),
                                      maxNodes: .init(4096, setting: "--max-nodes"), maxConnections: .init(16384, setting: "--max-connections"))

    static func networkFast(_ data: UnsafeRawBufferPointer) {
        guard let doc = NeatPythonNetworkReader.read(data) else { return }
        guard let genome = try? Genome(neatPythonNetwork: doc, limits: limits) else { return }
        exercise(genome)
    }

    static func networkFoundation(_ data: UnsafeRawBufferPointer) {
        guard let genome = try? Genome(neatPythonJSON: Data(data), limits: limits) else {
            var s = JSONScanner(data)
            _ = try? s.firstUnrepresentableNumber(isIntegerKey: { $0 == "id" || $0 == "from" || $0 == "to" })
            return
        }
        exercise(genome)
    }

    /// An accepted genome must validate, compile and evaluate to finite-or-not floats without trapping.
    static func exercise(_ genome: Genome) {
        guard genome.validate() == nil else { fatalError("an imported genome fails validation: \(genome.validate()!)") }
        let network = CompiledNetwork(genome)
        var inputs = [Float](repeating: 0.5, count: network.inputCount * 3)
        var outputs = [Float](repeating: 0, count: network.outputCount * 3)
        var scratch = [Float](repeating: 0, count: network.batchScratchCount)
        inputs.withUnsafeMutableBufferPointer { i in
            outputs.withUnsafeMutableBufferPointer { o in
                scratch.withUnsafeMutableBufferPointer { s in
                    network.evaluateBatch(inputs: i.baseAddress!, count: 3, outputs: o.baseAddress!, scratch: s.baseAddress!)
                }
            }
        }
        _ = genome.neatPythonCompactJSON()
    }

    static func inferRequest(_ data: UnsafeRawBufferPointer) {
        let capacity = InferCodec.capacity(forBodyBytes: data.count)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: capacity) { values in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { rowEnds in
                guard let request = try? InferCodec.parse(data, values: values.baseAddress!, rowEnds: rowEnds.baseAddress!, limits: ServerLimits(maxRows: 4096))
                else { return }
                precondition(request.values <= capacity && request.rows <= capacity, "the /infer codec wrote past its buffers")
                for (id, range) in request.networks ?? [] {
                    precondition(Genome.isContentID(id) && range.lowerBound >= 0 && range.upperBound <= data.count, "an inline network outside the body")
                    networkFast(UnsafeRawBufferPointer(rebasing: data[range]))
                }
            }
        }
    }

    static func population(_ data: UnsafeRawBufferPointer) {
        guard let doc = try? PopulationDocument.split(data, limits: ServerLimits(maxPopulation: 64)) else { return }
        for (_, range) in doc.models {
            precondition(range.lowerBound >= 0 && range.upperBound <= data.count, "a network's range lies outside the body")
            networkFast(UnsafeRawBufferPointer(rebasing: data[range]))
        }
    }

    static func inferResponse(_ data: UnsafeRawBufferPointer) {
        // The shape is taken from the input itself so that matching responses are reachable.
        let rows = data.count % 5, width = (data.count / 5) % 4
        withUnsafeTemporaryAllocation(of: Float.self, capacity: rows * width + 1) { out in
            _ = FloatMatrixDecoder.decode(data, rows: rows, width: width, into: out.baseAddress!)
        }
    }

    /// The first byte says where the JSON header ends (as a share of the rest), the rest is the body.
    static func v2InferRequest(_ data: UnsafeRawBufferPointer) {
        guard let first = data.first else { return }
        let body = UnsafeRawBufferPointer(rebasing: data.dropFirst())
        let split = first == 255 ? body.count : body.count * Int(first) / 255
        let capacity = body.count / 2 + 1
        withUnsafeTemporaryAllocation(of: Float.self, capacity: capacity) { values in
            guard let request = try? V2InferRequestDecoder.decode(
                header: UnsafeRawBufferPointer(rebasing: body[0..<split]), binary: UnsafeRawBufferPointer(rebasing: body[split...]),
                hasBinaryHeader: first != 255, values: values.baseAddress!, capacity: capacity, maxRows: 4096)
            else { return }
            precondition(request.valueCount <= capacity && request.shape.count == 2, "the v2 decoder accepted an impossible request")
            if let encoded = try? V2InferResponseEncoder.encode(model: "m", version: "1", id: request.id, outputName: "output",
                                                               rows: request.rows, columns: request.shape[1], values: values.baseAddress!,
                                                               binary: request.binaryDataOutput) {
                precondition(encoded.body.readableBytes > 0, "an empty v2 response")
            }
        }
    }

    static func v2LoadRequest(_ data: UnsafeRawBufferPointer) {
        guard let request = try? V2LoadRequest.decode(data) else { return }
        for file in request.files {
            file.contents.withUnsafeBytes { networkFast($0) }
        }
    }

    /// Frames responses from the front of the bytes as the client does, moving chunked bodies together.
    static func httpResponse(_ data: UnsafeRawBufferPointer) {
        var bytes = Array(data)
        var start = 0
        while start < bytes.count {
            let outcome = bytes[start...].withUnsafeBytes { HTTPResponseParser.frame($0, maxBodyBytes: 1 << 20, atEndOfStream: true) }
            guard case .complete(let response) = outcome else { return }
            precondition(response.consumed > 0 && response.consumed <= bytes.count - start, "a response framed past the bytes")
            precondition(response.body.upperBound <= response.consumed, "a body outside its response")
            if response.chunked {
                bytes[start...].withUnsafeMutableBytes { HTTPResponseParser.dechunk($0, response) }
            }
            start += response.consumed
        }
    }

    /// The first byte says where the JSON header ends (255: no binary part), the rest is the body.
    static func v2InferResponse(_ data: UnsafeRawBufferPointer) {
        guard let first = data.first else { return }
        let body = UnsafeRawBufferPointer(rebasing: data.dropFirst())
        let headerLength: Int? = first == 255 ? nil : body.count * Int(first) / 255
        let rows = body.count % 5, width = (body.count / 5) % 4 + 1
        withUnsafeTemporaryAllocation(of: Float.self, capacity: rows * width + 1) { out in
            _ = V2ResponseDecoder.decode(body, headerLength: headerLength, rows: rows, width: width, outputName: "output", into: out.baseAddress!)
        }
    }

    static func v2ServerMetadata(_ data: UnsafeRawBufferPointer) {
        _ = V2ServerMetadata.parse(String(decoding: data, as: UTF8.self))
    }

    static func jsonField(_ data: UnsafeRawBufferPointer) {
        _ = JSONField.string("error", in: String(decoding: data, as: UTF8.self))
    }

    /// The client's reading of a 404 `{"error": ..., "missing": [ids]}`.
    static func missingNetworks(_ data: UnsafeRawBufferPointer) {
        guard let ids = MissingNetworks.parse(data, maxIDs: 64, maxIDBytes: 100) else { return }
        precondition(ids.count <= 64 && ids.allSatisfy { !$0.isEmpty && $0.utf8.count <= 100 }, "the missing-networks reader broke its bounds")
    }

    /// `PUT /v1/networks`: every network it accepts is read like an upload.
    static func networksUpload(_ data: UnsafeRawBufferPointer) {
        guard let networks = try? InferCodec.parseNetworksUpload(data, limits: ServerLimits(maxPopulation: 64)) else { return }
        precondition(networks.count <= 64, "the networks upload reader broke its bound")
        for (id, range) in networks {
            precondition(Genome.isContentID(id) && range.upperBound <= data.count, "a network outside the body")
            networkFast(UnsafeRawBufferPointer(rebasing: data[range]))
        }
    }

    /// A `Server-Timing` header value: any parts read are whole nanoseconds within the limit.
    static func serverTiming(_ data: UnsafeRawBufferPointer) {
        guard let t = ServerTimingHeader.parse(data) else { return }
        for part in [t.decodeNanos, t.queueNanos, t.computeNanos, t.encodeNanos] {
            precondition(part <= 1_000_000_001_000_000, "a Server-Timing duration over 10^9 ms was read")
        }
    }

    static func modelListing(_ data: UnsafeRawBufferPointer) {
        guard let listing = ModelListing.parse(data) else { return }
        precondition(listing.models.count <= 4096, "the model listing kept more than 4096 models")
        precondition(listing.models.allSatisfy { (1...16_777_216).contains($0.inputs) }, "a model listing width out of range was read")
    }

    static func v2ModelMetadata(_ data: UnsafeRawBufferPointer) {
        guard let meta = V2ModelMetadata.parse(data) else { return }
        precondition(meta.shape.count <= 16, "v2 model metadata kept more than 16 dimensions")
        if let w = meta.width { precondition((1...16_777_216).contains(w), "a v2 input width out of range was read") }
    }

    /// A statistics body: what is read is bounded, and a window over it never traps.
    static func v2ModelStatistics(_ data: UnsafeRawBufferPointer) {
        guard let stats = try? V2ModelStatistics.parse(data) else { return }
        precondition(stats.models.count <= V2ModelStatistics.maxModels, "a statistics body kept more than \(V2ModelStatistics.maxModels) models")
        for m in stats.models {
            for d in [m.success, m.queue, m.computeInput, m.computeInfer, m.computeOutput] {
                _ = d.count > 0 ? d.nanos / d.count : 0
            }
        }
    }
}
