/// Removes one random connection gene (neat-python's `conn_delete_prob`).
public struct DeleteConnectionMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        guard !genome.connections.isEmpty else { return false }
        genome.connections.remove(at: rng.nextInt(below: genome.connections.count))
        return true
    }
}
