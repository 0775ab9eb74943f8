/// A network's record against the `ReferenceBot` over a fixed set of seeds.
///
/// Co-evolved fitness is relative to the current population; this figure is
/// absolute. The network plays seat A and the bot seat B on each seed's layout,
/// once per seed: the layouts are point-symmetric and both the observation and
/// the bot are seat-independent, so seat B would give the mirrored result.
///
/// `winRate` = (wins + ½ draws) / matches, the same convention as tournament
/// fitness: 1 means the network beat the bot on every seed, 0.5 e.g. all draws.
///
/// ```swift
/// let rate = ReferenceEvaluation.winRate(network: champion, seeds: ReferenceEvaluation.defaultSeeds(), rules: DuelRules())
/// ```
public struct ReferenceEvaluation: Sendable, Hashable {
    public var wins = 0
    public var draws = 0
    public var losses = 0

    public init(wins: Int = 0, draws: Int = 0, losses: Int = 0) {
        self.wins = wins
        self.draws = draws
        self.losses = losses
    }

    /// Matches played.
    public var matches: Int { wins + draws + losses }

    /// (wins + ½ draws) / matches; 0 when no match was played.
    public var winRate: Double { matches == 0 ? 0 : (Double(wins) + 0.5 * Double(draws)) / Double(matches) }

    /// `count` fixed seeds (the same on every run and machine): SplitMix64 from 0x5EED_D0E1.
    public static func defaultSeeds(count: Int = 50) -> [UInt64] {
        var sm = SplitMix64(seed: 0x5EED_D0E1)
        return (0..<count).map { _ in sm.next() }
    }

    /// Plays `network` (seat A) against a fresh `ReferenceBot` (seat B) once per seed.
    ///
    /// - Precondition: `network` has 100 inputs and 3 outputs; `rules` is valid.
    public static func evaluate(network: CompiledNetwork, seeds: [UInt64], rules: DuelRules) -> ReferenceEvaluation {
        let bot = ReferenceBot()
        var record = ReferenceEvaluation()
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: network.scratchCount + DuelRules.actionCount)
        defer { scratch.deallocate() }
        let policy = DuelEvaluator.networkPolicy(network, scratch: scratch)
        var match = DuelMatch(rules: rules, seed: seeds.first ?? 0)
        for seed in seeds {
            match.reset(seed: seed)
            let outcome = DuelEvaluator.play(&match, a: policy, b: { m, p, _ in bot.action(match: m, player: p) })
            switch outcome.result {
            case .playerAWins: record.wins += 1
            case .draw: record.draws += 1
            case .playerBWins: record.losses += 1
            }
        }
        return record
    }

    /// `evaluate(network:seeds:rules:).winRate`: wins count 1, draws ½, losses 0.
    public static func winRate(network: CompiledNetwork, seeds: [UInt64], rules: DuelRules) -> Double {
        evaluate(network: network, seeds: seeds, rules: rules).winRate
    }
}
