import Testing
@testable import BenchWorkloads
import Engine

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
