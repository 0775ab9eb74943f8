import Engine
import Foundation
import Logging
import NIOCore
import Testing
@testable import Serving
import Wire

/// The Open Inference Protocol routes, called directly: metadata, JSON and binary
/// inference (bit-identical to the CPU path), repository load/unload/index,
/// statistics, and every malformed request answered with a clear error.
@Suite("V2Endpoint")
struct V2EndpointTests {
    let server: InferenceServer
    let genome = ServerTestSupport.dense(inputs: 3, outputs: 2)
    let repository: String

    init() throws {
        repository = FileManager.default.temporaryDirectory.appendingPathComponent("v2-repo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: repository + "/fromdisk/3", withIntermediateDirectories: true)
        try Data(ServerTestSupport.hidden().neatPythonJSON().utf8).write(to: URL(fileURLWithPath: repository + "/fromdisk/3/model.json"))
        var limits = ServerLimits()
        limits.maxRows = 100
        server = InferenceServer(configuration: .init(port: 0, limits: limits, modelRepository: repository),
                                 logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        server.registry.put(try ServedModel(id: "m", genome: genome))
    }

    func call(_ method: String, _ uri: String, _ body: String = "", type: String? = nil, headerLength: Int? = nil,
              bytes: [UInt8] = []) -> ServerResponse {
        var buffer = ByteBuffer(string: body)
        buffer.writeBytes(bytes)
        return server.routes.respond(to: ServerRequest(method: method, uri: uri, contentType: type,
                                                       inferenceHeaderLength: headerLength.map(String.init), body: buffer))
    }

    func json(_ r: ServerResponse) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]
    }

    func expectError(_ r: ServerResponse, _ status: Int, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let message = ServerTestSupport.errorMessage(r.body)
        #expect(r.status.code == status, "\(String(buffer: r.body))", sourceLocation: sourceLocation)
        #expect(message?.contains(text) == true, "\(message ?? String(buffer: r.body))", sourceLocation: sourceLocation)
    }

    static let rows: [[Float]] = [[0.5, -1, 0.25], [1e-3, 7.5, -2]]
    var expected: [Float] { Self.rows.flatMap { ServerTestSupport.reference(genome, $0) } }

    @Test func healthServerAndModelMetadata() throws {
        #expect(call("GET", "/v2/health/live").status == .ok)
        #expect(call("GET", "/v2/health/ready").status == .ok)
        let meta = try #require(json(call("GET", "/v2")))
        #expect(meta["name"] as? String == "dashboard")
        #expect((meta["extensions"] as? [String])?.contains("binary_tensor_data") == true)
        #expect((meta["extensions"] as? [String])?.contains("model_repository") == true)
        #expect(String(buffer: call("GET", "/v2/models/m").body)
            == #"{"name":"m","versions":["1"],"platform":"dashboard_neat","inputs":[{"name":"input","datatype":"FP32","shape":[-1,3]}],"outputs":[{"name":"output","datatype":"FP32","shape":[-1,2]}]}"#)
        #expect(call("GET", "/v2/models/m/versions/1/ready").status == .ok)
        expectError(call("GET", "/v2/models/m/versions/2/ready"), 404, "model 'm' has no version '2' (versions: 1)")
        expectError(call("GET", "/v2/models/zz/ready"), 404, "unknown model 'zz'")
        expectError(call("GET", "/v2/models/m/infer"), 405, "use POST")
        expectError(call("GET", "/v2/nothing/here"), 404, "no such route")
    }

