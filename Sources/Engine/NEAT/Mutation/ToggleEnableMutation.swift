/// Flips connection genes on or off, each with `config.enabledMutateRate`
/// (neat-python's semantics: a mutated gene gets a random value, and the
/// `enabled_rate_to_*_add` rates bias it).
public struct ToggleEnableMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        var changed = false
        let rateOn = config.enabledMutateRate + config.enabledRateToFalseAdd
        let rateOff = config.enabledMutateRate + config.enabledRateToTrueAdd
        let neatPython = config.semantics == .neatPython
        genome.connections.withUnsafeMutableBufferPointer { cs in
            for i in 0..<cs.count {
                let on = cs[i].enabled
                let rate = on ? rateOn : rateOff
                guard rate > 0, rng.nextUnit() < rate else { continue }
                let value: Bool
                if neatPython { value = rng.nextUnit() < 0.5 } else { value = !on }
                if value != on { cs[i].enabled = value; changed = true }
            }
        }
        return changed
    }
}
