/// Perturbs or replaces connection weights, each weight on its own draw
/// (neat-python's `mutate_value`): perturbed with `config.weight.mutateRate`,
/// replaced by a fresh initial value with `replaceRate`, else kept.
public struct WeightMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        guard !genome.connections.isEmpty else { return false }
        let weight = config.weight
        genome.connections.withUnsafeMutableBufferPointer { cs in
            for i in 0..<cs.count { cs[i].weight = weight.mutate(cs[i].weight, using: &rng) }
        }
        return true
    }
}
