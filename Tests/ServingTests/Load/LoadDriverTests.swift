import Engine
import Logging
import Testing
@testable import Serving

/// The load generator against the built-in server on loopback: both loops, both
/// APIs, the default model uploaded when the server has none, and errors counted
/// without stopping the run.
@Suite(.serialized) struct LoadDriverTests {
    /// Runs `body` against a fresh server (with model `m`, 4 inputs, when `withModel`).
    func withServer(withModel: Bool = true, _ body: @escaping @Sendable (String) throws -> Void) async throws {
        var logger = Logger(label: "load")
        logger.logLevel = .critical
        let server = InferenceServer(configuration: .init(host: "127.0.0.1", port: 0, eventLoopThreads: 1), logger: logger)
        if withModel { server.registry.put(try ServedModel(id: "m", genome: RemoteBackendEndToEndTests.genomes(count: 1)[0])) }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { _, port in continuation.yield(port) } }
        guard let port = await ports.first(where: { _ in true }) else { throw CancellationError() }
        defer { task.cancel() }
        try await onThread { try body("http://127.0.0.1:\(port)") }
    }

    @Test func closedLoopAnswersEveryRequestOfTheDefaultModel() async throws {
        try await withServer { url in
            var setup = LoadSetup(url: url)
            setup.protocol = .dashboard
            setup.connections = 4
            let prepared = try setup.prepare()
            #expect(prepared.model == "m" && prepared.inputs == 4 && !prepared.uploaded)
            var seconds: [LoadInterval] = []
            let r = prepared.driver.run(mode: .closedLoop, duration: .milliseconds(1500)) { seconds.append($0) }
            #expect(r.errors.total == 0, "\(r.errors.summary)")
            #expect(r.requests > 50)
            #expect(!r.corrected && r.mode.rate == nil && r.sendLag == nil)
            #expect(r.latency.p50 > 0 && r.latency.max >= r.latency.p99)
            #expect(seconds.count == 2 && seconds[0].elapsedSeconds == 1)
            #expect(seconds.map(\.requests).reduce(0, +) == r.requests)
        }
    }

    @Test func openLoopKeepsItsScheduleOverV2() async throws {
        try await withServer { url in
            var setup = LoadSetup(url: url)
            setup.protocol = .v2
            setup.model = "m"
            let prepared = try setup.prepare()
            #expect(prepared.inputs == 4)   // from GET /v2/models/m
            let r = prepared.driver.run(mode: .openLoop(rate: 200, arrivals: .poisson, seed: 5), duration: .seconds(1))
            #expect(r.errors.total == 0, "\(r.errors.summary)")
            // The same seed gives the same schedule: exactly the arrivals before 1 s.
            var schedule = ArrivalSchedule(rate: 200, arrivals: .poisson, seed: 5)
            var due = 0
            while schedule.next() < 1_000_000_000 { due += 1 }
            #expect(Int(r.requests) + r.unsent + r.unfinished == due)
            #expect(r.corrected && r.serviceTime.p50 <= r.latency.p50)
            // Each corrected latency is the send lag plus the service time.
            let lag = try #require(r.sendLag)
            #expect(lag.count == r.requests && lag.max <= r.latency.max)
        }
    }

    @Test func uploadsTheDefaultNetworkWhenTheServerHasNone() async throws {
        try await withServer(withModel: false) { url in
            for api in [RemoteProtocol.dashboard, .v2] {
                var setup = LoadSetup(url: url)
                setup.protocol = api
                let prepared = try setup.prepare()
                #expect(prepared.model == "load-default" && prepared.inputs == 100)
                #expect(prepared.uploaded == (api == .dashboard))   // the dashboard upload is also served over v2
                let r = prepared.driver.run(mode: .closedLoop, duration: .milliseconds(300))
                #expect(r.errors.total == 0 && r.requests > 0, "\(api): \(r.errors.summary)")
            }
        }
    }

    @Test func uploadsTheDefaultNetworkWhenAskedForByNameBesideOtherModels() async throws {
        try await withServer { url in
            for api in [RemoteProtocol.dashboard, .v2] {
                var setup = LoadSetup(url: url)
                setup.protocol = api
                setup.model = LoadSetup.defaultModel
                let first = try setup.prepare()
                #expect(first.model == "load-default" && first.inputs == 100)
                // Uploaded once (over the dashboard API, served over v2 too), then found.
                #expect(first.uploaded == (api == .dashboard))
                #expect(try !setup.prepare().uploaded)
                let r = first.driver.run(mode: .closedLoop, duration: .milliseconds(300))
                #expect(r.errors.total == 0 && r.requests > 0, "\(api): \(r.errors.summary)")
            }
        }
    }

    @Test func errorAnswersAreCountedNotFatal() async throws {
        try await withServer { url in
            var setup = LoadSetup(url: url)
            setup.protocol = .dashboard
            setup.model = "absent"
            setup.inputs = 4
            let r = try setup.prepare().driver.run(mode: .openLoop(rate: 100, arrivals: .constant, seed: 1), duration: .milliseconds(500))
            #expect(r.requests == 0)
            #expect(r.errors.statuses[404] == 50, "\(r.errors.summary)")
            #expect(r.latency.count == 0)
        }
    }

    @Test func refusedConnectionsAreCountedAndTheRunEnds() async throws {
        try await onThread {
            var setup = LoadSetup(url: "http://127.0.0.1:9")   // discard: nothing listens on loopback
            setup.protocol = .dashboard
            setup.model = "m"
            setup.inputs = 4
            let r = try setup.prepare().driver.run(mode: .openLoop(rate: 100, arrivals: .constant, seed: 1), duration: .milliseconds(300))
            #expect(r.requests == 0 && r.errors.connect == 30, "\(r.errors.summary)")
            let closed = try setup.prepare().driver.run(mode: .closedLoop, duration: .milliseconds(200))
            #expect(closed.errors.connect > 0 && closed.requests == 0)
        }
    }

    @Test func theBacklogCountsDueRequestsNotYetSent() {
        var s = ArrivalSchedule(rate: 1000, arrivals: .constant)
        for _ in 0..<5 { _ = s.next() }
        let next = 100 + s.next()   // request 5, due at 5 ms after a start at 100 ns
        // Due by 9.5 ms: requests 5, 6, 7, 8 and 9; the schedule itself is not advanced.
        #expect(LoadDriver.backlog(after: next, s, start: 100, until: 100 + 9_500_000) == 5)
        #expect(LoadDriver.backlog(after: next, s, start: 100, until: 100 + 4_999_999) == 0)
        #expect(LoadDriver.backlog(after: nil, s, start: 100, until: .max) == 0)
        #expect(LoadDriver.backlog(after: 0, nil, start: 0, until: .max) == 0)
    }

    @Test func refusesAModelNameThatCannotTravelUnescaped() async throws {
        var setup = LoadSetup(url: "http://127.0.0.1:9")
        setup.protocol = .dashboard
        setup.model = "a\"b"
        setup.inputs = 4
        #expect(throws: RemoteError.client("--model 'a\"b': a model name here is 1 to 256 of the characters A-Z a-z 0-9 . _ - :")) {
            try setup.prepare()
        }
    }
}
