import Engine
import HTTPTypes
import Hummingbird
import NIOCore

/// The server's endpoints, registered on a hummingbird `Router`.
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
/// Any other method on these paths is a 405 with an `Allow` header.
struct ServerRoutes: Sendable {
    let registry: ModelRegistry
    let decoder: ModelDecoder
    let metrics: ServerMetrics
    let maxBodyBytes: Int

    func register<Context: RequestContext>(on router: Router<Context>) {
        let infer = InferEndpoint(registry: registry)
        let table: [(String, [(HTTPRequest.Method, @Sendable (Request, Context) async throws -> Response)])] = [
            ("/infer", [(.post, { request, _ in
                let body = try await collectJSONBody(request)
                let (out, rows) = try infer.respond(to: body)
                metrics.recordRows(rows)
                return Self.json(out)
            })]),
            ("/v1/models", [(.get, { _, _ in Self.json(listModels()) })]),
            ("/v1/models/:id", [
                (.put, { request, context in
                    let id = try context.parameters.require("id")
                    let body = try await collectJSONBody(request)
                    let model = try ServedModel(id: id, genome: decoder.genome(id: id, json: Array(buffer: body)))
                    registry.put(model)
                    return Self.json(describe(model, isDefault: true))
                }),
                (.delete, { _, context in
                    let id = try context.parameters.require("id")
                    let snapshot = registry.snapshot
                    guard registry.remove(id) else { throw InferEndpoint.unknownModel(id, snapshot) }
                    var out = ByteBuffer()
                    out.writeStaticString("{\"deleted\":")
                    JSONWriter.writeString(id, into: &out)
                    out.writeString(",\"models\":\(registry.count)}")
                    return Self.json(out)
                }),
            ]),
            ("/v1/population", [(.put, { request, _ in
                let body = try await collectJSONBody(request)
                let (models, defaultID) = try PopulationUpload.parse(body, decoder: decoder)
                try registry.replacePopulation(models, defaultID: defaultID)
                let snapshot = registry.snapshot
                var out = ByteBuffer()
                out.writeString("{\"loaded\":\(models.count),\"models\":\(snapshot.models.count),\"default\":")
                Self.writeOptionalString(snapshot.defaultID, into: &out)
                out.writeStaticString("}")
                return Self.json(out)
            })]),
            ("/healthz", [(.get, { _, _ in
                let snapshot = registry.snapshot
                var out = ByteBuffer()
                out.writeString("{\"status\":\"ok\",\"server\":\"dashboard\",\"models\":\(snapshot.models.count),\"default\":")
                Self.writeOptionalString(snapshot.defaultID, into: &out)
                out.writeStaticString("}")
                return Self.json(out)
            })]),
            ("/metrics", [(.get, { _, _ in
                Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                         body: .init(byteBuffer: metrics.render()))
            })]),
            ("/noop", [
                (.get, { _, _ in Self.json(Self.noopBody) }),
                (.post, { request, _ in
                    _ = try await collectJSONBody(request)
                    return Self.json(Self.noopBody)
                }),
            ]),
        ]
        let allMethods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch, .head, .options]
        for (path, handlers) in table {
            let allowed = handlers.map(\.0)
            for (method, handler) in handlers {
                router.on(RouterPath(path), method: method, use: handler)
            }
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            for method in allMethods where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw ServingError(.methodNotAllowed, "\(request.method) is not allowed on \(path); use \(allow)",
                                       headers: [.allow: allow])
                }
            }
        }
    }

    static let noopBody = ByteBuffer(staticString: "[]")

    @inline(__always)
    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }

    static func writeOptionalString(_ s: String?, into out: inout ByteBuffer) {
        if let s { JSONWriter.writeString(s, into: &out) } else { out.writeStaticString("null") }
    }

    /// Checks the content type (JSON or absent) and collects the body up to the limit.
    func collectJSONBody(_ request: Request) async throws -> ByteBuffer {
        if let type = request.headers[.contentType] {
            let essence = type.prefix { $0 != ";" }.trimmingSpaces.lowercased()
            guard essence == "application/json" else {
                throw ServingError(.unsupportedMediaType, "content type '\(type)' is not supported: send application/json")
            }
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
            throw Self.tooLarge(maxBodyBytes, received: length)
        }
        do {
            return try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw Self.tooLarge(maxBodyBytes, received: nil)
        }
    }

    static func tooLarge(_ limit: Int, received: Int?) -> ServingError {
        let got = received.map { " (received \($0) bytes)" } ?? ""
        return ServingError(.contentTooLarge, "request body is over the limit of \(limit) bytes\(got); raise it with --max-body-bytes")
    }

    private func listModels() -> ByteBuffer {
        let snapshot = registry.snapshot
        var out = ByteBuffer()
        out.writeStaticString("{\"default\":")
        Self.writeOptionalString(snapshot.defaultID, into: &out)
        out.writeStaticString(",\"models\":[")
        for (i, id) in snapshot.models.keys.sorted().enumerated() {
            if i > 0 { out.writeStaticString(",") }
            var item = Self.describeBuffer(snapshot.models[id]!, isDefault: id == snapshot.defaultID)
            out.writeBuffer(&item)
        }
        out.writeStaticString("]}")
        return out
    }

    private func describe(_ model: ServedModel, isDefault: Bool) -> ByteBuffer {
        Self.describeBuffer(model, isDefault: isDefault)
    }

    static func describeBuffer(_ model: ServedModel, isDefault: Bool) -> ByteBuffer {
        var out = ByteBuffer()
        out.writeStaticString("{\"id\":")
        JSONWriter.writeString(model.id, into: &out)
        out.writeString(",\"inputs\":\(model.inputCount),\"outputs\":\(model.outputCount)"
            + ",\"nodes\":\(model.network.nodeCount),\"connections\":\(model.network.connectionCount)"
            + ",\"population\":\(model.fromPopulation),\"default\":\(isDefault)}")
        return out
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
