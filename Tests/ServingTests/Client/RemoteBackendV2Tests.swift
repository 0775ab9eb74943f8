import Engine
import Foundation
import Logging
import Testing
@testable import Serving
import Wire

/// The remote client speaking the Open Inference Protocol to the fault server's
/// v2 routes: protocol detection, rows grouped by model, JSON and binary
/// tensors, every malformed answer, and the three ways networks are delivered.
@Suite(.serialized) struct RemoteBackendV2Tests {
    static let width = RemoteBackendTests.width

    static func genomes(_ count: Int) -> [Genome] {
        (0..<count).map { i in
            Genome(id: 20 + i, numInputs: 3, numOutputs: 3, nodes: (0..<3).map { NodeGene(id: $0, activation: .identity) }, connections: [])
        }
    }

    /// A model file that names its genome, so loads can be checked by eye.
    static let encoder = ModelEncoder(encode: { g, _ in "\(g.id)" }, file: { g, format in Array("\(format)-\(g.id)".utf8) })

    static func backend(_ server: FaultServer, batch: Int = 4, concurrency: Int = 2, format: TensorFormat = .binary,
                        delivery: ModelDelivery = .auto, retry: RetryPolicy = .init(maxRetries: 2, initialBackoff: .milliseconds(5)),
                        observer: (any RemoteRequestObserver)? = nil) throws -> RemoteBackend {
        var config = RemoteConfiguration(serverURL: server.url)
        config.batchSize = batch
        config.concurrency = concurrency
        config.tensorFormat = format
        config.delivery = delivery
        config.retry = retry
        config.connectTimeout = .seconds(1)
        return try RemoteBackend(configuration: config, logger: RemoteBackendTests.quietLogger(), observer: observer, modelEncoder: encoder)
    }

    static func load(_ backend: RemoteBackend, generation: Int, count: Int = 5) async throws {
        _ = try await onThread { try backend.loadGeneration(GenerationModels(generation: generation, genomes: genomes(count))) }
    }

    @Test(arguments: [(1, 1), (4, 2), (3, 4)])
    func rowsAreGroupedByModelAndSplitIntoRequestsOfAtMostN(batch: Int, concurrency: Int) async throws {
        let server = try await FaultServer.start(kind: "v2")
        let backend = try Self.backend(server, batch: batch, concurrency: concurrency)
        try await Self.load(backend, generation: 3)
        let rows = 23
        #expect(try await RemoteBackendTests.infer(backend, rows: rows) == RemoteBackendTests.expected(rows: rows))
        let resolved = try backend.resolvedProtocol()
        #expect(resolved.api == .v2 && resolved.tensorFormat == .binary && resolved.delivery == .v2Load(.onnx))
        // Row r asks model r % 5: 5 groups of 5, 5, 5, 4, 4 rows, each split into requests of at most N.
        let expected = [5, 5, 5, 4, 4].flatMap { n in stride(from: 0, to: n, by: batch).map { min(batch, n - $0) } }
        let requests = server.v2Requests
        #expect(requests.map { Int($0.split(separator: " ")[2])! }.sorted() == expected.sorted())
        #expect(requests.allSatisfy { $0.hasPrefix("g3-") && $0.contains(" binary ") })
        try await RemoteBackendTests.shutdown(backend)
        await server.stop()
    }

    @Test func jsonTensorsWhenAskedOrWhenTheServerListsNoBinaryExtension() async throws {
        let server = try await FaultServer.start(kind: "v2")
        let asked = try Self.backend(server, format: .json)
        try await Self.load(asked, generation: 1)
        #expect(try await RemoteBackendTests.infer(asked, rows: 7) == RemoteBackendTests.expected(rows: 7))
        #expect(server.v2Requests.allSatisfy { $0.contains(" json ") })

        server.setV2Extensions(["model_repository"])  // as MLServer: no binary over REST
        let fallback = try Self.backend(server, format: .binary)
        try await Self.load(fallback, generation: 2)
        #expect(try fallback.resolvedProtocol().tensorFormat == .json)
        #expect(try await RemoteBackendTests.infer(fallback, rows: 6) == RemoteBackendTests.expected(rows: 6))
        #expect(server.v2Requests.allSatisfy { $0.contains(" json ") })
        try await RemoteBackendTests.shutdown(asked)
        try await RemoteBackendTests.shutdown(fallback)
        await server.stop()
    }

