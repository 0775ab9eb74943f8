import Engine
import Logging
import Testing
@testable import Serving

/// The statistics split against the built-in server in v2 mode: with
/// `Server-Timing` off, the client reads `GET /v2/models/{name}/stats` and the
/// recorded breakdown is filled from it, adds up to the round trip, and its
/// server parts agree with what the header gives on a server that sends it.
@Suite(.serialized) struct StatisticsSplitEndToEndTests {
    /// Runs 3 generations of 30 batches of 64 rows (v2, batch 8) against a fresh server and returns the mode's figures.
    static func run(serverTiming: Bool) async throws -> ModeFigures {
        var logger = Logger(label: "statistics-split")
        logger.logLevel = .critical
        var serverConfig = InferenceServer.Configuration(host: "127.0.0.1", port: 0)
        serverConfig.sendsServerTiming = serverTiming
        let server = InferenceServer(configuration: serverConfig, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { _, port in continuation.yield(port) } }
        guard let port = await ports.first(where: { _ in true }) else { throw CancellationError() }
        defer { task.cancel() }

        let mode = InferenceMode.remote(batch: 8)
        let metrics = MetricsRecorder(workers: 1, mode: mode, task: "test")
        var config = RemoteConfiguration(serverURL: "http://127.0.0.1:\(port)")
        config.batchSize = 8
        config.concurrency = 2
        config.`protocol` = .v2
        let observer = RecordingObserver(recorder: metrics.recorder(for: mode))
        let remote = try RemoteBackend(configuration: config, logger: logger, observer: observer)
        let rows = 64
        try await onThread {
            let session = remote.makeSession(worker: 0)
            let batch = InferenceBatch(capacity: rows, inputWidth: 4, outputWidth: 2)
            for generation in 1...4 {
                let models = GenerationModels(generation: generation, genomes: RemoteBackendEndToEndTests.genomes(count: 6))
                // Delivering a generation closes the statistics' window of the one before.
                try remote.loadGeneration(models)
                if generation == 4 { break }
                for _ in 0..<30 {
                    RemoteBackendEndToEndTests.fill(batch, rows: rows, models: models.count)
                    try session.infer(batch)
                }
            }
            remote.shutdown()
        }
        return try #require(metrics.snapshot().figures(for: mode))
    }

    /// Feeds the backend's events into a mode's recorder, as the dashboard does.
    final class RecordingObserver: RemoteRequestObserver {
        let recorder: ModeRecorder
        init(recorder: ModeRecorder) { self.recorder = recorder }
        func requestFinished(rows: Int, nanos: UInt64, error: RemoteError?) {
            recorder.recordRequest(nanos: nanos, failed: error != nil, message: error.map { "\($0)" })
        }
        func retried(_ error: RemoteError) {}
        func requestTimed(_ breakdown: RequestBreakdown) { recorder.recordBreakdown(breakdown) }
    }

    @Test func withoutTheHeaderTheStatisticsSplitTheRoundTrip() async throws {
        let f = try await Self.run(serverTiming: false)
        let b = try #require(f.breakdown, "the breakdown is filled from the statistics")
        #expect(b.source == .statistics && b.statisticsRequests == b.requests)
        // The first answers start the poller; every answer after its baseline is split (90 generations' worth minus a few).
        #expect(b.requests >= f.requests / 2, "\(b.requests) of \(f.requests) requests split")
        let partsSum = BreakdownPart.allCases.reduce(0.0) { $0 + b[$1].mean }
        #expect(abs(partsSum - b.meanRoundTripMicros) <= 0.05 * b.meanRoundTripMicros, "parts \(partsSum) µs vs round trip \(b.meanRoundTripMicros) µs")
        let all = try #require(f.requestLatency).mean
        #expect(abs(b.meanRoundTripMicros - all) <= 0.5 * all, "split requests' round trip \(b.meanRoundTripMicros) µs vs all \(all) µs")
        #expect(b[.serverCompute].mean > 0 && b[.serverDecode].mean > 0 && b[.serverEncode].mean > 0)
        #expect(b.serverMeanMicros < b.meanRoundTripMicros)
    }

    @Test func theStatisticsAgreeWithTheHeaderOnTheSameServer() async throws {
        let header = try #require(try await Self.run(serverTiming: true).breakdown)
        let statistics = try #require(try await Self.run(serverTiming: false).breakdown)
        #expect(header.source == .header && header.statisticsRequests == 0)
        #expect(statistics.source == .statistics)
        // Means of a few µs on a shared machine: a sane factor, not a tight match.
        let ratio = statistics.serverMeanMicros / header.serverMeanMicros
        #expect(ratio > 0.2 && ratio < 5, "server time \(statistics.serverMeanMicros) µs from statistics vs \(header.serverMeanMicros) µs from the header")
    }
}
