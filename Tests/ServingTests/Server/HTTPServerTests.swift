import Engine
import Logging
import NIOCore
import NIOHTTP1
import Testing
@testable import Serving
import Wire

/// The SwiftNIO transport, live on a loopback port, driven by a plain socket client.
@Suite("HTTPServer")
struct HTTPServerTests {
    @Test func servesRoutesErrorsAndKeepAlive() async throws {
        let server = InferenceServer(configuration: .init(port: 0, limits: ServerLimits(maxBodyBytes: 4096)),
                                     decoder: ServerTestSupport.codableDecoder, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        server.registry.put(try ServedModel(id: "m", genome: ServerTestSupport.hidden()))
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let serving = Task { try await server.run { _, port in continuation.yield(port) } }
        defer { serving.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        #expect(port > 0)
        func call(_ method: HTTPMethod, _ path: String, type: String? = "application/json", body: String? = nil) async throws -> (Int, String, [String: String]) {
            let answer = try await onThread { try TestHTTPClient.call(port: port, method.rawValue, path, contentType: type, body: body) }
            return (answer.status, answer.body, answer.headers)
        }

        do {
            // Several requests, each on its own connection.
            for _ in 0..<3 {
                let (status, text, headers) = try await call(.POST, "/infer", body: #"{"inputs":[[0.5,-1],[0,0]]}"#)
                #expect(status == 200 && headers["content-type"] == "application/json")
                let expected = [ServerTestSupport.reference(ServerTestSupport.hidden(), [0.5, -1]), ServerTestSupport.reference(ServerTestSupport.hidden(), [0, 0])]
                #expect(ServerTestSupport.matrix(ByteBuffer(string: text)) == expected)
            }
            let health = try await call(.GET, "/healthz?verbose=1")
            #expect(health.0 == 200 && health.1.contains("\"server\":\"dashboard\""))
            let wrongMethod = try await call(.GET, "/infer")
            #expect(wrongMethod.0 == 405 && wrongMethod.2["allow"] == "POST")
            let tooLarge = try await call(.POST, "/infer", body: "{\"inputs\":[[" + String(repeating: "1,", count: 3000) + "1]]}")
            #expect(tooLarge.0 == 413 && tooLarge.1.contains("over the limit of 4096 bytes"))
            let wrongType = try await call(.POST, "/infer", type: "text/plain", body: "{}")
            #expect(wrongType.0 == 415)
            let missing = try await call(.GET, "/nope")
            #expect(missing.0 == 404 && missing.1 == #"{"error":"no such route: /nope"}"#)
            // The connection still works after errors.
            #expect(try await call(.POST, "/infer", body: #"{"inputs":[[1,2]]}"#).0 == 200)
            let put = try await call(.PUT, "/v1/models/a%20b", body: ServerTestSupport.json(ServerTestSupport.hidden()))
            #expect(put.0 == 200 && put.1.contains("\"id\":\"a b\""))
        }
        serving.cancel()
        _ = await serving.result
    }
}
