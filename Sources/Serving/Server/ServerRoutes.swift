import Engine
import HTTPTypes
import NIOCore
import Wire

/// The server's endpoints: a synchronous function from `ServerRequest` to
/// `ServerResponse`, tested without sockets and served by `HTTPServer`.
///
/// | route | methods |
/// |---|---|
/// | `/infer` | POST: evaluate rows (models by id or content id; content ids it lacks: 404 with `"missing"`) |
/// | `/v1/models` | GET: list models |
/// | `/v1/models/{id}` | PUT: upload one network (neat-python JSON); DELETE |
/// | `/v1/population` | PUT: replace the population `{"models": {"ID": <network>, ...}}` |
/// | `/v1/networks` | PUT: cache networks named by content id `{"networks": {"sha256:<hex>": <network>, ...}}` |
/// | `/healthz` | GET |
/// | `/metrics` | GET: Prometheus text |
/// | `/noop` | GET, POST: a tiny constant body (benchmark aid: HTTP cost alone) |
///
/// Any other method on these paths is a 405 with an `Allow` header; any other
/// path a 404. Every request is logged and counted by `RequestLog`.
///
/// Uploads are atomic: a network or population is decoded, validated and
/// compiled completely before anything is swapped in, and a refused upload
/// also unloads whatever was loaded under the ids it named, so no stale model
/// answers under a name whose replacement failed.
public struct ServerRoutes: Sendable {
    let registry: ModelRegistry
    let decoder: ModelDecoder
    let metrics: ServerMetrics
    let log: RequestLog
    let limits: ServerLimits
    let infer: InferEndpoint
    let v2: V2Endpoint
    /// Largest body answered on the event loop; larger ones go to the work pool.
    let inlineBodyBytes: Int
    /// Inference answers carry `Server-Timing`.
    let sendsServerTiming: Bool

    init(registry: ModelRegistry, decoder: ModelDecoder, metrics: ServerMetrics, log: RequestLog,
         limits: ServerLimits, repository: ModelRepository? = nil, cache: ModelCache = ModelCache(), inlineBodyBytes: Int = 64 << 10,
         sendsServerTiming: Bool = true, addedCompute: Duration = .zero) {
        self.registry = registry
        self.decoder = decoder
        self.metrics = metrics
        self.log = log
        self.limits = limits
        self.inlineBodyBytes = inlineBodyBytes
        self.infer = InferEndpoint(registry: registry, limits: limits, cache: cache, decoder: decoder, addedCompute: addedCompute)
        self.v2 = V2Endpoint(registry: registry, decoder: decoder, metrics: metrics, limits: limits, repository: repository,
                             sendsServerTiming: sendsServerTiming, addedCompute: addedCompute)
        self.sendsServerTiming = sendsServerTiming
    }

    /// The route patterns, as metrics label them.
    enum Route: String {
        case infer = "/infer", models = "/v1/models", model = "/v1/models/{id}", population = "/v1/population"
        case networks = "/v1/networks"
        case healthz = "/healthz", metrics = "/metrics", noop = "/noop", unmatched = "unmatched"

        var allowed: [String] {
            switch self {
            case .infer: return ["POST"]
            case .models, .healthz, .metrics: return ["GET"]
            case .model: return ["PUT", "DELETE"]
            case .population, .networks: return ["PUT"]
            case .noop: return ["GET", "POST"]
            case .unmatched: return []
            }
        }

        init(path: String) {
            switch path {
            case "/infer": self = .infer
            case "/noop": self = .noop
            case "/healthz": self = .healthz
            case "/metrics": self = .metrics
            case "/v1/models": self = .models
            case "/v1/population": self = .population
            case "/v1/networks": self = .networks
            default:
                self = path.hasPrefix(ServerRoutes.modelPrefix) && path.count > ServerRoutes.modelPrefix.count ? .model : .unmatched
            }
        }
    }

    static let modelPrefix = "/v1/models/"

    /// Whether `request` is cheap enough to answer on the event loop that read
    /// it: everything but uploads and inference bodies over `inlineBodyBytes`.
    public func runsOnEventLoop(_ request: ServerRequest) -> Bool {
        let path = request.path
        if path.hasPrefix("/v2/") {
            // By the last segment, without parsing the route (respond does that once):
            // a path that is no route gets its 404 wherever it runs.
            if path.hasSuffix("/infer") { return request.body.readableBytes <= inlineBodyBytes }
            // Every model's statistics: up to --max-population entries, written off the loop.
            if path == "/v2/models/stats" || path == "/v2/models/stats/" { return false }
            if path.hasSuffix("/load") || path.hasSuffix("/index") { return request.bodyTooLarge }
            return true
        }
        switch Route(path: path) {
        case .infer: return request.body.readableBytes <= inlineBodyBytes
        case .model: return request.method != "PUT" || request.bodyTooLarge
        case .population, .networks: return request.bodyTooLarge
        default: return true
        }
    }

