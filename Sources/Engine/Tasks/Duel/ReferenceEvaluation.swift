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

    /// Counts one match's result.
    public mutating func record(_ result: DuelOutcome.Result) {
        switch result {
        case .playerAWins: wins += 1
        case .draw: draws += 1
        case .playerBWins: losses += 1
        }
    }

    /// Plays `network` (seat A) against a fresh `ReferenceBot` (seat B) once per seed.
    ///
    /// - Precondition: `network` has 100 inputs and 3 outputs; `rules` is valid.
    public static func evaluate(network: CompiledNetwork, seeds: [UInt64], rules: DuelRules) -> ReferenceEvaluation {
        precondition(network.inputCount == DuelRules.observationSize && network.outputCount == DuelRules.actionCount,
                     "a duel network needs \(DuelRules.observationSize) inputs and \(DuelRules.actionCount) outputs, got \(network.inputCount) and \(network.outputCount)")
        let bot = ReferenceBot()
        var record = ReferenceEvaluation()
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: DuelRules.observationSize + DuelRules.actionCount + network.scratchCount)
        defer { buffer.deallocate() }
        let outputs = buffer + DuelRules.observationSize, scratch = outputs + DuelRules.actionCount
        var match = DuelMatch(rules: rules, seed: seeds.first ?? 0)
        for seed in seeds {
            match.reset(seed: seed)
            record.record(play(&match, network: network, bot: bot, observation: buffer, outputs: outputs, scratch: scratch))
        }
        return record
    }

    /// Plays `match` from its current state to the end: `network` in seat A, `bot` in
    /// seat B. Only seat A's observation is written (the bot reads the board itself).
    /// `observation` holds `DuelRules.observationSize` floats, `outputs`
    /// `DuelRules.actionCount`, `scratch` `network.scratchCount`. Allocates nothing.
    public static func play(_ match: inout DuelMatch, network: borrowing CompiledNetwork, bot: ReferenceBot,
                            observation: UnsafeMutablePointer<Float>, outputs: UnsafeMutablePointer<Float>,
                            scratch: UnsafeMutablePointer<Float>) -> DuelOutcome.Result {
        while match.outcome == nil {
            match.writeObservation(player: 0, into: observation)
            network.evaluate(inputs: observation, outputs: outputs, scratch: scratch)
            let actionB = bot.action(match: match, player: 1)
            match.step(actionA: DuelAction(outputs: outputs), actionB: actionB)
        }
        return match.outcome!.result
    }

    /// `evaluate(network:seeds:rules:).winRate`: wins count 1, draws ½, losses 0.
    public static func winRate(network: CompiledNetwork, seeds: [UInt64], rules: DuelRules) -> Double {
        evaluate(network: network, seeds: seeds, rules: rules).winRate
    }
}
