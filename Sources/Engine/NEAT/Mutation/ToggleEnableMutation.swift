/// Flips connection genes on or off, each with `config.enabledMutateRate`
/// (neat-python's semantics: a mutated gene gets a random value, and the
/// `enabled_rate_to_*_add` rates bias it).
public struct ToggleEnableMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        var changed = false
        for i in genome.connections.indices {
            let on = genome.connections[i].enabled
            let rate = config.enabledMutateRate + (on ? config.enabledRateToFalseAdd : config.enabledRateToTrueAdd)
            guard rate > 0, rng.nextUnit() < rate else { continue }
            let value: Bool
            if config.semantics == .neatPython { value = rng.nextUnit() < 0.5 } else { value = !on }
            if value != on { genome.connections[i].enabled = value; changed = true }
        }
        return changed
    }
}
