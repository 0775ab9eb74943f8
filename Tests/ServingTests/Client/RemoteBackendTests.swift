import Engine
import Logging
import Synchronization
import Testing
@testable import Serving
import Wire

/// The remote client against an in-process server that answers
/// `[sum, first input, model index]` per row and can be told to misbehave.
@Suite(.serialized) struct RemoteBackendTests {
    static let width = 3

    static func quietLogger() -> Logger {
        var logger = Logger(label: "remote-test")
        logger.logLevel = .critical
        return logger
    }

    static func backend(
        _ server: FaultServer, batch: Int = 4, concurrency: Int = 2, retry: RetryPolicy = .init(maxRetries: 2, initialBackoff: .milliseconds(5)),
        timeout: Duration = .seconds(5), observer: (any RemoteRequestObserver)? = nil, connections: Int? = nil
    ) throws -> RemoteBackend {
        var config = RemoteConfiguration(serverURL: server.url)
        config.connectionsPerWorker = connections
        config.serverKind = .dashboard
        config.batchSize = batch
        config.concurrency = concurrency
        config.retry = retry
        config.requestTimeout = timeout
        config.connectTimeout = .seconds(1)
        let backend = try RemoteBackend(configuration: config, logger: quietLogger(), observer: observer)
        backend.useLoadedModels(prefix: "g1-")
        return backend
    }

    /// Input row r: [r, r / 7, -r / 3]; model r % 5.
    static func input(_ r: Int) -> [Float] { [Float(r), Float(r) / 7, -Float(r) / 3] }

    static func expected(rows: Int) -> [Float] {
        (0..<rows).flatMap { r -> [Float] in
            let x = input(r)
            return [x.reduce(0, +), x[0], Float(r % 5)]
        }
    }

    /// Runs one `infer` of `rows` rows on a plain thread; returns the outputs.
    static func infer(_ backend: RemoteBackend, rows: Int) async throws -> [Float] {
        try await onThread {
            let batch = InferenceBatch(capacity: max(rows, 1), inputWidth: width, outputWidth: width)
            for r in 0..<rows {
                let p = batch.appendRow(model: Int32(r % 5))
                for (i, v) in input(r).enumerated() { p[i] = v }
            }
            let session = backend.makeSession(worker: 0)
            try session.infer(batch)
            return Array(batch.outputs.prefix(rows * width))
        }
    }

    static func shutdown(_ backend: RemoteBackend) async throws {
        _ = try await onThread { backend.shutdown() }
    }

    /// Expects `infer` to throw a `RemoteError` and returns it.
    static func inferError(_ backend: RemoteBackend, rows: Int) async throws -> RemoteError? {
        do {
            _ = try await infer(backend, rows: rows)
            Issue.record("infer should have thrown")
            return nil
        } catch let error as RemoteError {
            return error
        }
    }

