import Engine
import Logging
import NIOCore
import Testing
@testable import Serving
import Wire

/// The routes called directly, as the transport calls them: no sockets.
@Suite("ServerRoutes")
struct ServerRoutesTests {
    let logs = LogStore()

    func makeServer(limits: ServerLimits = ServerLimits(maxBodyBytes: 1 << 20), decoder: ModelDecoder = ServerTestSupport.codableDecoder) -> InferenceServer {
        let store = logs
        let logger = Logger(label: "test") { _ in CapturingLogHandler(store: store) }
        return InferenceServer(configuration: .init(port: 0, limits: limits), decoder: decoder, logger: logger)
    }

    func call(_ server: InferenceServer, _ method: String, _ uri: String, body: String? = nil,
              contentType: String? = "application/json", tooLarge: Bool = false) -> ServerResponse {
        ServerTestSupport.call(server.routes, method, uri, body: body, contentType: contentType, tooLarge: tooLarge)
    }

    @Test func uploadListInferDelete() throws {
        let server = makeServer()
        let put = call(server, "PUT", "/v1/models/champion", body: ServerTestSupport.json(ServerTestSupport.hidden()))
        #expect(put.status == .ok)
        #expect(String(buffer: put.body).contains("\"id\":\"champion\",\"inputs\":2,\"outputs\":1"))

        let infer = call(server, "POST", "/infer", body: #"{"inputs":[[0.5,-1]]}"#)
        #expect(infer.status == .ok && infer.contentType == "application/json")
        #expect(ServerTestSupport.matrix(infer.body) == [ServerTestSupport.reference(ServerTestSupport.hidden(), [0.5, -1])])

        let list = call(server, "GET", "/v1/models")
        #expect(String(buffer: list.body).hasPrefix("{\"default\":\"champion\",\"models\":[{\"id\":\"champion\""))
        let health = call(server, "GET", "/healthz")
        #expect(String(buffer: health.body) == #"{"status":"ok","server":"dashboard","models":1,"default":"champion"}"#)

        let del = call(server, "DELETE", "/v1/models/champion")
        #expect(del.status == .ok && String(buffer: del.body) == #"{"deleted":"champion","models":0}"#)
        let again = call(server, "DELETE", "/v1/models/champion")
        #expect(again.status == .notFound && ServerTestSupport.errorMessage(again.body) == "unknown model 'champion' (none are loaded)")
    }

    @Test func populationUpload() throws {
        let server = makeServer()
        let a = ServerTestSupport.json(ServerTestSupport.hidden())
        let b = ServerTestSupport.json(ServerTestSupport.dense(inputs: 3, outputs: 2))
        let put = call(server, "PUT", "/v1/population", body: "{\"models\": {\"g0-0\": \(a), \"g0-1\": \(b)}}")
        #expect(put.status == .ok)
        #expect(String(buffer: put.body) == #"{"loaded":2,"models":2,"default":"g0-0"}"#)
        let infer = call(server, "POST", "/infer", body: #"{"models":["g0-1","g0-0"],"inputs":[[1,2,3],[4,5]]}"#)
        #expect(ServerTestSupport.matrix(infer.body) == [ServerTestSupport.reference(ServerTestSupport.dense(inputs: 3, outputs: 2), [1, 2, 3]),
                                                        ServerTestSupport.reference(ServerTestSupport.hidden(), [4, 5])])
        // A bad member leaves the previous population serving.
        let bad = call(server, "PUT", "/v1/population", body: "{\"models\": {\"g1-0\": \(a), \"g1-1\": {\"id\": 3}}}")
        #expect(bad.status == .badRequest)
        #expect(ServerTestSupport.errorMessage(bad.body)?.hasPrefix("model 'g1-1' is not a valid neat-python network JSON") == true)
        #expect(server.registry.snapshot.models.keys.sorted() == ["g0-0", "g0-1"])
        let dup = call(server, "PUT", "/v1/population", body: "{\"models\": {\"x\": \(a), \"x\": \(a)}}")
        #expect(ServerTestSupport.errorMessage(dup.body)?.hasPrefix("model id 'x' appears twice") == true)
    }

