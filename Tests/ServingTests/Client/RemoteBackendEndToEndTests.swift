import Engine
import Foundation
import Glibc
import Logging
import Testing
@testable import Serving
import Wire

/// The remote client against the real built-in server: uploads a population as
/// neat-python JSON and gets exactly the outputs the CPU backend computes.
@Suite(.serialized) struct RemoteBackendEndToEndTests {
    /// Genomes with hidden nodes, mixed activations and disabled connections.
    static func genomes(count: Int) -> [Genome] {
        let activations: [Activation] = [.tanh, .sigmoid, .relu, .steepenedSigmoid, .sin, .identity]
        return (0..<count).map { i in
            let w = Double(i + 1)
            return Genome(
                id: 100 + i, numInputs: 4, numOutputs: 2,
                nodes: [
                    NodeGene(id: 0, activation: activations[i % activations.count], bias: 0.1 * w),
                    NodeGene(id: 1, activation: .tanh, bias: -0.3, response: 1.5),
                    NodeGene(id: 5, activation: activations[(i + 2) % activations.count], bias: 0.05 * w),
                    NodeGene(id: 6, activation: .sigmoid),
                ],
                connections: [
                    ConnectionGene(innovation: 0, from: -1, to: 0, weight: 0.7 / w),
                    ConnectionGene(innovation: 1, from: -2, to: 5, weight: -1.3 * w),
                    ConnectionGene(innovation: 2, from: -3, to: 5, weight: 0.45),
                    ConnectionGene(innovation: 3, from: 5, to: 0, weight: 2.2),
                    ConnectionGene(innovation: 4, from: -4, to: 1, weight: 0.9, enabled: false),
                    ConnectionGene(innovation: 5, from: 5, to: 6, weight: -0.8),
                    ConnectionGene(innovation: 6, from: 6, to: 1, weight: 1.1),
                    ConnectionGene(innovation: 7, from: -4, to: 6, weight: 0.333),
                ])
        }
    }

    /// A batch of `rows` rows over `models` models with inputs from a seeded generator.
    static func fill(_ batch: InferenceBatch, rows: Int, models: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state >> 11) % 2_000_001 - 1_000_000) / 250_000
        }
        batch.count = 0
        for r in 0..<rows {
            let p = batch.appendRow(model: Int32((r * 7) % models))
            for c in 0..<batch.inputWidth { p[c] = next() }
        }
    }

    /// (batch, in flight, connections): one connection with several in flight pipelines them.
    @Test(arguments: [(1, 1, 1), (3, 2, 2), (8, 4, 4), (1, 8, 1), (2, 6, 2)])
    func remoteOutputsEqualCPUOutputsBitForBit(batchSize: Int, concurrency: Int, connections: Int) async throws {
        var logger = Logger(label: "e2e")
        logger.logLevel = .critical
        let server = InferenceServer(configuration: .init(host: "127.0.0.1", port: 0), logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { _, port in continuation.yield(port) } }
        guard let port = await ports.first(where: { _ in true }) else { throw CancellationError() }

        let models = GenerationModels(generation: 4, genomes: Self.genomes(count: 9))
        var config = RemoteConfiguration(serverURL: "http://127.0.0.1:\(port)")
        config.batchSize = batchSize
        config.concurrency = concurrency
        config.connectionsPerWorker = connections
        let remote = try RemoteBackend(configuration: config, logger: logger)
        let rows = 37
        let (cpuOut, remoteOut, kind) = try await onThread { () throws -> ([UInt32], [UInt32], ServerKind) in
            let cpu = CPUBackend()
            try cpu.loadGeneration(models)
            let batch = InferenceBatch(capacity: rows, inputWidth: 4, outputWidth: 2)
            Self.fill(batch, rows: rows, models: models.count)
            try cpu.makeSession(worker: 0).infer(batch)
            let cpuOut = batch.outputs.map(\.bitPattern)
            batch.outputs.update(repeating: .nan)
            try remote.loadGeneration(models)
            try remote.makeSession(worker: 0).infer(batch)
            let remoteOut = batch.outputs.map(\.bitPattern)
            let kind = try remote.serverKind()
            remote.shutdown()
            return (cpuOut, remoteOut, kind)
        }
        #expect(kind == .dashboard)
        #expect(remoteOut == cpuOut)
        #expect(Set(cpuOut).count > rows && !cpuOut.contains { Float(bitPattern: $0).isNaN })
        #expect(remote.stats.snapshot().rows == rows && remote.stats.snapshot().failures == 0)
        task.cancel()
        _ = await task.result
    }

    /// The `dashboard` executable this package builds (swift test builds it too).
    static let dashboardPath: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/dashboard").path
}

/// In `EmbeddedServerTests`' serialized suite: its `stopAll` test stops every registered child.
extension EmbeddedServerTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: RemoteBackendEndToEndTests.dashboardPath), "needs .build/debug/dashboard"))
    func embeddedDashboardServeMatchesCPU() async throws {
        var logger = Logger(label: "e2e")
        logger.logLevel = .critical
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("embedded-serve-\(getpid()).log").path
        let server = try await onThread { try EmbeddedServer.start(.init(executable: RemoteBackendEndToEndTests.dashboardPath, logPath: log)) }
        #expect(server.url.hasPrefix("http://127.0.0.1:"))
        let models = GenerationModels(generation: 0, genomes: RemoteBackendEndToEndTests.genomes(count: 5))
        var config = RemoteConfiguration(serverURL: server.url)
        config.batchSize = 4
        config.concurrency = 2
        let remote = try RemoteBackend(configuration: config, logger: logger)
        let rows = 21
        let (cpuOut, remoteOut) = try await onThread { () throws -> ([UInt32], [UInt32]) in
            let cpu = CPUBackend()
            try cpu.loadGeneration(models)
            let batch = InferenceBatch(capacity: rows, inputWidth: 4, outputWidth: 2)
            RemoteBackendEndToEndTests.fill(batch, rows: rows, models: models.count)
            try cpu.makeSession(worker: 0).infer(batch)
            let cpuOut = batch.outputs.map(\.bitPattern)
            batch.outputs.update(repeating: .nan)
            try remote.loadGeneration(models)
            try remote.makeSession(worker: 0).infer(batch)
            remote.shutdown()
            return (cpuOut, batch.outputs.map(\.bitPattern))
        }
        #expect(remoteOut == cpuOut)
        _ = try await onThread { server.stop() }
        #expect(kill(server.pid, 0) != 0)
        #expect(server.terminationStatus == "exit 0" || server.terminationStatus == "signal 15")
    }
}
