import Engine
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
@testable import Serving

@Suite("ServerRoutes")
struct ServerRoutesTests {
    let logs = LogStore()

    func makeServer(maxBodyBytes: Int = 1 << 20) -> InferenceServer {
        let store = logs
        let logger = Logger(label: "test") { _ in CapturingLogHandler(store: store) }
        return InferenceServer(configuration: .init(port: 0, maxBodyBytes: maxBodyBytes),
                               decoder: ServerTestSupport.codableDecoder, logger: logger)
    }

    static let json: HTTPFields = [.contentType: "application/json"]

    @Test func uploadListInferDelete() async throws {
        let server = makeServer()
        try await server.makeApplication().test(.router) { client in
            let put = try await client.execute(uri: "/v1/models/champion", method: .put, headers: Self.json,
                                               body: ByteBuffer(string: ServerTestSupport.json(ServerTestSupport.hidden())))
            #expect(put.status == .ok)
            #expect(String(buffer: put.body).contains("\"id\":\"champion\",\"inputs\":2,\"outputs\":1"))

            let infer = try await client.execute(uri: "/infer", method: .post, headers: Self.json,
                                                 body: ByteBuffer(string: #"{"inputs":[[0.5,-1]]}"#))
            #expect(infer.status == .ok)
            #expect(infer.headers[.contentType] == "application/json")
            #expect(ServerTestSupport.matrix(infer.body) == [ServerTestSupport.reference(ServerTestSupport.hidden(), [0.5, -1])])

            let list = try await client.execute(uri: "/v1/models", method: .get)
            #expect(String(buffer: list.body).hasPrefix("{\"default\":\"champion\",\"models\":[{\"id\":\"champion\""))

            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(String(buffer: health.body) == #"{"status":"ok","server":"dashboard","models":1,"default":"champion"}"#)

            let del = try await client.execute(uri: "/v1/models/champion", method: .delete)
            #expect(del.status == .ok && String(buffer: del.body) == #"{"deleted":"champion","models":0}"#)
            let again = try await client.execute(uri: "/v1/models/champion", method: .delete)
            #expect(again.status == .notFound && ServerTestSupport.errorMessage(again.body) == "unknown model 'champion' (none are loaded)")
        }
    }

    @Test func populationUpload() async throws {
        let server = makeServer()
        let a = ServerTestSupport.json(ServerTestSupport.hidden())
        let b = ServerTestSupport.json(ServerTestSupport.dense(inputs: 3, outputs: 2))
        try await server.makeApplication().test(.router) { client in
            let put = try await client.execute(uri: "/v1/population", method: .put, headers: Self.json,
                                               body: ByteBuffer(string: "{\"models\": {\"g0-0\": \(a), \"g0-1\": \(b)}}"))
            #expect(put.status == .ok)
            #expect(String(buffer: put.body) == #"{"loaded":2,"models":2,"default":"g0-0"}"#)
            let infer = try await client.execute(uri: "/infer", method: .post, headers: Self.json,
                                                 body: ByteBuffer(string: #"{"models":["g0-1","g0-0"],"inputs":[[1,2,3],[4,5]]}"#))
            #expect(ServerTestSupport.matrix(infer.body) == [ServerTestSupport.reference(ServerTestSupport.dense(inputs: 3, outputs: 2), [1, 2, 3]),
                                                            ServerTestSupport.reference(ServerTestSupport.hidden(), [4, 5])])
            // A bad member leaves the previous population serving.
            let bad = try await client.execute(uri: "/v1/population", method: .put, headers: Self.json,
                                               body: ByteBuffer(string: "{\"models\": {\"g1-0\": \(a), \"g1-1\": {\"id\": 3}}}"))
            #expect(bad.status == .badRequest)
            #expect(ServerTestSupport.errorMessage(bad.body)?.hasPrefix("model 'g1-1' is not a valid neat-python network JSON") == true)
            #expect(server.registry.snapshot.models.keys.sorted() == ["g0-0", "g0-1"])
            let dup = try await client.execute(uri: "/v1/population", method: .put, headers: Self.json,
                                               body: ByteBuffer(string: "{\"models\": {\"x\": \(a), \"x\": \(a)}}"))
            #expect(ServerTestSupport.errorMessage(dup.body)?.hasPrefix("model id 'x' appears twice") == true)
        }
    }

    @Test func everyErrorIsJSONWithTheRightStatus() async throws {
        let server = makeServer(maxBodyBytes: 64)
        server.registry.put(try ServedModel(id: "m", genome: ServerTestSupport.hidden()))
        try await server.makeApplication().test(.router) { client in
            func check(_ uri: String, _ method: HTTPRequest.Method, headers: HTTPFields = Self.json, body: String? = nil,
                       _ status: HTTPResponse.Status, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let r = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
                #expect(r.status == status, sourceLocation: sourceLocation)
                #expect(r.headers[.contentType] == "application/json", sourceLocation: sourceLocation)
                let m = ServerTestSupport.errorMessage(r.body)
                #expect(m?.contains(message) == true, "\(m ?? String(buffer: r.body))", sourceLocation: sourceLocation)
            }
            try await check("/nowhere", .get, .notFound, "no such route")
            try await check("/infer", .get, .methodNotAllowed, "GET is not allowed on /infer; use POST")
            try await check("/v1/models/m", .post, .methodNotAllowed, "use PUT, DELETE")
            try await check("/infer", .post, headers: [.contentType: "text/plain"], body: "{}", .unsupportedMediaType,
                            "content type 'text/plain' is not supported: send application/json")
            try await check("/infer", .post, body: String(repeating: " ", count: 65) + "{}", .contentTooLarge,
                            "request body is over the limit of 64 bytes")
            try await check("/infer", .post, body: #"{"inputs":[[1,2]"#, .badRequest, "malformed JSON at byte 16")
            try await check("/infer", .post, body: #"{"inputs":[[1,2,3]]}"#, .badRequest, "row 0 has 3 values, model 'm' expects 2")
            try await check("/infer", .post, body: #"{"inputs":[[1,NaN]]}"#, .badRequest, "non-finite number NaN")
            try await check("/infer", .post, body: #"{"model":"zz","inputs":[[1,2]]}"#, .notFound, "unknown model 'zz'")
            try await check("/infer", .post, body: #"{"inputs":[]}"#, .badRequest, "\"inputs\" is empty")
            try await check("/infer", .post, body: "", .badRequest, "empty body")
            try await check("/v1/models/bad", .put, body: "{", .badRequest, "model 'bad' is not a valid neat-python network JSON")
        }
        let allow = try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .delete).headers[.allow]
        }
        #expect(allow == "GET")
    }

    @Test func jsonContentTypeWithParametersAndMissingTypeAreAccepted() async throws {
        let server = makeServer()
        server.registry.put(try ServedModel(id: "m", genome: ServerTestSupport.hidden()))
        try await server.makeApplication().test(.router) { client in
            let a = try await client.execute(uri: "/infer", method: .post, headers: [.contentType: "Application/JSON; charset=utf-8"],
                                             body: ByteBuffer(string: #"{"inputs":[[1,2]]}"#))
            #expect(a.status == .ok)
            let b = try await client.execute(uri: "/infer", method: .post, body: ByteBuffer(string: #"{"inputs":[[1,2]]}"#))
            #expect(b.status == .ok)
            let noop = try await client.execute(uri: "/noop", method: .post, headers: Self.json, body: ByteBuffer(string: #"{"inputs":[[1,2]]}"#))
            #expect(noop.status == .ok && String(buffer: noop.body) == "[]")
        }
    }

    @Test func metricsAndRequestLog() async throws {
        let server = makeServer()
        server.registry.put(try ServedModel(id: "m", genome: ServerTestSupport.hidden()))
        let text = try await server.makeApplication().test(.router) { client in
            for _ in 0..<3 {
                _ = try await client.execute(uri: "/infer", method: .post, headers: Self.json, body: ByteBuffer(string: #"{"inputs":[[1,2],[3,4]]}"#))
            }
            _ = try await client.execute(uri: "/infer", method: .post, headers: Self.json, body: ByteBuffer(string: "{"))
            _ = try await client.execute(uri: "/missing", method: .get)
            return String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
        }
        #expect(text.contains(#"dashboard_http_requests_total{route="/infer",status="200"} 3"#), "\(text)")
        #expect(text.contains(#"dashboard_http_requests_total{route="/infer",status="400"} 1"#))
        #expect(text.contains(#"dashboard_http_requests_total{route="unmatched",status="404"} 1"#))
        #expect(text.contains(#"dashboard_http_request_duration_seconds_count{route="/infer"} 4"#))
        #expect(text.contains(#"dashboard_infer_rows_bucket{le="2.0"} 3"#) || text.contains(#"dashboard_infer_rows_bucket{le="2"} 3"#))
        #expect(text.contains("dashboard_infer_rows_sum 6"))
        #expect(text.contains("dashboard_models_loaded 1"))
        let lines = logs.all
        #expect(lines.contains { $0.hasPrefix("info POST /infer - 200 - ") && $0.hasSuffix("ms") })
        #expect(lines.contains { $0.hasPrefix("info POST /infer - 400 - ") })
        #expect(lines.contains { $0.hasPrefix("info GET /missing - 404 - ") })
    }

    @Test func millisecondsFormatting() {
        #expect(RequestLog.milliseconds(123_456) == "0.12")
        #expect(RequestLog.milliseconds(5_000) == "0.01")
        #expect(RequestLog.milliseconds(12_345_678) == "12.35")
        #expect(RequestLog.milliseconds(1_000_000_000) == "1000.00")
    }
}
