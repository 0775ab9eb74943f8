/// Changes connection genes' enabled flags, each gene with `config.enabledMutateRate`
/// (plus `enabledRateToTrueAdd` for a disabled gene, `enabledRateToFalseAdd` for an
/// enabled one, neat-python's biases).
public struct ToggleEnableMutation: MutationStrategy {
    /// What a mutation does to a flag.
    public enum Change: Sendable {
        /// It flips (the paper).
        case flip
        /// It gets a random value, so half the time it stays (neat-python's bool attribute).
        case redraw
    }

    public var change: Change

    public init(change: Change) { self.change = change }

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        var changed = false
        let rateOn = config.enabledMutateRate + config.enabledRateToFalseAdd
        let rateOff = config.enabledMutateRate + config.enabledRateToTrueAdd
        let redraws = change == .redraw
        genome.connections.withUnsafeMutableBufferPointer { cs in
            for i in 0..<cs.count {
                let on = cs[i].enabled
                let rate = on ? rateOn : rateOff
                guard rate > 0, rng.nextUnit() < rate else { continue }
                let value = redraws ? rng.nextUnit() < 0.5 : !on
                if value != on { cs[i].enabled = value; changed = true }
            }
        }
        return changed
    }
}
