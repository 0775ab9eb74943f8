import Engine
import Logging
import Testing
@testable import Serving

/// `--add-latency`: every answer's bytes leave the added time later, the event
/// loop keeps serving meanwhile, requests pipelined on one connection overlap
/// as they would over a network, and the wait shows as wire time.
@Suite(.serialized) struct AddedLatencyTests {
    @Test(arguments: [1, 8]) func answersWaitWithoutBlockingTheEventLoop(connections: Int) async throws {
        var logger = Logger(label: "latency")
        logger.logLevel = .critical
        var configuration = InferenceServer.Configuration(host: "127.0.0.1", port: 0, eventLoopThreads: 1)
        configuration.addedLatency = .milliseconds(200)
        let server = InferenceServer(configuration: configuration, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { _, port in continuation.yield(port) } }
        guard let port = await ports.first(where: { _ in true }) else { throw CancellationError() }
        defer { task.cancel() }

        var config = RemoteConfiguration(serverURL: "http://127.0.0.1:\(port)")
        config.`protocol` = .dashboard
        config.batchSize = 1
        config.concurrency = 8
        config.connectionsPerWorker = connections
        let recording = RequestBreakdownEndToEndTests.Recording()
        let remote = try RemoteBackend(configuration: config, logger: logger, observer: recording)
        let models = GenerationModels(generation: 1, genomes: RemoteBackendEndToEndTests.genomes(count: 2))
        let wall = try await onThread { () throws -> Duration in
            try remote.loadGeneration(models)
            let batch = InferenceBatch(capacity: 8, inputWidth: 4, outputWidth: 2)
            RemoteBackendEndToEndTests.fill(batch, rows: 8, models: models.count)
            let session = remote.makeSession(worker: 0)
            try session.infer(batch)   // opens the connections
            let start = ContinuousClock.now
            try session.infer(batch)
            remote.shutdown()
            return start.duration(to: .now)
        }
        let splits = recording.breakdowns.withLock { $0 }.suffix(8)
        #expect(splits.count == 8)
        // Each answer waited the added 200 ms, outside the server's own timing.
        #expect(splits.allSatisfy { $0.roundTripNanos >= 200_000_000 && $0.wireNanos >= 199_000_000 && $0.serverNanos < 50_000_000 })
        // 8 requests on one event loop (pipelined on one connection, or on 8): one after the other they would take 1.6 s.
        #expect(wall < .milliseconds(1_200), "8 delayed answers took \(wall) on one event loop")
    }
}
