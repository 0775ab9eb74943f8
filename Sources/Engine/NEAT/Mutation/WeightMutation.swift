/// Perturbs or replaces connection weights: each weight is perturbed with
/// `config.weight.mutateRate` (paper: 90%) or replaced with `replaceRate` (10%).
public struct WeightMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        guard !genome.connections.isEmpty else { return false }
        for i in genome.connections.indices {
            genome.connections[i].weight = config.weight.mutate(genome.connections[i].weight, using: &rng)
        }
        return true
    }
}
