import Engine
import Logging
import Testing
@testable import Serving
import Synchronization

/// The client's split of each request against the real built-in server: the
/// server's `Server-Timing` parts are read, and client encode + wire + server
/// parts + client decode add up to the round trip the client measured.
@Suite(.serialized) struct RequestBreakdownEndToEndTests {
    /// Keeps every breakdown and every finished request's nanoseconds.
    final class Recording: RemoteRequestObserver {
        let breakdowns = Locked<[RequestBreakdown]>([])
        let roundTrips = Locked<[UInt64]>([])
        func requestFinished(rows: Int, nanos: UInt64, error: RemoteError?) {
            if error == nil { roundTrips.withLock { $0.append(nanos) } }
        }
        func retried(_ error: RemoteError) {}
        func requestTimed(_ breakdown: RequestBreakdown) { breakdowns.withLock { $0.append(breakdown) } }
    }

    @Test(arguments: [(RemoteProtocol.dashboard, 1, 1), (.dashboard, 8, 4), (.v2, 1, 2), (.v2, 8, 1)])
    func partsAddUpToTheRoundTrip(api: RemoteProtocol, batchSize: Int, concurrency: Int) async throws {
        var logger = Logger(label: "breakdown")
        logger.logLevel = .critical
        let server = InferenceServer(configuration: .init(host: "127.0.0.1", port: 0), logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { _, port in continuation.yield(port) } }
        guard let port = await ports.first(where: { _ in true }) else { throw CancellationError() }
        defer { task.cancel() }

        let models = GenerationModels(generation: 1, genomes: RemoteBackendEndToEndTests.genomes(count: 6))
        var config = RemoteConfiguration(serverURL: "http://127.0.0.1:\(port)")
        config.batchSize = batchSize
        config.concurrency = concurrency
        config.`protocol` = api
        let recording = Recording()
        let remote = try RemoteBackend(configuration: config, logger: logger, observer: recording)
        let rows = 64
        try await onThread {
            try remote.loadGeneration(models)
            let session = remote.makeSession(worker: 0)
            let batch = InferenceBatch(capacity: rows, inputWidth: 4, outputWidth: 2)
            for _ in 0..<20 {
                RemoteBackendEndToEndTests.fill(batch, rows: rows, models: models.count)
                try session.infer(batch)
            }
            remote.shutdown()
        }
        let splits = recording.breakdowns.withLock { $0 }
        let trips = recording.roundTrips.withLock { $0 }
        #expect(splits.count == trips.count && splits.count >= 20 * rows / batchSize)
        #expect(splits.allSatisfy { $0.server != nil }, "every answer of the built-in server carries Server-Timing")
        #expect(splits.allSatisfy { $0.server!.compute > 0 && $0.clientEncodeNanos > 0 && $0.clientDecodeNanos > 0 })

        // Means through the mode's recorder, against the round trips the observer saw.
        let recorder = MetricsRecorder(workers: 1, mode: .remote(batch: batchSize), task: "test")
        let mode = recorder.recorder(for: .remote(batch: batchSize))
        for (b, t) in zip(splits, trips) {
            mode.recordBreakdown(b)
            mode.recordRequest(nanos: t, failed: false, message: nil)
        }
        let f = try #require(recorder.snapshot().figures(for: .remote(batch: batchSize)))
        let breakdown = try #require(f.breakdown)
        let partsSum = BreakdownPart.allCases.reduce(0.0) { $0 + breakdown[$1].mean }
        let roundTrip = try #require(f.requestLatency).mean
        #expect(abs(partsSum - roundTrip) <= 0.05 * roundTrip, "parts \(partsSum) µs vs round trip \(roundTrip) µs")
        #expect(breakdown.serverMeanMicros > 0 && breakdown.serverMeanMicros < roundTrip)
        #expect(breakdown[.wire].mean > 0)
    }
}