    @Test(arguments: [(1, 1), (1, 3), (4, 1), (4, 3), (8, 2), (23, 1), (64, 4)])
    func splitsRowsIntoRequestsAndKeepsTheirOrder(batch: Int, concurrency: Int) async throws {
        let server = try await FaultServer.start()
        let backend = try Self.backend(server, batch: batch, concurrency: concurrency)
        let rows = 23
        let outputs = try await Self.infer(backend, rows: rows)
        #expect(outputs == Self.expected(rows: rows))
        var sizes = Array(repeating: batch, count: rows / batch)
        if rows % batch != 0 { sizes.append(rows % batch) }
        #expect(server.rowsPerRequest.sorted() == sizes.sorted())
        #expect(server.maxInFlight <= concurrency)
        let stats = backend.stats.snapshot()
        #expect(stats.requests == sizes.count && stats.rows == rows && stats.failures == 0 && stats.retries == 0)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func keepsConcurrencyRequestsInFlight() async throws {
        let server = try await FaultServer.start()
        server.setFault(.slow(.milliseconds(300)))
        // One connection per request in flight: the server sees all four at once
        // (pipelined on one connection it would answer them one after another).
        let backend = try Self.backend(server, batch: 1, concurrency: 4, connections: 4)
        let outputs = try await Self.infer(backend, rows: 8)
        #expect(outputs == Self.expected(rows: 8))
        #expect(server.maxInFlight == 4)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test(arguments: [1, 2])
    func pipelinedRequestsSurviveRetriesAndADroppedConnection(connections: Int) async throws {
        let server = try await FaultServer.start()
        let observer = CountingObserver()
        let backend = try Self.backend(server, batch: 2, concurrency: 4, observer: observer, connections: connections)
        server.setFault(.status(code: 503, times: 3))
        #expect(try await Self.infer(backend, rows: 17) == Self.expected(rows: 17))
        #expect(backend.stats.snapshot().retries == 3 && backend.stats.snapshot().failures == 0)
        // A dropped connection takes the requests pipelined behind the broken one with it: all are sent again.
        server.setFault(.dieAfter(count: server.served + 3))
        let error = try await Self.inferError(backend, rows: 17)
        guard case .connection = error else { Issue.record("expected a connection error, got \(String(describing: error))"); return }
        server.setFault(.none)
        #expect(try await Self.infer(backend, rows: 17) == Self.expected(rows: 17))
        #expect(observer.finished.withLock { $0 }.filter { $0 > 0 }.count >= 18)
        try await Self.shutdown(backend)
        await server.stop()
    }

    /// A server that closes the connection after every answer: the requests
    /// pipelined behind each answer go again on a new connection, uncharged.
    @Test func connectionCloseAfterEachAnswerIsFollowed() async throws {
        let server = try await FaultServer.start()
        server.setFault(.closeAfterEach)
        let backend = try Self.backend(server, batch: 1, concurrency: 4, connections: 1)
        #expect(try await Self.infer(backend, rows: 9) == Self.expected(rows: 9))
        #expect(backend.stats.snapshot().retries == 0 && backend.stats.snapshot().failures == 0)
        #expect(server.served >= 9)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func aLateAnswerOnAPipelinedConnectionIsATimeout() async throws {
        let server = try await FaultServer.start()
        server.setFault(.slow(.milliseconds(400)))
        let backend = try Self.backend(server, batch: 1, concurrency: 3, retry: .init(maxRetries: 1, initialBackoff: .milliseconds(5)),
                                       timeout: .milliseconds(100), connections: 1)
        let error = try await Self.inferError(backend, rows: 3)
        #expect(error == .timeout(endpoint: "POST \(server.url)/infer", milliseconds: 100))
        #expect(backend.stats.snapshot().retries >= 1 && backend.stats.snapshot().failures == 1)
        server.setFault(.none)
        #expect(try await Self.infer(backend, rows: 5) == Self.expected(rows: 5))
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func slowServerGivesATimeoutError() async throws {
        let server = try await FaultServer.start()
        server.setFault(.slow(.seconds(2)))
        let backend = try Self.backend(server, retry: .none, timeout: .milliseconds(150))
        let error = try await Self.inferError(backend, rows: 3)
        #expect(error == .timeout(endpoint: "POST \(server.url)/infer", milliseconds: 150))
        let stats = backend.stats.snapshot()
        #expect(stats.failures == 1 && stats.rows == 0 && stats.lastError == error)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func transient500sAreRetriedAndCounted() async throws {
        let server = try await FaultServer.start()
        server.setFault(.status(code: 500, times: 2))
        let backend = try Self.backend(server, batch: 8, concurrency: 1, retry: .init(maxRetries: 3, initialBackoff: .milliseconds(5)))
        let outputs = try await Self.infer(backend, rows: 5)
        #expect(outputs == Self.expected(rows: 5))
        let stats = backend.stats.snapshot()
        #expect(stats.retries == 2 && stats.failures == 0 && stats.requests == 1 && stats.rows == 5)
        #expect(stats.lastError == .status(endpoint: "POST \(server.url)/infer", code: 500, message: "injected 500"))
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func persistent500sFailAfterTheRetries() async throws {
        let server = try await FaultServer.start()
        server.setFault(.status(code: 503, times: 1000))
        let backend = try Self.backend(server, batch: 8, concurrency: 1, retry: .init(maxRetries: 2, initialBackoff: .milliseconds(5)))
        let error = try await Self.inferError(backend, rows: 5)
        #expect(error == .status(endpoint: "POST \(server.url)/infer", code: 503, message: "injected 503"))
        let stats = backend.stats.snapshot()
        #expect(stats.retries == 2 && stats.failures == 1)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let server = try await FaultServer.start()
        server.setFault(.status(code: 400, times: 1000))
        let backend = try Self.backend(server)
        let error = try await Self.inferError(backend, rows: 2)
        #expect(error == .status(endpoint: "POST \(server.url)/infer", code: 400, message: "injected 400"))
        #expect(backend.stats.snapshot().retries == 0)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test(arguments: [
        (FaultServer.Fault.wrongWidth, "row 0: expected 3 numbers, received more"),
        (.wrongRows, "expected 4 rows, received 3"),
        (.garbage, "expected a JSON array of 4 rows of 3 numbers, received '<html>oops</html>'"),
    ])
    func wrongShapesAreErrors(fault: FaultServer.Fault, problem: String) async throws {
        let server = try await FaultServer.start()
        server.setFault(fault)
        let backend = try Self.backend(server, batch: 4, concurrency: 2)
        let error = try await Self.inferError(backend, rows: 8)
        guard case .badResponse(_, let message) = error else {
            Issue.record("expected a bad response error, got \(String(describing: error))")
            return
        }
        #expect(message.contains(problem), "\(message)")
        #expect(backend.stats.snapshot().failures >= 1)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func droppedConnectionsAreRetriedThenReported() async throws {
        let server = try await FaultServer.start()
        server.setFault(.dropConnection)
        let backend = try Self.backend(server, batch: 4, concurrency: 1)
        let error = try await Self.inferError(backend, rows: 4)
        guard case .connection = error else {
            Issue.record("expected a connection error, got \(String(describing: error))")
            return
        }
        let stats = backend.stats.snapshot()
        #expect(stats.retries == 2 && stats.failures == 1 && stats.rows == 0)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func serverDyingMidGenerationSurfacesAnError() async throws {
        let server = try await FaultServer.start()
        server.setFault(.dieAfter(count: 3))
        let backend = try Self.backend(server, batch: 2, concurrency: 1)
        let error = try await Self.inferError(backend, rows: 20)
        #expect(error != nil)
        #expect(server.served == 3)
        let stats = backend.stats.snapshot()
        #expect(stats.rows == 6 && stats.failures == 1 && stats.lastError != nil)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func stoppedServerGivesAConnectionError() async throws {
        let server = try await FaultServer.start()
        let backend = try Self.backend(server, batch: 4, concurrency: 2, retry: .init(maxRetries: 1, initialBackoff: .milliseconds(5)))
        #expect(try await Self.infer(backend, rows: 4) == Self.expected(rows: 4))
        await server.stop()
        let error = try await Self.inferError(backend, rows: 4)
        guard case .connection = error else {
            Issue.record("expected a connection error, got \(String(describing: error))")
            return
        }
        try await Self.shutdown(backend)
    }

    @Test func backendDroppedWithoutShutdownClosesItsClient() async throws {
        // A backend and its sessions released without shutdown close their own
        // sockets; nothing is left running.
        let server = try await FaultServer.start()
        var backend: RemoteBackend? = try Self.backend(server)
        #expect(try await Self.infer(backend!, rows: 3) == Self.expected(rows: 3))
        backend = nil
        try await Task.sleep(for: .milliseconds(100))
        await server.stop()
    }

    @Test func inferBeforeAnyUploadFails() async throws {
        var config = RemoteConfiguration(serverURL: "http://127.0.0.1:9")
        config.serverKind = .dashboard
        let backend = try RemoteBackend(configuration: config, logger: Self.quietLogger())
        await #expect(throws: InferenceError.noGenerationLoaded) { _ = try await Self.infer(backend, rows: 1) }
        try await Self.shutdown(backend)
    }

    @Test func uploadsThePopulationForTheDiscoveredServerKind() async throws {
        let server = try await FaultServer.start(kind: "onnxruntime")
        var config = RemoteConfiguration(serverURL: server.url)
        config.batchSize = 2
        let encoder = ModelEncoder { genome, kind in "\"\(kind)-\(genome.id)\"" }
        let observer = CountingObserver()
        let backend = try RemoteBackend(configuration: config, logger: Self.quietLogger(), observer: observer, modelEncoder: encoder)
        let genomes = (0..<3).map { i in
            Genome(id: 10 + i, numInputs: 3, numOutputs: 3, nodes: (0..<3).map { NodeGene(id: $0, activation: .identity) }, connections: [])
        }
        _ = try await onThread { try backend.loadGeneration(GenerationModels(generation: 5, genomes: genomes)) }
        #expect(try backend.serverKind() == .onnxruntime)
        #expect(server.uploads == [#"{"models":{"g5-0":"onnxruntime-10","g5-1":"onnxruntime-11","g5-2":"onnxruntime-12"}}"#])
        #expect(try await Self.infer(backend, rows: 5) == Self.expected(rows: 5))
        #expect(observer.finished.withLock { $0 } == [2, 2, 1])
        #expect(observer.uploads.load(ordering: .relaxed) == 1)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func uploadsAreRetriedOn503AndFailAfterTheRetries() async throws {
        let server = try await FaultServer.start()
        server.failUploads(2)
        var config = RemoteConfiguration(serverURL: server.url)
        config.delivery = .population
        config.retry = RetryPolicy(maxRetries: 2, initialBackoff: .milliseconds(5))
        let observer = CountingObserver()
        let backend = try RemoteBackend(configuration: config, logger: Self.quietLogger(), observer: observer,
                                        modelEncoder: ModelEncoder { genome, _ in "\(genome.id)" })
        let models = GenerationModels(generation: 1, genomes: [
            Genome(id: 7, numInputs: 1, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .identity)], connections: []),
        ])
        _ = try await onThread { try backend.loadGeneration(models) }
        #expect(server.uploads == [#"{"models":{"g1-0":7}}"#])
        #expect(backend.stats.snapshot().retries == 2 && observer.retries.load(ordering: .relaxed) == 2)

        server.failUploads(3)
        await #expect(throws: RemoteError.status(endpoint: "PUT \(server.url)/v1/population", code: 503, message: "busy")) {
            _ = try await onThread { try backend.loadGeneration(models) }
        }
        let stats = backend.stats.snapshot()
        #expect(stats.uploads == 2 && stats.uploadFailures == 1)
        try await Self.shutdown(backend)
        await server.stop()
    }

    @Test func failingModelEncodingIsAClearError() async throws {
        let server = try await FaultServer.start()
        var config = RemoteConfiguration(serverURL: server.url)
        config.serverKind = .dashboard
        struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }
        let backend = try RemoteBackend(configuration: config, logger: Self.quietLogger(), modelEncoder: ModelEncoder { _, _ in throw Boom() })
        let genome = Genome(id: 42, numInputs: 1, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .identity)], connections: [])
        await #expect(throws: RemoteError.client("cannot encode genome 42 (index 0) of generation 2 for the dashboard server: boom")) {
            _ = try await onThread { try backend.loadGeneration(GenerationModels(generation: 2, genomes: [genome])) }
        }
        #expect(backend.stats.snapshot().uploadFailures == 1)
        try await Self.shutdown(backend)
        await server.stop()
    }
}

/// Records what the backend reports.
final class CountingObserver: RemoteRequestObserver {
    let finished = Locked<[Int]>([])
    let uploads = Atomic<Int>(0)
    let retries = Atomic<Int>(0)
    func requestFinished(rows: Int, nanos: UInt64, error: RemoteError?) { finished.withLock { $0.append(rows) } }
    func retried(_ error: RemoteError) { retries.add(1, ordering: .relaxed) }
    func uploadFinished(models: Int, bytes: Int, nanos: UInt64, error: RemoteError?) { uploads.add(1, ordering: .relaxed) }
}
