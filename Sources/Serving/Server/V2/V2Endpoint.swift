import Engine
import Foundation
import NIOCore
import Wire

/// The Open Inference Protocol (KServe v2) side of `dashboard serve`: health,
/// metadata, inference with JSON or binary tensors (Triton's binary tensor data
/// extension), the model repository extension (load with the network inline,
/// or from `--model-repository DIR`; unload; index) and the statistics extension.
///
/// It shares the model table with the `/infer` API: a model uploaded either way
/// answers both. A model has one FP32 input `"input"` of shape `[-1, inputs]`
/// and one FP32 output `"output"` of shape `[-1, outputs]`. Rows are evaluated
/// with the same compiled-network call as `/infer` and the CPU mode, so answers
/// are bit-identical to them.
struct V2Endpoint: Sendable {
    let registry: ModelRegistry
    let decoder: ModelDecoder
    let metrics: ServerMetrics
    let limits: ServerLimits
    /// Where a load without a file in its body reads the model from.
    let repository: ModelRepository?
    /// Infer answers carry `Server-Timing`.
    var sendsServerTiming = true
    /// Added to every evaluation, spent spinning (`--add-compute-latency`, a testing aid); zero: none.
    var addedCompute: Duration = .zero

    static let inputName = "input"
    static let outputName = "output"
    static let extensions = ["binary_tensor_data", "model_repository", "statistics"]

    /// The answer to `route` (already checked for its method).
    func respond(_ route: V2Route, _ request: ServerRequest) throws(ServingError) -> ServerResponse {
        switch route {
        case .live, .ready: return ServerResponse(body: ByteBuffer())
        case .server: return ServerResponse(body: serverMetadata())
        case .model(let name, let version): return ServerResponse(body: modelMetadata(try model(name, version)))
        case .modelReady(let name, let version): _ = try model(name, version); return ServerResponse(body: ByteBuffer())
        case .infer(let name, let version): return try infer(try model(name, version), request)
        case .stats(let name, let version): return ServerResponse(body: ModelStatistics.json(for: [try model(name, version)]))
        case .allStats: return ServerResponse(body: ModelStatistics.json(for: registry.snapshot.models.values.sorted { $0.id < $1.id }))
        case .index: return ServerResponse(body: index())
        case .load(let name): return try load(name, request)
        case .unload(let name):
            try checkName(name)
            let snapshot = registry.snapshot
            guard registry.remove(name) else { throw InferEndpoint.unknownModel(name, snapshot) }
            return ServerResponse(body: ByteBuffer())
        }
    }

    /// The model `name` (of `version`, when given), or 404.
    func model(_ name: String, _ version: String?) throws(ServingError) -> ServedModel {
        let snapshot = registry.snapshot
        guard let m = snapshot.models[name] else { throw InferEndpoint.unknownModel(name, snapshot) }
        if let version, version != m.version {
            throw ServingError(.notFound, "model '\(name)' has no version '\(version)' (versions: \(m.version))")
        }
        return m
    }

    private func checkName(_ name: String) throws(ServingError) {
        try limits.checkID(name, what: "model name")
        guard !name.contains("/"), name != ".", name != ".." else {
            throw .badRequest("model name '\(name)' may not contain '/' or be '.' or '..'")
        }
    }

    // MARK: Metadata

    private func serverMetadata() -> ByteBuffer {
        var out = ByteBuffer()
        out.writeString("{\"name\":\"dashboard\",\"version\":\"1\",\"extensions\":[")
        out.writeString(Self.extensions.map { "\"\($0)\"" }.joined(separator: ","))
        out.writeString("]}")
        return out
    }

