import Engine
import Foundation
import Logging
import Testing
@testable import Serving
import Wire

/// Content-addressed delivery: models named by `sha256:` ids, networks sent
/// inline only when a server says it lacks them.
@Suite(.serialized) struct RemoteBackendContentTests {
    static var quiet: Logger {
        var l = Logger(label: "content")
        l.logLevel = .critical
        return l
    }

    /// Runs `generations` through CPU and remote, returning whether every output matched and the stats after each.
    static func run(_ generations: [GenerationModels], port: Int, delivery: ModelDelivery) async throws -> (same: Bool, stats: [RemoteStats.Snapshot]) {
        var config = RemoteConfiguration(serverURL: "http://127.0.0.1:\(port)")
        config.batchSize = 8
        config.delivery = delivery
        config.protocol = .dashboard
        let remote = try RemoteBackend(configuration: config, logger: quiet)
        return try await onThread { () throws -> (Bool, [RemoteStats.Snapshot]) in
            defer { remote.shutdown() }
            var same = true
            var stats = [RemoteStats.Snapshot]()
            let cpu = CPUBackend()
            let session = remote.makeSession(worker: 0)
            for models in generations {
                try cpu.loadGeneration(models)
                let batch = InferenceBatch(capacity: 37, inputWidth: 4, outputWidth: 2)
                RemoteBackendEndToEndTests.fill(batch, rows: 37, models: models.count)
                try cpu.makeSession(worker: 0).infer(batch)
                let expected = batch.outputs.map(\.bitPattern)
                batch.outputs.update(repeating: .nan)
                try remote.loadGeneration(models)
                try session.infer(batch)
                same = same && batch.outputs.map(\.bitPattern) == expected
                stats.append(remote.stats.snapshot())
            }
            return (same, stats)
        }
    }

    /// Generation 5 keeps generation 4's networks (new genome ids, new fitness) but one weight.
    static func twoGenerations() -> [GenerationModels] {
        let first = RemoteBackendEndToEndTests.genomes(count: 9)
        var second = first.enumerated().map { i, g in var g = g; g.id = 1000 + i; g.fitness = Double(i); return g }
        second[3].connections[2].weight += 0.125
        return [GenerationModels(generation: 4, genomes: first), GenerationModels(generation: 5, genomes: second)]
    }

    @Test func onlyNetworksTheServerLacksAreSentAndOutputsMatchTheCPU() async throws {
        let server = InferenceServer(configuration: .init(host: "127.0.0.1", port: 0), logger: Self.quiet)
        let generations = Self.twoGenerations()
        let changed = Array(generations[1].genomes[3].neatPythonCompactJSON().utf8).count
        let (content, population) = try await ServerTestSupport.withServer(server) { port in
            (try await Self.run(generations, port: port, delivery: .auto), try await Self.run(generations, port: port, delivery: .population))
        }
        #expect(content.same && population.same)
        let (g4, g5) = (content.stats[0], content.stats[1])
        // Generation 4: the 9 networks in one PUT /v1/networks; the server never has to ask.
        #expect(g4.inlineNetworks == 0 && g4.missingAnswers == 0 && g4.uploads == 1 && g4.uploadFailures == 0 && g4.failures == 0)
        // Generation 5: only the changed network, once (with its id and the body's braces).
        let wrapper = "{\"networks\":{\"".utf8.count + 71 + "\":".utf8.count + "}}".utf8.count
        #expect(g5.inlineNetworks == 0 && g5.uploadedBytes - g4.uploadedBytes == changed + wrapper)
        // The population upload sends all 9 every generation.
        #expect(population.stats[1].uploadedBytes - population.stats[0].uploadedBytes > 8 * changed)
        #expect(population.stats[1].inlineNetworks == 0 && population.stats[1].missingAnswers == 0)
    }

    /// A server that keeps nothing (a cache of 0 bytes) asks for every network each time: the
    /// `missing` round trip, on every request after the first, still gives the CPU's outputs.
    @Test func aServerThatAsksEveryTimeGetsTheNetworksResent() async throws {
        var configuration = InferenceServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.modelCacheBytes = 0
        let server = InferenceServer(configuration: configuration, logger: Self.quiet)
        let result = try await ServerTestSupport.withServer(server) { port in try await Self.run(Self.twoGenerations(), port: port, delivery: .contentAddressed) }
        #expect(result.same)
        #expect(result.stats[1].missingAnswers >= 2 && result.stats[1].failures == 0 && result.stats[1].inlineNetworks > 10)
        #expect(server.modelCache.usage.count == 0)
    }

    /// A server without `PUT /v1/networks` (404): the first request naming each network carries it.
    @Test func withoutTheUploadRouteTheFirstRequestCarriesTheNetworks() async throws {
        let server = try await FaultServer.start()
        defer { Task { await server.stop() } }
        var config = RemoteConfiguration(serverURL: server.url)
        config.batchSize = 2
        let remote = try RemoteBackend(configuration: config, logger: Self.quiet)
        let genomes = RemoteBackendEndToEndTests.genomes(count: 2)
        try await onThread {
            try remote.loadGeneration(GenerationModels(generation: 0, genomes: genomes))
            let batch = InferenceBatch(capacity: 4, inputWidth: 4, outputWidth: 3)
            for m in [0, 1, 1, 0] { batch.appendRow(model: Int32(m)).update(repeating: 0.5, count: 4) }
            try remote.makeSession(worker: 0).infer(batch)
        }
        #expect(server.state.inlineIDs.withLock { $0 } == [genomes.map(\.contentID).sorted(), []])
        #expect(remote.stats.snapshot().uploadFailures == 1 && remote.stats.snapshot().inlineNetworks == 2 && remote.stats.snapshot().failures == 0)
    }

    @Test func aServerThatKeepsAnsweringMissingFailsTheRequestAfterTwoResends() async throws {
        let server = try await FaultServer.start()
        defer { Task { await server.stop() } }
        server.setFault(.alwaysMissing)
        var config = RemoteConfiguration(serverURL: server.url)
        config.batchSize = 2
        let remote = try RemoteBackend(configuration: config, logger: Self.quiet)
        let genomes = RemoteBackendEndToEndTests.genomes(count: 2)
        let ids = genomes.map(\.contentID)
        let outcome = try await onThread { () -> RemoteError? in
            try remote.loadGeneration(GenerationModels(generation: 0, genomes: genomes))
            let batch = InferenceBatch(capacity: 2, inputWidth: 4, outputWidth: 2)
            for m in 0..<2 { _ = batch.appendRow(model: Int32(m)).update(repeating: 0.5, count: 4) }
            do { try remote.makeSession(worker: 0).infer(batch) } catch let e as RemoteError { return e }
            return nil
        }
        guard case .status(_, 404, let message)? = outcome else { Issue.record("expected a 404 failure, got \(String(describing: outcome))"); return }
        #expect(message.contains("still lacks"))
        // The first attempt carries the networks never sent; the first resend what was reported missing;
        // the second every network the request names.
        #expect(server.state.inlineIDs.withLock { $0 } == [ids.sorted(), [ids[0]], ids.sorted()])
        #expect(remote.stats.snapshot().missingAnswers == 2 && remote.stats.snapshot().failures == 1)
    }
}