    @Test(arguments: [
        (FaultServer.Fault.v2WrongDatatype, #"outputs[0].datatype is "FP64", expected "FP32""#),
        (.v2WrongShape, "outputs[0].shape is [2, 3], expected [1, 3]"),
        (.v2BadBinarySize, "outputs[0].parameters.binary_data_size is 8 but shape [1, 3] of FP32 takes 12 bytes"),
        (.v2HeaderPastBody, "Inference-Header-Content-Length 232 is past the end of the 132-byte body"),
    ])
    func malformedV2AnswersAreClearErrorsAndNotRetried(fault: FaultServer.Fault, problem: String) async throws {
        let server = try await FaultServer.start(kind: "v2")
        let backend = try Self.backend(server, batch: 1, concurrency: 1)
        try await Self.load(backend, generation: 1)
        server.setFault(fault)
        let error = try await RemoteBackendTests.inferError(backend, rows: 1)
        guard case .badResponse(let endpoint, let message) = error else {
            Issue.record("expected a bad response, got \(String(describing: error))")
            return
        }
        #expect(endpoint == "POST \(server.url)/v2/models/g1-0/infer")
        #expect(message == problem + " (request of 1 rows)")
        #expect(backend.stats.snapshot().retries == 0 && backend.stats.snapshot().failures == 1)
        try await RemoteBackendTests.shutdown(backend)
        await server.stop()
    }

    @Test func v2ErrorStatusesAreRetriedOnlyWhenTheyMayPass() async throws {
        let server = try await FaultServer.start(kind: "v2")
        let backend = try Self.backend(server, batch: 2, concurrency: 2)
        try await Self.load(backend, generation: 4)
        server.setFault(.status(code: 503, times: 2))
        #expect(try await RemoteBackendTests.infer(backend, rows: 4) == RemoteBackendTests.expected(rows: 4))
        #expect(backend.stats.snapshot().retries == 2)
        server.setFault(.status(code: 400, times: 1))
        let error = try await RemoteBackendTests.inferError(backend, rows: 2)
        #expect(error == .status(endpoint: "POST \(server.url)/v2/models/g4-0/infer", code: 400, message: "injected 400 for model 'g4-0'"))
        #expect(backend.stats.snapshot().retries == 2)
        try await RemoteBackendTests.shutdown(backend)
        await server.stop()
    }

    @Test func inlineLoadsCarryConfigAndFileThenTheOldGenerationIsUnloaded() async throws {
        let server = try await FaultServer.start(kind: "v2")
        let backend = try Self.backend(server, concurrency: 2, delivery: .v2Load(.json))
        try await Self.load(backend, generation: 0, count: 2)
        let b64 = { (s: String) in Data(s.utf8).base64EncodedString() }
        #expect(server.repositoryCalls.sorted() == [
            #"load g0-0 {"parameters":{"config":"{\"name\":\"g0-0\"}","file:1/model.json":"\#(b64("json-20"))"}}"#,
            #"load g0-1 {"parameters":{"config":"{\"name\":\"g0-1\"}","file:1/model.json":"\#(b64("json-21"))"}}"#,
        ])
        try await Self.load(backend, generation: 1, count: 2)
        let calls = server.repositoryCalls
        #expect(calls.count == 6 && Set(calls.suffix(2)) == ["unload g0-0", "unload g0-1"])
        #expect(backend.stats.snapshot().uploads == 2 && backend.stats.snapshot().unloadFailures == 0)
        try await RemoteBackendTests.shutdown(backend)
        await server.stop()
    }

    @Test(arguments: [RepositoryLayout.mlserver, .triton])
    func repositoryDeliveryWritesTheLayoutLoadsByNameAndRemovesReplacedModels(layout: RepositoryLayout) async throws {
        let server = try await FaultServer.start(kind: "v2")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("repo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let backend = try Self.backend(server, delivery: .repository(directory: dir, layout: layout))
        try await Self.load(backend, generation: 0, count: 2)
        let model = layout == .mlserver ? "g0-1/model.onnx" : "g0-1/1/model.onnx"
        #expect(try String(contentsOfFile: "\(dir)/\(model)", encoding: .utf8) == "onnx-21")
        if layout == .mlserver {
            let settings = try String(contentsOfFile: "\(dir)/g0-0/model-settings.json", encoding: .utf8)
            #expect(settings.contains(#""name": "g0-0""#) && settings.contains("mlserver_onnx.OnnxRuntimeModel") && settings.contains("./model.onnx"))
        } else {
            let config = try String(contentsOfFile: "\(dir)/g0-0/config.pbtxt", encoding: .utf8)
            #expect(config.contains(#"name: "g0-0""#) && config.contains("dims: [ -1, 3 ]") && config.contains(#"backend: "onnxruntime""#))
        }
        #expect(server.repositoryCalls.sorted() == ["load g0-0 {}", "load g0-1 {}"])
        try await Self.load(backend, generation: 1, count: 2)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == ["g1-0", "g1-1"])
        #expect(Set(server.repositoryCalls.suffix(2)) == ["unload g0-0", "unload g0-1"])
        #expect(try await RemoteBackendTests.infer(backend, rows: 4).count == 4 * Self.width)
        try await RemoteBackendTests.shutdown(backend)
        await server.stop()
    }

    @Test func aFailedLoadFailsTheGenerationWithTheServersMessage() async throws {
        let server = try await FaultServer.start(kind: "v2")
        let backend = try Self.backend(server, delivery: .v2Load(.onnx), retry: .none)
        server.setFault(.status(code: 400, times: 1))
        await #expect(throws: RemoteError.self) { try await Self.load(backend, generation: 0, count: 1) }
        #expect(backend.stats.snapshot().uploadFailures == 1)
        await #expect(throws: InferenceError.noGenerationLoaded) { _ = try await RemoteBackendTests.infer(backend, rows: 1) }
        // The next generation unloads what the failed one may have loaded.
        try await Self.load(backend, generation: 1, count: 1)
        #expect(server.repositoryCalls.suffix(1) == ["unload g0-0"])
        try await RemoteBackendTests.shutdown(backend)
        await server.stop()
    }

    @Test func theDashboardProtocolIsChosenWhenV2IsNotReady() async throws {
        let server = try await FaultServer.start(kind: "dashboard")
        var config = RemoteConfiguration(serverURL: server.url)
        config.batchSize = 2
        let backend = try RemoteBackend(configuration: config, logger: RemoteBackendTests.quietLogger(), modelEncoder: Self.encoder)
        try await Self.load(backend, generation: 2, count: 3)
        // Against dashboard serve the dashboard API names models by content id: nothing is uploaded up front.
        #expect(try backend.resolvedProtocol() == ResolvedProtocol(api: .dashboard, tensorFormat: .json, delivery: .contentAddressed, serverName: "dashboard"))
        #expect(server.uploads.isEmpty && server.v2Requests.isEmpty)
        try await RemoteBackendTests.shutdown(backend)
        await server.stop()
    }
}
