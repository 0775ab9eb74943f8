/// Removes one random hidden node and every connection touching it
/// (neat-python's `node_delete_prob`; outputs are never deleted).
public struct DeleteNodeMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        let hidden = genome.nodes.filter { $0.id >= genome.numOutputs }.map(\.id)
        guard !hidden.isEmpty else { return false }
        let victim = hidden[rng.nextInt(below: hidden.count)]
        genome.connections.removeAll { $0.from == victim || $0.to == victim }
        genome.nodes.removeAll { $0.id == victim }
        return true
    }
}
