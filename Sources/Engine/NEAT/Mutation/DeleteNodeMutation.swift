/// Removes one random hidden node and every connection touching it
/// (neat-python's `node_delete_prob`; outputs are never deleted).
public struct DeleteNodeMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        // Hidden nodes (ids ≥ numOutputs) are a suffix of `nodes`, which is sorted by id.
        var firstHidden = 0
        while firstHidden < genome.nodes.count && genome.nodes[firstHidden].id < genome.numOutputs { firstHidden += 1 }
        let hiddenCount = genome.nodes.count - firstHidden
        guard hiddenCount > 0 else { return false }
        let victim = genome.nodes[firstHidden + rng.nextInt(below: hiddenCount)].id
        genome.connections.removeAll { $0.from == victim || $0.to == victim }
        genome.nodes.removeAll { $0.id == victim }
        return true
    }
}
