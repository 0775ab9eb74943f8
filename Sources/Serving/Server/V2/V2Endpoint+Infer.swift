import Engine
import NIOCore
import Wire

extension V2Endpoint {
    /// `POST /v2/models/{name}[/versions/{v}]/infer`: JSON or binary tensors in, JSON or binary out.
    func infer(_ model: ServedModel, _ request: ServerRequest) throws(ServingError) -> ServerResponse {
        var laps = ServerTiming.Laps()
        let started = ContinuousClock.now
        var timing = ServerTiming(queue: request.receivedAt.duration(to: started))
        let body = request.body
        let headerLength = try Self.headerLength(request.inferenceHeaderLength, bodyBytes: body.readableBytes)
        let capacity = max(body.readableBytes / 2, (body.readableBytes - (headerLength ?? 0)) / 4) + 1
        do {
            return try withUnsafeTemporaryAllocation(of: Float.self, capacity: capacity) { values throws(ServingError) in
                let decoded = try decode(body, headerLength: headerLength, model: model, values: values.baseAddress!, capacity: capacity)
                timing.decode = laps.lap()
                return try evaluate(model, decoded, values: values.baseAddress!, timing: &timing, laps: &laps)
            }
        } catch {
            model.statistics.recordFailure(since: started)
            throw error
        }
    }

    /// `Inference-Header-Content-Length` as a byte count within the body; nil when absent.
    static func headerLength(_ text: String?, bodyBytes: Int) throws(ServingError) -> Int? {
        guard let text else { return nil }
        guard let n = Int(text[...].trimmingSpaces), n >= 0 else {
            throw .badRequest("Inference-Header-Content-Length '\(text.prefix(32))' is not a whole number of bytes")
        }
        guard n <= bodyBytes else {
            throw .badRequest("Inference-Header-Content-Length is \(n), past the end of the \(bodyBytes)-byte body")
        }
        return n
    }

    /// The request, checked against the model, with its input values in `values`.
    private func decode(_ body: ByteBuffer, headerLength: Int?, model: ServedModel, values: UnsafeMutablePointer<Float>,
                        capacity: Int) throws(ServingError) -> V2InferRequestDecoder.Request {
        let request = try body.withUnsafeReadableBytes { raw throws(ServingError) -> V2InferRequestDecoder.Request in
            if headerLength == 0 { return try Self.raw(raw, model: model, values: values) }
            let split = headerLength ?? raw.count
            return try V2InferRequestDecoder.decode(
                header: UnsafeRawBufferPointer(rebasing: raw[0..<split]), binary: UnsafeRawBufferPointer(rebasing: raw[split...]),
                hasBinaryHeader: headerLength != nil, values: values, capacity: capacity, maxRows: limits.maxRows)
        }
        guard request.inputName == Self.inputName else {
            throw .badRequest("inputs[0].name \"\(request.inputName)\" is not an input of model '\(model.id)'; its input is \"\(Self.inputName)\"")
        }
        guard request.shape[1] == model.inputCount else {
            throw .badRequest("inputs[0].shape \(request.shape) does not match model '\(model.id)' input \"\(Self.inputName)\" of shape [-1, \(model.inputCount)]")
        }
        for (i, output) in request.outputs.enumerated() where output.name != Self.outputName {
            throw .badRequest("outputs[\(i)].name \"\(output.name)\" is not an output of model '\(model.id)'; its output is \"\(Self.outputName)\"")
        }
        return request
    }

    /// Triton's raw request (`Inference-Header-Content-Length: 0`): the body is the input's bytes, whole rows of FP32.
    static func raw(_ bytes: UnsafeRawBufferPointer, model: ServedModel, values: UnsafeMutablePointer<Float>) throws(ServingError)
        -> V2InferRequestDecoder.Request {
        let rowBytes = model.inputCount * 4
        guard bytes.count % rowBytes == 0 else {
            throw .badRequest("a raw request (Inference-Header-Content-Length: 0) of \(bytes.count) bytes is not whole rows of \(model.inputCount) FP32 values")
        }
        let rows = bytes.count / rowBytes
        try V2InferRequestDecoder.copyBinary(bytes, count: rows * model.inputCount, into: values, field: "the raw input")
        var request = V2InferRequestDecoder.Request()
        request.inputName = inputName
        request.shape = [rows, model.inputCount]
        request.valueCount = rows * model.inputCount
        request.binaryDataOutput = true
        return request
    }

    private func evaluate(_ model: ServedModel, _ request: V2InferRequestDecoder.Request, values: UnsafeMutablePointer<Float>,
                          timing: inout ServerTiming, laps: inout ServerTiming.Laps) throws(ServingError) -> ServerResponse {
        let rows = request.rows, width = model.inputCount, outWidth = model.outputCount
        let (count, overflow) = rows.multipliedReportingOverflow(by: outWidth)
        guard !overflow, count <= limits.maxOutputValues else {
            throw .overLimit("the response", overflow ? .max : count, "output values (rows × outputs)", limit: limits.maxOutputValues,
                             setting: "--max-outputs-per-request")
        }
        let network = model.network
        return try withUnsafeTemporaryAllocation(of: Float.self, capacity: count + 1) { out throws(ServingError) in
            try withUnsafeTemporaryAllocation(of: Float.self, capacity: network.scratchCount) { scratch throws(ServingError) in
                for r in 0..<rows {
                    network.evaluate(inputs: values + r * width, outputs: out.baseAddress! + r * outWidth, scratch: scratch.baseAddress!)
                }
                ServerTiming.spin(addedCompute)
                timing.compute = laps.lap()
                let binary = request.outputs.first?.binary ?? request.binaryDataOutput
                let encoded = try V2InferResponseEncoder.encode(model: model.id, version: model.version, id: request.id, outputName: Self.outputName,
                                                                rows: rows, columns: outWidth, values: out.baseAddress!, binary: binary)
                timing.encode = laps.lap()
                model.statistics.recordSuccess(rows: rows, timing: timing)
                metrics.recordRows(rows)
                let headers = encoded.headerLength.map { [(name: "Inference-Header-Content-Length", value: String($0))] } ?? []
                return ServerResponse(contentType: encoded.headerLength == nil ? "application/json" : "application/octet-stream",
                                      body: encoded.body, headers: headers, serverTiming: sendsServerTiming ? timing : nil)
            }
        }
    }
}