    @Test func jsonInferenceMatchesTheCPUBitForBit() throws {
        for data in ["[[0.5, -1, 0.25], [0.001, 7.5, -2]]", "[0.5, -1, 0.25, 0.001, 7.5, -2]"] {
            let r = call("POST", "/v2/models/m/infer",
                         #"{"id": "t1", "inputs": [{"name": "input", "shape": [2, 3], "datatype": "FP32", "data": \#(data)}]}"#)
            #expect(r.status == .ok, "\(String(buffer: r.body))")
            let body = try #require(json(r))
            #expect(body["id"] as? String == "t1" && body["model_name"] as? String == "m" && body["model_version"] as? String == "1")
            let output = try #require((body["outputs"] as? [[String: Any]])?.first)
            #expect(output["shape"] as? [Int] == [2, 2] && output["datatype"] as? String == "FP32")
            let values = (output["data"] as? [Any])?.map { Float("\($0)")! }
            #expect(values?.map(\.bitPattern) == expected.map(\.bitPattern))
            #expect(r.header("Server-Timing")?.hasPrefix("decode;dur=") == true)
        }
    }

    @Test func binaryTensorsBothWays() throws {
        let header = #"{"inputs":[{"name":"input","shape":[2,3],"datatype":"FP32","parameters":{"binary_data_size":24}}],"outputs":[{"name":"output","parameters":{"binary_data":true}}]}"#
        let bytes = Self.rows.flatMap { $0 }.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        let r = call("POST", "/v2/models/m/infer", header, type: "application/octet-stream", headerLength: header.utf8.count, bytes: bytes)
        #expect(r.status == .ok, "\(String(buffer: r.body))")
        let length = try #require(r.header("Inference-Header-Content-Length").flatMap { Int($0) })
        #expect(r.contentType == "application/octet-stream")
        var body = r.body
        let headerText = body.readString(length: length)
        let json = try #require(headerText)
        #expect(json.contains(#""parameters":{"binary_data_size":16}"#))
        let values = (0..<4).map { _ in Float(bitPattern: body.readInteger(endianness: .little, as: UInt32.self)!) }
        #expect(values.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(body.readableBytes == 0)
        // Binary in, JSON out (binary_data_output false by default).
        let plainHeader = header.replacingOccurrences(of: #","outputs":[{"name":"output","parameters":{"binary_data":true}}]"#, with: "")
        let j = call("POST", "/v2/models/m/infer", plainHeader, headerLength: plainHeader.utf8.count, bytes: bytes)
        #expect(j.status == .ok && j.contentType == "application/json" && j.header("Inference-Header-Content-Length") == nil)
        // Triton's raw request: only the bytes, outputs binary.
        let raw = call("POST", "/v2/models/m/infer", headerLength: 0, bytes: bytes)
        #expect(raw.status == .ok && raw.header("Inference-Header-Content-Length") != nil)
    }

    @Test(arguments: [
        (#"{"inputs": [{"name": "input", "shape": [1, 3], "datatype": "FP64", "data": [1, 2, 3]}]}"#, 400, "inputs[0].datatype is \"FP64\""),
        (#"{"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}]}"#, 400, "does not match model 'm' input \"input\" of shape [-1, 3]"),
        (#"{"inputs": [{"name": "input", "shape": [2, 3], "datatype": "FP32", "data": [1, 2, 3]}]}"#, 400, "inputs[0].data has 3 values, shape [2, 3] needs 6"),
        (#"{"inputs": [{"name": "input", "shape": [2, 3], "datatype": "FP32", "data": [[1, 2, 3, 4], [5, 6]]}]}"#, 400, "inputs[0].data[0] has 4 values"),
        (#"{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]}]}"#, 400, "inputs[0].name \"x\" is not an input of model 'm'"),
        (#"{"inputs": [{"name": "input", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]}], "outputs": [{"name": "y"}]}"#, 400, "outputs[0].name \"y\" is not an output"),
        (#"{"inputs": [{"name": "input", "shape": [1, -3], "datatype": "FP32", "data": [1, 2, 3]}]}"#, 400, "inputs[0].shape[1] must be a whole number from 0"),
        (#"{"inputs": [{"name": "input", "shape": [9223372036854775807, 3], "datatype": "FP32", "data": []}]}"#, 400, "inputs[0].shape[0] must be a whole number from 0 to 999999999999999999"),
        (#"{"inputs": [{"name": "input", "shape": [100000000000, 3], "datatype": "FP32", "data": []}]}"#, 413, "--max-rows"),
        (#"{"inputs": [{"name": "input", "shape": [1, 3], "datatype": "FP32", "data": [1, "a", 3]}]}"#, 400, "inputs[0].data[1]"),
        (#"{"inputs": [{"name": "input", "shape": [1, 3], "datatype": "FP32", "data": [1, 1e39, 3]}]}"#, 400, "outside the Float range"),
        (#"{"inputs": [{"name": "input", "shape": [1, 3], "datatype": "FP32", "parameters": {"binary_data_size": 12}}]}"#, 400, "no Inference-Header-Content-Length header"),
        (#"{"inputs": []}"#, 400, "the request has no input tensor"),
        (#"{"inputs": [{"name": "input""#, 400, "malformed JSON"),
    ])
    func malformedJSONRequests(body: String, status: Int, text: String) {
        expectError(call("POST", "/v2/models/m/infer", body), status, text)
    }

    @Test func malformedBinaryRequests() {
        let header = #"{"inputs":[{"name":"input","shape":[1,3],"datatype":"FP32","parameters":{"binary_data_size":12}}]}"#
        let twelve = [UInt8](repeating: 0, count: 12)
        expectError(call("POST", "/v2/models/m/infer", header, headerLength: header.utf8.count + 100, bytes: twelve), 400,
                    "Inference-Header-Content-Length is \(header.utf8.count + 100), past the end of the \(header.utf8.count + 12)-byte body")
        expectError(call("POST", "/v2/models/m/infer", header, headerLength: header.utf8.count, bytes: [0, 0, 0, 0]), 400,
                    "inputs[0] needs 12 bytes of binary data at offset 0, but only 4 bytes follow")
        expectError(call("POST", "/v2/models/m/infer", header, headerLength: header.utf8.count, bytes: twelve + [1, 2, 3, 4]), 400,
                    "4 bytes after the JSON header are not claimed")
        let wrongSize = header.replacingOccurrences(of: "12}", with: "8}")
        expectError(call("POST", "/v2/models/m/infer", wrongSize, headerLength: wrongSize.utf8.count, bytes: twelve), 400,
                    "binary_data_size is 8 but shape [1, 3] of FP32 takes 12 bytes")
        let nan = withUnsafeBytes(of: Float.nan.bitPattern.littleEndian, Array.init) + [UInt8](repeating: 0, count: 8)
        expectError(call("POST", "/v2/models/m/infer", header, headerLength: header.utf8.count, bytes: nan), 400, "element 0 is nan")
        expectError(call("POST", "/v2/models/m/infer", header, type: "text/plain", headerLength: header.utf8.count, bytes: twelve), 415, "text/plain")
        let r = server.routes.respond(to: ServerRequest(method: "POST", uri: "/v2/models/m/infer", inferenceHeaderLength: "twelve"))
        expectError(r, 400, "Inference-Header-Content-Length 'twelve' is not a whole number of bytes")
        expectError(call("POST", "/v2/models/m/infer", headerLength: 0, bytes: [1, 2, 3]), 400, "is not whole rows of 3 FP32 values")
    }

    @Test func repositoryLoadUnloadIndexAndRefusals() throws {
        let file = Data(genome.neatPythonJSON().utf8).base64EncodedString()
        let load = call("POST", "/v2/repository/models/up/load", #"{"parameters": {"config": "{}", "file:4/model.json": "\#(file)"}}"#)
        #expect(load.status == .ok, "\(String(buffer: load.body))")
        #expect(String(buffer: call("GET", "/v2/models/up").body).contains(#""versions":["4"]"#))
        let infer = call("POST", "/v2/models/up/versions/4/infer", #"{"inputs": [{"name": "input", "shape": [1, 3], "datatype": "FP32", "data": [0.5, -1, 0.25]}]}"#)
        #expect(infer.status == .ok)
        // From the repository folder (Triton layout, highest version).
        #expect(call("POST", "/v2/repository/models/fromdisk/load").status == .ok)
        #expect(String(buffer: call("GET", "/v2/models/fromdisk").body).contains(#""versions":["3"]"#))
        let index = String(buffer: call("POST", "/v2/repository/index").body)
        #expect(index.contains(#"{"name":"fromdisk","version":"3","state":"READY","reason":""}"#) && index.contains(#""name":"up""#))
        #expect(call("POST", "/v2/repository/models/up/unload").status == .ok)
        expectError(call("POST", "/v2/repository/models/up/unload"), 404, "unknown model 'up'")
        expectError(call("POST", "/v2/repository/models/nope/load"), 404, "is not in the model repository")
        expectError(call("POST", "/v2/repository/models/x/load", #"{"parameters": {"file:1/model.json": "\#(file)"}}"#), 400, "needs a \"config\" parameter")
        expectError(call("POST", "/v2/repository/models/x/load", #"{"parameters": {"config": "{}", "file:1/model.onnx": "\#(file)"}}"#), 400, "loads model.json")
        expectError(call("POST", "/v2/repository/models/x/load", #"{"parameters": {"config": "{}", "file:1/model.json": "@@@"}}"#), 400, "not valid base64")
        expectError(call("POST", "/v2/repository/models/x/load", #"{"parameters": {"confg": "{}"}}"#), 400, "unknown load parameter \"confg\"")
        expectError(call("POST", "/v2/repository/models/..%2Fetc/load"), 400, "may not contain '/'")
        // A refused reload unloads the model it would have replaced.
        #expect(call("POST", "/v2/repository/models/fromdisk/load", #"{"parameters": {"config": "{}", "file:1/model.json": "e30="}}"#).status == .badRequest)
        expectError(call("GET", "/v2/models/fromdisk/ready"), 404, "unknown model 'fromdisk'")
    }

    @Test func statisticsCountSuccessesAndFailures() throws {
        let body = #"{"inputs": [{"name": "input", "shape": [2, 3], "datatype": "FP32", "data": [1, 2, 3, 4, 5, 6]}]}"#
        for _ in 0..<3 { #expect(call("POST", "/v2/models/m/infer", body).status == .ok) }
        _ = call("POST", "/v2/models/m/infer", #"{"inputs": []}"#)
        let stats = try #require(json(call("GET", "/v2/models/m/stats")))
        let model = try #require((stats["model_stats"] as? [[String: Any]])?.first)
        #expect(model["inference_count"] as? Int == 6 && model["execution_count"] as? Int == 3)
        let inference = try #require(model["inference_stats"] as? [String: [String: Int]])
        #expect(inference["success"]?["count"] == 3 && inference["fail"]?["count"] == 1)
        #expect((inference["compute_infer"]?["ns"] ?? 0) > 0)
    }

    /// `GET /v2/models/stats` (Triton's form) gives every model's entry, by name; a model
    /// called `stats` is still reached by its own statistics route.
    @Test func statisticsOfEveryModelInOneAnswer() throws {
        server.registry.put(try ServedModel(id: "stats", genome: genome))
        server.registry.put(try ServedModel(id: "a", genome: genome))
        let body = #"{"inputs": [{"name": "input", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]}]}"#
        #expect(call("POST", "/v2/models/a/infer", body).status == .ok)
        let answer = call("GET", "/v2/models/stats")
        let all = try answer.body.withUnsafeReadableBytes { raw throws(ServingError) in try V2ModelStatistics.parse(raw) }
        #expect(all.models.map(\.name) == ["a", "m", "stats"])
        #expect(all.models.map(\.success.count) == [1, 0, 0])
        let one = try #require(json(call("GET", "/v2/models/stats/stats"))?["model_stats"] as? [[String: Any]])
        #expect(one.count == 1 && one[0]["name"] as? String == "stats")
        #expect(V2Route(path: "/v2/models/stats") == .allStats && V2Route(path: "/v2/models/stats/") == .allStats)
        #expect(V2Route(path: "/v2/models/stats/stats") == .stats(name: "stats", version: nil))
        #expect(!server.routes.runsOnEventLoop(ServerRequest(method: "GET", uri: "/v2/models/stats")))
        expectError(call("POST", "/v2/models/stats"), 405, "use GET")
    }
}
