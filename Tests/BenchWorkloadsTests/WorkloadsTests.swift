import Testing
@testable import BenchWorkloads
import Engine
import Foundation

/// The gate compares counts across runs and builds, so every workload must do the
/// same work each time it runs, and every name must be unique.
struct WorkloadsTests {
    @Test func namesAreUniqueAndLookedUp() {
        let names = Workloads.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names { #expect(Workloads.named(name)?.name == name) }
        #expect(Workloads.named("no-such-workload") == nil)
    }

    @Test(arguments: Workloads.all.map(\.name))
    func runsGiveTheSameChecksum(name: String) throws {
        let definition = try #require(Workloads.named(name))
        let first = definition.make().run()
        let workload = definition.make()
        #expect(workload.run() == first)
        #expect(workload.run() == first)
    }

    /// The checkpoint is a duel run's: the full population, genomes grown past their start
    /// (a real run 30 generations in has about 45 connections per genome), and it reads
    /// back through the checkpoint reader.
    @Test func checkpointEncodeWritesARealDuelCheckpoint() throws {
        let workload = CheckpointEncodeWorkload()
        let population = workload.checkpoint.population
        #expect(population.genomes.count == 150)
        #expect(population.genomes.contains { $0.nodes.count > DuelRules.actionCount })
        let connections = population.genomes.reduce(0) { $0 + $1.connections.count }
        #expect(connections > 150 * 35)
        _ = workload.run()
        let bytes = workload.writer.withBytes { Data($0) }
        #expect(bytes.count > 200_000)
        #expect(try Checkpoint.decode(bytes, path: "workload.json", task: "duel") == workload.checkpoint)
    }

    @Test func feedForwardShapesDiffer() {
        let dense = FeedForwardWorkload(shape: .dense, batch: 1)
        let sparse = FeedForwardWorkload(shape: .sparseHidden, batch: 1)
        #expect(dense.network.connectionCount == 300)
        #expect(sparse.network.connectionCount > 24 && sparse.network.connectionCount < 300)
        #expect(dense.run() != sparse.run())
    }

    @Test func batchesComputeWhatSingleCallsDo() {
        #expect(FeedForwardWorkload(shape: .dense, batch: 1).run() == FeedForwardWorkload(shape: .dense, batch: 8).run())
        #expect(FeedForwardWorkload(shape: .sparseHidden, batch: 1).run()
            == FeedForwardWorkload(shape: .sparseHidden, batch: 8).run())
    }

    @Test func duelMatchLastsMoreThanAFewTicks() {
        let workload = DuelMatchWorkload()
        var match = DuelMatch(rules: workload.rules, seed: 9)
        let bot = workload.bot
        let outcome = DuelEvaluator.play(&match, a: DuelEvaluator.networkPolicy(workload.network, scratch: workload.scratch),
                                         b: { m, p, _ in bot.action(match: m, player: p) })
        #expect(outcome.ticks >= 10)
    }

    @Test func xorGenerationStartsFromAnEvolvedPopulation() {
        let workload = XORGenerationWorkload()
        #expect(workload.start.generation == 20)
        #expect(workload.start.genomes.count == 150)
        #expect(workload.start.genomes.contains { $0.nodes.count > 1 })
    }

    @Test func uploadHoldsEveryNetwork() {
        let text = String(decoding: PopulationUploadWorkload().body, as: UTF8.self)
        #expect(text.hasPrefix("{\"models\": {\"m0\": {"))
        #expect(text.contains("\"m15\": {"))
    }
}
