/// Plays single duels to the end with two policies (a convenience for evaluation
/// and tests; the tournament runner steps its matches itself, in lockstep).
///
/// ```swift
/// let bot = ReferenceBot()
/// let outcome = DuelEvaluator.play(seed: 9, rules: DuelRules(),
///     a: { _, _, _ in .straight },
///     b: { match, player, _ in bot.action(match: match, player: player) })
/// ```
public enum DuelEvaluator {
    /// Chooses a move for `player` (0 = A, 1 = B) given the match and that
    /// player's current observation (`DuelRules.observationSize` floats).
    public typealias Policy = (_ match: DuelMatch, _ player: Int, _ observation: UnsafePointer<Float>) -> DuelAction

    /// Plays the match laid out from `seed` under `rules` until it ends.
    public static func play(seed: UInt64, rules: DuelRules, a: Policy, b: Policy) -> DuelOutcome {
        var match = DuelMatch(rules: rules, seed: seed)
        return play(&match, a: a, b: b)
    }

    /// Plays `match` from its current state until it ends (both policies see the
    /// same state each tick, then both moves are applied at once).
    @discardableResult
    public static func play(_ match: inout DuelMatch, a: Policy, b: Policy) -> DuelOutcome {
        let n = DuelRules.observationSize
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * n) { buffer in
            let obsA = buffer.baseAddress!, obsB = obsA + n
            while match.outcome == nil {
                match.writeObservation(player: 0, into: obsA)
                match.writeObservation(player: 1, into: obsB)
                let actionA = a(match, 0, obsA)
                let actionB = b(match, 1, obsB)
                match.step(actionA: actionA, actionB: actionB)
            }
            return match.outcome!
        }
    }

    /// A policy that runs `network` on the observation and takes the argmax of its
    /// three outputs (`DuelAction(outputs:)`). `scratch` must hold at least
    /// `network.scratchCount + DuelRules.actionCount` floats and stay valid while the
    /// policy is used; each concurrent policy needs its own.
    public static func networkPolicy(_ network: CompiledNetwork, scratch: UnsafeMutablePointer<Float>) -> Policy {
        precondition(network.inputCount == DuelRules.observationSize && network.outputCount == DuelRules.actionCount,
                     "a duel network needs \(DuelRules.observationSize) inputs and \(DuelRules.actionCount) outputs, got \(network.inputCount) and \(network.outputCount)")
        let outputs = scratch, work = scratch + DuelRules.actionCount
        return { _, _, observation in
            network.evaluate(inputs: observation, outputs: outputs, scratch: work)
            return DuelAction(outputs: outputs)
        }
    }
}