    /// The 503 for a request the work pool had no room for (logged and counted like any answer).
    func busy(_ request: ServerRequest, queued: Int) -> ServerResponse {
        let error = ServingError(.serviceUnavailable, "server busy: \(queued) uploads or large requests are already queued; retry shortly",
                                 headers: [.retryAfter: "1"])
        let response = ServerResponse(error)
        log.finished(method: request.method, path: request.path, route: Route(path: request.path).rawValue,
                     status: response.status.code, since: .now)
        return response
    }

    /// Answers one request (never throws: every error becomes its JSON response), logged and counted.
    public func respond(to request: ServerRequest) -> ServerResponse {
        let start = ContinuousClock.now
        var label: String
        var response: ServerResponse
        do {
            if let route = V2Route(path: request.path) {
                label = route.pattern
                response = try dispatchV2(route, request)
            } else {
                let route = Route(path: request.path)
                label = route.rawValue
                response = try dispatch(route, request, start: start)
            }
        } catch {
            label = V2Route(path: request.path)?.pattern ?? Route(path: request.path).rawValue
            response = ServerResponse(Self.servingError(error))
        }
        log.finished(method: request.method, path: request.path, route: label, status: response.status.code, since: start)
        return response
    }

    private func dispatchV2(_ route: V2Route, _ request: ServerRequest) throws(ServingError) -> ServerResponse {
        guard route.allowed.contains(request.method) else {
            let allow = route.allowed.joined(separator: ", ")
            throw ServingError(.methodNotAllowed, "\(request.method) is not allowed on \(route.pattern); use \(allow)", headers: [.allow: allow])
        }
        if request.method == "POST" {
            if request.bodyTooLarge {
                throw ServingError(.contentTooLarge, "request body is over the limit of \(limits.maxBodyBytes) bytes; raise it with --max-body-bytes")
            }
            if let type = request.contentType, type != "application/octet-stream", type != "application/json" {
                let essence = type.prefix { $0 != ";" }.trimmingSpaces.lowercased()
                guard essence == "application/json" || essence == "application/octet-stream" else {
                    throw ServingError(.unsupportedMediaType, "content type '\(type)' is not supported: send application/json, application/octet-stream (binary tensors) or none")
                }
            }
        }
        return try v2.respond(route, request)
    }

    private func dispatch(_ route: Route, _ request: ServerRequest, start: ContinuousClock.Instant) throws -> ServerResponse {
        guard route != .unmatched else { throw ServingError(.notFound, "no such route: \(request.path)") }
        guard route.allowed.contains(request.method) else {
            let allow = route.allowed.joined(separator: ", ")
            throw ServingError(.methodNotAllowed, "\(request.method) is not allowed on \(route.rawValue); use \(allow)", headers: [.allow: allow])
        }
        switch route {
        case .infer:
            try checkBody(request)
            var (out, rows, timing) = try infer.respond(to: request.body)
            timing.queue = request.receivedAt.duration(to: start)
            metrics.recordRows(rows)
            return ServerResponse(body: out, serverTiming: sendsServerTiming ? timing : nil)
        case .noop:
            return ServerResponse(body: Self.noopBody)
        case .healthz:
            return ServerResponse(body: health())
        case .metrics:
            return ServerResponse(contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.render())
        case .models:
            return ServerResponse(body: listModels())
        case .model:
            let id = Self.percentDecoded(request.path.dropFirst(Self.modelPrefix.count))
            try limits.checkID(id, what: "model id")
            return request.method == "DELETE" ? try deleteModel(id) : try putModel(id, request)
        case .population:
            return try putPopulation(request)
        case .networks:
            return try putNetworks(request)
        case .unmatched:
            throw ServingError(.notFound, "no such route: \(request.path)")
        }
    }

    static let noopBody = ByteBuffer(staticString: "[]")

    /// Content type JSON (or absent) and body within the limit.
    private func checkBody(_ request: ServerRequest) throws(ServingError) {
        if request.bodyTooLarge {
            throw ServingError(.contentTooLarge, "request body is over the limit of \(limits.maxBodyBytes) bytes; raise it with --max-body-bytes")
        }
        if let type = request.contentType {
            let essence = type.prefix { $0 != ";" }.trimmingSpaces.lowercased()
            guard essence == "application/json" else {
                throw ServingError(.unsupportedMediaType, "content type '\(type)' is not supported: send application/json")
            }
        }
    }

    // MARK: Models

    private func putModel(_ id: String, _ request: ServerRequest) throws(ServingError) -> ServerResponse {
        let model: ServedModel
        do {
            try checkBody(request)
            let genome = try request.body.withUnsafeReadableBytes { raw in
                try decoder.genome(id: id, json: raw, limits: limits.network)
            }
            model = try ServedModel(id: id, genome: genome)
        } catch {
            throw refused(Self.servingError(error), ids: [id])
        }
        registry.put(model)
        return ServerResponse(body: Self.describe(model, isDefault: true))
    }