    @Test func everyErrorIsJSONWithTheRightStatus() throws {
        let server = makeServer(limits: ServerLimits(maxBodyBytes: 64))
        server.registry.put(try ServedModel(id: "m", genome: ServerTestSupport.hidden()))
        func check(_ method: String, _ uri: String, contentType: String? = "application/json", body: String? = nil, tooLarge: Bool = false,
                   _ status: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let r = call(server, method, uri, body: body, contentType: contentType, tooLarge: tooLarge)
            #expect(r.status.code == status, sourceLocation: sourceLocation)
            #expect(r.contentType == "application/json", sourceLocation: sourceLocation)
            let m = ServerTestSupport.errorMessage(r.body)
            #expect(m?.contains(message) == true, "\(m ?? String(buffer: r.body))", sourceLocation: sourceLocation)
        }
        check("GET", "/nowhere", 404, "no such route")
        check("GET", "/infer", 405, "GET is not allowed on /infer; use POST")
        check("POST", "/v1/models/m", 405, "use PUT, DELETE")
        check("POST", "/infer", contentType: "text/plain", body: "{}", 415, "content type 'text/plain' is not supported: send application/json")
        check("POST", "/infer", body: "", tooLarge: true, 413, "request body is over the limit of 64 bytes; raise it with --max-body-bytes")
        check("POST", "/infer", body: #"{"inputs":[[1,2]"#, 400, "malformed JSON at byte 16")
        check("POST", "/infer", body: #"{"inputs":[[1,2,3]]}"#, 400, "row 0 has 3 values, model 'm' expects 2")
        check("POST", "/infer", body: #"{"inputs":[[1,NaN]]}"#, 400, "non-finite number NaN")
        check("POST", "/infer", body: #"{"model":"zz","inputs":[[1,2]]}"#, 404, "unknown model 'zz'")
        check("POST", "/infer", body: #"{"inputs":[]}"#, 400, "\"inputs\" is empty")
        check("POST", "/infer", body: "", 400, "empty body")
        check("PUT", "/v1/models/bad", body: "{", 400, "model 'bad' is not a valid neat-python network JSON")
        let allow = call(server, "DELETE", "/healthz").header("Allow")
        #expect(allow == "GET")
    }

    @Test func jsonContentTypeWithParametersAndMissingTypeAreAccepted() throws {
        let server = makeServer()
        server.registry.put(try ServedModel(id: "m", genome: ServerTestSupport.hidden()))
        #expect(call(server, "POST", "/infer", body: #"{"inputs":[[1,2]]}"#, contentType: "Application/JSON; charset=utf-8").status == .ok)
        #expect(call(server, "POST", "/infer", body: #"{"inputs":[[1,2]]}"#, contentType: nil).status == .ok)
        let noop = call(server, "POST", "/noop", body: #"{"inputs":[[1,2]]}"#)
        #expect(noop.status == .ok && String(buffer: noop.body) == "[]")
    }

    @Test func metricsAndRequestLog() throws {
        let server = makeServer()
        server.registry.put(try ServedModel(id: "m", genome: ServerTestSupport.hidden()))
        for _ in 0..<3 { _ = call(server, "POST", "/infer", body: #"{"inputs":[[1,2],[3,4]]}"#) }
        _ = call(server, "POST", "/infer", body: "{")
        _ = call(server, "GET", "/missing")
        let text = String(buffer: call(server, "GET", "/metrics").body)
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

    @Test func heavyRequestsLeaveTheEventLoop() {
        let routes = makeServer().routes
        func request(_ method: String, _ uri: String, bytes: Int, tooLarge: Bool = false) -> ServerRequest {
            ServerRequest(method: method, uri: uri, body: ByteBuffer(repeating: 0x20, count: bytes), bodyTooLarge: tooLarge)
        }
        #expect(routes.runsOnEventLoop(request("GET", "/healthz", bytes: 0)))
        #expect(routes.runsOnEventLoop(request("GET", "/metrics", bytes: 0)))
        #expect(routes.runsOnEventLoop(request("POST", "/infer", bytes: 8_000)))
        #expect(!routes.runsOnEventLoop(request("POST", "/infer", bytes: 100_000)))
        #expect(!routes.runsOnEventLoop(request("PUT", "/v1/models/a", bytes: 10)))
        #expect(!routes.runsOnEventLoop(request("PUT", "/v1/population", bytes: 10)))
        #expect(routes.runsOnEventLoop(request("PUT", "/v1/population", bytes: 0, tooLarge: true)))
        #expect(routes.runsOnEventLoop(request("DELETE", "/v1/models/a", bytes: 0)))
    }
}
