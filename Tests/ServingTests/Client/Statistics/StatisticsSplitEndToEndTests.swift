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
        try await runReadingMetrics(serverTiming: serverTiming).figures
    }

    /// `run`, and the server's Prometheus text at the end.
    static func runReadingMetrics(serverTiming: Bool) async throws -> (figures: ModeFigures, metrics: String) {
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
        return (try #require(metrics.snapshot().figures(for: mode)), String(buffer: server.metrics.render()))
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

    /// The built-in server answers Triton's every-model route, so each poll is one request.
    @Test func eachPollIsOneRequestForEveryModel() async throws {
        let (f, text) = try await Self.runReadingMetrics(serverTiming: false)
        #expect(f.breakdown?.source == .statistics)
        let all = text.split(separator: "\n").filter { $0.hasPrefix("dashboard_http_requests_total{") && $0.contains("route=\"/v2/models/stats\"") }
        #expect(all.count == 1 && all[0].contains("status=\"200\""), "\(all)")
        #expect(!text.contains("route=\"/v2/models/{name}/stats\""), "no poll asked model by model")
    }

    /// A server without the every-model route (its `/v2/models/stats` is 404) is asked model by
    /// model from the first poll on, and the round trips are still split.
    @Test func aServerWithoutTheEveryModelRouteIsAskedModelByModel() async throws {
        let server = try await FaultServer.start(kind: "v2")
        server.setV2Extensions(["binary_tensor_data", "model_repository", "statistics"])
        let mode = InferenceMode.remote(batch: 4)
        let metrics = MetricsRecorder(workers: 1, mode: mode, task: "test")
        let backend = try RemoteBackendV2Tests.backend(server, observer: RecordingObserver(recorder: metrics.recorder(for: mode)))
        try await RemoteBackendV2Tests.load(backend, generation: 1)
        _ = try await RemoteBackendTests.infer(backend, rows: 23)
        for _ in 0..<200 where server.statsRequests.count < 6 { try await Task.sleep(for: .milliseconds(10)) }
        try await RemoteBackendV2Tests.load(backend, generation: 2)
        for _ in 0..<5 { _ = try await RemoteBackendTests.infer(backend, rows: 23) }
        try await RemoteBackendV2Tests.load(backend, generation: 3)
        try await RemoteBackendTests.shutdown(backend)
        await server.stop()

        let asked = server.statsRequests
        #expect(asked.first == "/v2/models/stats")
        #expect(asked.dropFirst().allSatisfy { $0 != "/v2/models/stats" }, "the every-model route is tried once: \(asked)")
        #expect(asked.contains { $0.hasPrefix("/v2/models/g2-") && $0.hasSuffix("/stats") })
        let b = try #require(metrics.snapshot().figures(for: mode)?.breakdown)
        #expect(b.source == .statistics && b.statisticsRequests > 0)
        #expect(abs(b[.serverCompute].mean - 1) < 0.01, "the fault server's counters say 1 µs per part: \(b[.serverCompute].mean)")
    }
}