    private func deleteModel(_ id: String) throws -> ServerResponse {
        let snapshot = registry.snapshot
        guard registry.remove(id) else { throw InferEndpoint.unknownModel(id, snapshot) }
        var out = ByteBuffer()
        out.writeStaticString("{\"deleted\":")
        JSONWriter.writeString(id, into: &out)
        out.writeString(",\"models\":\(registry.count)}")
        return ServerResponse(body: out)
    }

    private func putPopulation(_ request: ServerRequest) throws -> ServerResponse {
        try checkBody(request)
        let document = try request.body.withUnsafeReadableBytes { raw throws(ServingError) in
            try PopulationDocument.split(raw, limits: limits)
        }
        let models: [ServedModel]
        do {
            models = try PopulationUpload.build(document, body: request.body, decoder: decoder, limits: limits.network)
            try registry.replacePopulation(models, defaultID: document.defaultID)
        } catch {
            throw refused(error, ids: document.models.map(\.id))
        }
        let snapshot = registry.snapshot
        var out = ByteBuffer()
        out.writeString("{\"loaded\":\(models.count),\"models\":\(snapshot.models.count),\"default\":")
        Self.writeOptionalString(snapshot.defaultID, into: &out)
        out.writeStaticString("}")
        return ServerResponse(body: out)
    }

    /// Decodes, checks and caches networks named by content id, ahead of the
    /// `/infer` requests that name them (they would otherwise come inline).
    private func putNetworks(_ request: ServerRequest) throws -> ServerResponse {
        try checkBody(request)
        let networks = try request.body.withUnsafeReadableBytes { raw throws(ServingError) in
            try InferCodec.parseNetworksUpload(raw, limits: limits)
        }
        let models = try infer.inlineModels(networks, body: request.body)
        for (id, _) in networks { infer.cache.insert(models[id]!) }
        var out = ByteBuffer()
        out.writeString("{\"cached\":\(models.count),\"networks\":\(infer.cache.usage.count)}")
        return ServerResponse(body: out)
    }

    static func servingError(_ error: any Error) -> ServingError {
        error as? ServingError ?? ServingError(.internalServerError, "internal error: \(error)")
    }

    /// Unloads whatever was loaded under the ids of a refused upload, and says so in the error.
    private func refused(_ error: ServingError, ids: [String]) -> ServingError {
        let removed = registry.remove(ids: ids)
        guard !removed.isEmpty else { return error }
        let list = removed.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (removed.count > 5 ? " and \(removed.count - 5) more" : "")
        return ServingError(error.status, error.message + " (the upload was refused, so the models it would have replaced are unloaded: \(list))",
                            headers: error.headers)
    }

    // MARK: Reading

    private func health() -> ByteBuffer {
        let snapshot = registry.snapshot
        var out = ByteBuffer()
        out.writeString("{\"status\":\"ok\",\"server\":\"dashboard\",\"models\":\(snapshot.models.count),\"default\":")
        Self.writeOptionalString(snapshot.defaultID, into: &out)
        out.writeStaticString("}")
        return out
    }

    static func writeOptionalString(_ s: String?, into out: inout ByteBuffer) {
        if let s { JSONWriter.writeString(s, into: &out) } else { out.writeStaticString("null") }
    }

    private func listModels() -> ByteBuffer {
        let snapshot = registry.snapshot
        var out = ByteBuffer()
        out.writeStaticString("{\"default\":")
        Self.writeOptionalString(snapshot.defaultID, into: &out)
        out.writeStaticString(",\"models\":[")
        for (i, id) in snapshot.models.keys.sorted().enumerated() {
            if i > 0 { out.writeStaticString(",") }
            var item = Self.describe(snapshot.models[id]!, isDefault: id == snapshot.defaultID)
            out.writeBuffer(&item)
        }
        out.writeStaticString("]}")
        return out
    }

    static func describe(_ model: ServedModel, isDefault: Bool) -> ByteBuffer {
        var out = ByteBuffer()
        out.writeStaticString("{\"id\":")
        JSONWriter.writeString(model.id, into: &out)
        out.writeString(",\"inputs\":\(model.inputCount),\"outputs\":\(model.outputCount)"
            + ",\"nodes\":\(model.network.nodeCount),\"connections\":\(model.network.connectionCount)"
            + ",\"population\":\(model.fromPopulation),\"default\":\(isDefault)}")
        return out
    }

    /// `%XX` escapes decoded (model ids in paths); invalid escapes are kept as written.
    static func percentDecoded(_ s: Substring) -> String {
        // By bytes: `Substring.contains(_: String)` goes through Foundation's string search.
        guard s.utf8.contains(UInt8(ascii: "%")) else { return String(s) }
        var out = [UInt8]()
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let v = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