    private func modelMetadata(_ m: ServedModel) -> ByteBuffer {
        var out = ByteBuffer()
        out.writeStaticString("{\"name\":")
        JSONWriter.writeString(m.id, into: &out)
        out.writeStaticString(",\"versions\":[")
        JSONWriter.writeString(m.version, into: &out)
        out.writeString("],\"platform\":\"dashboard_neat\",\"inputs\":[{\"name\":\"\(Self.inputName)\",\"datatype\":\"FP32\",\"shape\":[-1,\(m.inputCount)]}]"
            + ",\"outputs\":[{\"name\":\"\(Self.outputName)\",\"datatype\":\"FP32\",\"shape\":[-1,\(m.outputCount)]}]}")
        return out
    }

    // MARK: Repository

    private func index() -> ByteBuffer {
        let snapshot = registry.snapshot
        var entries = snapshot.models.values.map { (name: $0.id, version: $0.version, state: "READY", reason: "") }
        for name in repository?.modelNames() ?? [] where snapshot.models[name] == nil {
            entries.append((name, "", "UNAVAILABLE", "not loaded"))
        }
        entries.sort { $0.name < $1.name }
        var out = ByteBuffer()
        out.writeStaticString("[")
        for (i, e) in entries.enumerated() {
            if i > 0 { out.writeStaticString(",") }
            out.writeStaticString("{\"name\":")
            JSONWriter.writeString(e.name, into: &out)
            out.writeStaticString(",\"version\":")
            JSONWriter.writeString(e.version, into: &out)
            out.writeString(",\"state\":\"\(e.state)\",\"reason\":\"\(e.reason)\"}")
        }
        out.writeStaticString("]")
        return out
    }

    /// Loads (or replaces) model `name` from the file in the body, or from the repository folder.
    private func load(_ name: String, _ request: ServerRequest) throws(ServingError) -> ServerResponse {
        try checkName(name)
        let model: ServedModel
        do {
            let body = try request.body.withUnsafeReadableBytes { raw throws(ServingError) in try V2LoadRequest.decode(raw) }
            let (version, json) = try networkFile(for: name, body)
            let genome = try json.withUnsafeBytes { raw throws(ServingError) in try decoder.genome(id: name, json: raw, limits: limits.network) }
            model = try ServedModel(id: name, genome: genome, version: version)
        } catch {
            let error = ServerRoutes.servingError(error)
            let removed = registry.remove(ids: [name])
            guard removed.isEmpty else {
                throw ServingError(error.status, error.message + " (the load was refused, so model '\(name)' is unloaded)")
            }
            throw error
        }
        registry.put(model)
        return ServerResponse(body: ByteBuffer())
    }

    /// The network's version and JSON bytes: the body's `file:<version>/model.json`, else the repository's.
    private func networkFile(for name: String, _ body: V2LoadRequest) throws(ServingError) -> (String, [UInt8]) {
        guard !body.files.isEmpty else {
            guard let repository else {
                throw .badRequest("the load request for '\(name)' carries no model file and the server has no model repository: "
                    + "send {\"parameters\": {\"config\": \"{}\", \"file:1/model.json\": \"<base64 neat-python network JSON>\"}}, "
                    + "or start the server with --model-repository DIR")
            }
            return try repository.network(named: name)
        }
        guard body.config != nil else {
            throw .badRequest("a load request with a model file needs a \"config\" parameter too (a JSON string; \"{}\" will do)")
        }
        guard body.files.count == 1, let file = body.files.first else {
            throw .badRequest("a load request carries one file, file:<version>/model.json; this one has \(body.files.count)")
        }
        let parts = file.path.split(separator: "/")
        guard parts.count == 2, let version = Int(parts[0]), version >= 0 else {
            throw .badRequest("load parameter \"file:\(file.path)\": expected file:<version>/model.json, e.g. file:1/model.json")
        }
        guard parts[1] == "model.json" else {
            throw .badRequest("load parameter \"file:\(file.path)\": this server evaluates NEAT networks and loads model.json "
                + "(neat-python network JSON, format 1.0); ONNX models are for the ONNX Runtime service")
        }
        return (String(version), file.contents)
    }
}
