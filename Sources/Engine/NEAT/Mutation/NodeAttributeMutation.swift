/// Mutates node attributes the neat-python way: bias, response, activation and
/// aggregation, each per its own rates. With the paper's defaults (constant bias
/// and response, one activation) it changes nothing.
public struct NodeAttributeMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        for i in genome.nodes.indices {
            var n = genome.nodes[i]
            n.bias = config.bias.mutate(n.bias, using: &rng)
            n.response = config.response.mutate(n.response, using: &rng)
            if config.activationMutateRate > 0, rng.nextUnit() < config.activationMutateRate, !config.activationOptions.isEmpty {
                n.activation = config.activationOptions[rng.nextInt(below: config.activationOptions.count)]
            }
            if config.aggregationMutateRate > 0, rng.nextUnit() < config.aggregationMutateRate, !config.aggregationOptions.isEmpty {
                n.aggregation = config.aggregationOptions[rng.nextInt(below: config.aggregationOptions.count)]
            }
            genome.nodes[i] = n
        }
        return true
    }
}
