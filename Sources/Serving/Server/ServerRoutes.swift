import Engine
import HTTPTypes
import NIOCore

/// The server's endpoints: a synchronous function from `ServerRequest` to
/// `ServerResponse`, shared by both transports (plain SwiftNIO and hummingbird).
///
/// | route | methods |
/// |---|---|
/// | `/infer` | POST: evaluate rows |
/// | `/v1/models` | GET: list models |
/// | `/v1/models/{id}` | PUT: upload one network (neat-python JSON); DELETE |
/// | `/v1/population` | PUT: replace the population `{"models": {"ID": <network>, ...}}` |
/// | `/healthz` | GET |
/// | `/metrics` | GET: Prometheus text |
/// | `/noop` | GET, POST: a tiny constant body (benchmark aid: HTTP cost alone) |
///
/// Any other method on these paths is a 405 with an `Allow` header; any other
/// path a 404. Every request is logged and counted by `RequestLog`.
public struct ServerRoutes: Sendable {
    let registry: ModelRegistry
    let decoder: ModelDecoder
    let metrics: ServerMetrics
    let log: RequestLog
    let maxBodyBytes: Int
    let infer: InferEndpoint

    init(registry: ModelRegistry, decoder: ModelDecoder, metrics: ServerMetrics, log: RequestLog, maxBodyBytes: Int) {
        self.registry = registry
        self.decoder = decoder
        self.metrics = metrics
        self.log = log
        self.maxBodyBytes = maxBodyBytes
        self.infer = InferEndpoint(registry: registry)
    }

    /// The route patterns, as metrics label them.
    enum Route: String {
        case infer = "/infer", models = "/v1/models", model = "/v1/models/{id}", population = "/v1/population"
        case healthz = "/healthz", metrics = "/metrics", noop = "/noop", unmatched = "unmatched"

        var allowed: [String] {
            switch self {
            case .infer: return ["POST"]
            case .models, .healthz, .metrics: return ["GET"]
            case .model: return ["PUT", "DELETE"]
            case .population: return ["PUT"]
            case .noop: return ["GET", "POST"]
            case .unmatched: return []
            }
        }
    }

    static let modelPrefix = "/v1/models/"

    /// Answers one request (never throws: every error becomes its JSON response), logged and counted.
    public func respond(to request: ServerRequest) -> ServerResponse {
        let start = ContinuousClock.now
        let route: Route
        var response: ServerResponse
        switch request.path {
        case "/infer": route = .infer
        case "/noop": route = .noop
        case "/healthz": route = .healthz
        case "/metrics": route = .metrics
        case "/v1/models": route = .models
        case "/v1/population": route = .population
        default: route = request.path.hasPrefix(Self.modelPrefix) && request.path.count > Self.modelPrefix.count ? .model : .unmatched
        }
        do {
            response = try dispatch(route, request)
        } catch {
            response = ServerResponse(error as? ServingError ?? ServingError(.internalServerError, "internal error: \(error)"))
        }
        log.finished(method: request.method, path: request.path, route: route.rawValue, status: response.status.code, since: start)
        return response
    }

    private func dispatch(_ route: Route, _ request: ServerRequest) throws -> ServerResponse {
        guard route != .unmatched else { throw ServingError(.notFound, "no such route: \(request.path)") }
        guard route.allowed.contains(request.method) else {
            let allow = route.allowed.joined(separator: ", ")
            throw ServingError(.methodNotAllowed, "\(request.method) is not allowed on \(route.rawValue); use \(allow)", headers: [.allow: allow])
        }
        if request.method == "POST" || request.method == "PUT" { try checkBody(request) }
        switch route {
        case .infer:
            let (out, rows) = try infer.respond(to: request.body)
            metrics.recordRows(rows)
            return ServerResponse(body: out)
        case .noop:
            return ServerResponse(body: Self.noopBody)
        case .healthz:
            let snapshot = registry.snapshot
            var out = ByteBuffer()
            out.writeString("{\"status\":\"ok\",\"server\":\"dashboard\",\"models\":\(snapshot.models.count),\"default\":")
            Self.writeOptionalString(snapshot.defaultID, into: &out)
            out.writeStaticString("}")
            return ServerResponse(body: out)
        case .metrics:
            return ServerResponse(contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.render())
        case .models:
            return ServerResponse(body: listModels())
        case .model:
            let id = Self.percentDecoded(request.path.dropFirst(Self.modelPrefix.count))
            if request.method == "DELETE" {
                let snapshot = registry.snapshot
                guard registry.remove(id) else { throw InferEndpoint.unknownModel(id, snapshot) }
                var out = ByteBuffer()
                out.writeStaticString("{\"deleted\":")
                JSONWriter.writeString(id, into: &out)
                out.writeString(",\"models\":\(registry.count)}")
                return ServerResponse(body: out)
            }
            let model = try ServedModel(id: id, genome: decoder.genome(id: id, json: Array(buffer: request.body)))
            registry.put(model)
            return ServerResponse(body: Self.describe(model, isDefault: true))
        case .population:
            let (models, defaultID) = try PopulationUpload.parse(request.body, decoder: decoder)
            try registry.replacePopulation(models, defaultID: defaultID)
            let snapshot = registry.snapshot
            var out = ByteBuffer()
            out.writeString("{\"loaded\":\(models.count),\"models\":\(snapshot.models.count),\"default\":")
            Self.writeOptionalString(snapshot.defaultID, into: &out)
            out.writeStaticString("}")
            return ServerResponse(body: out)
        case .unmatched:
            throw ServingError(.notFound, "no such route: \(request.path)")
        }
    }

    static let noopBody = ByteBuffer(staticString: "[]")

    /// Content type JSON (or absent) and body within the limit.
    private func checkBody(_ request: ServerRequest) throws(ServingError) {
        if request.bodyTooLarge {
            throw ServingError(.contentTooLarge, "request body is over the limit of \(maxBodyBytes) bytes; raise it with --max-body-bytes")
        }
        if let type = request.contentType {
            let essence = type.prefix { $0 != ";" }.trimmingSpaces.lowercased()
            guard essence == "application/json" else {
                throw ServingError(.unsupportedMediaType, "content type '\(type)' is not supported: send application/json")
            }
        }
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
        guard s.contains("%") else { return String(s) }
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
