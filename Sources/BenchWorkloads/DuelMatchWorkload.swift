import Engine

/// One duel played to its end: a dense network (the shape of a fresh duel genome)
/// against the reference bot, on the default board laid out from a fixed seed.
/// Each tick writes two observations, runs the network and the bot's flood fill, and
/// steps the board: the unit of work of a tournament.
final class DuelMatchWorkload: Workload {
    let network: CompiledNetwork
    let bot = ReferenceBot()
    let scratch: UnsafeMutablePointer<Float>
    let rules = DuelRules()

    init() {
        let genome = FeedForwardBenchmark.denseGenome(inputs: DuelRules.observationSize, outputs: DuelRules.actionCount,
                                                      hidden: 0, seed: 7)
        network = CompiledNetwork(genome)
        scratch = .allocate(capacity: network.scratchCount + DuelRules.actionCount)
    }

    deinit { scratch.deallocate() }

    func run() -> UInt64 {
        let bot = bot
        let outcome = DuelEvaluator.play(seed: 9, rules: rules,
                                         a: DuelEvaluator.networkPolicy(network, scratch: scratch),
                                         b: { match, player, _ in bot.action(match: match, player: player) })
        var sum = checksumSeed
        mix(&sum, UInt64(outcome.result.rawValue))
        mix(&sum, UInt64(outcome.reason.rawValue))
        mix(&sum, UInt64(outcome.ticks))
        return sum
    }
}
