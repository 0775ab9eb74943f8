/// Mutates node attributes the neat-python way: bias, response, activation and
/// aggregation, each per its own rates. With the paper's defaults (constant bias
/// and response, one activation) it changes nothing.
public struct NodeAttributeMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        let bias = config.bias, response = config.response
        let activationRate = config.activationMutateRate, aggregationRate = config.aggregationMutateRate
        genome.nodes.withUnsafeMutableBufferPointer { ns in
            for i in 0..<ns.count {
                var n = ns[i]
                n.bias = bias.mutate(n.bias, using: &rng)
                n.response = response.mutate(n.response, using: &rng)
                if activationRate > 0, rng.nextUnit() < activationRate, !config.activationOptions.isEmpty {
                    n.activation = config.activationOptions[rng.nextInt(below: config.activationOptions.count)]
                }
                if aggregationRate > 0, rng.nextUnit() < aggregationRate, !config.aggregationOptions.isEmpty {
                    n.aggregation = config.aggregationOptions[rng.nextInt(below: config.aggregationOptions.count)]
                }
                ns[i] = n
            }
        }
        return true
    }
}
