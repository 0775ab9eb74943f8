/// neat-python's add-node mutation: splits a connection chosen uniformly among all
/// genes (enabled or not). The gene is disabled, in → new node gets weight 1, new
/// node → out the old weight; every split gets a node and innovations of its own
/// (neat-python's global node indexer); the new node's bias is 0 (neat-python 2.0,
/// so the split starts neutral) and its response is drawn. A genome without genes
/// gets a connection instead with `structural_mutation_surer`.
public struct NeatPythonAddNodeMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        guard !genome.connections.isEmpty else {
            if config.structuralMutationSurer {
                return NeatPythonMutationSchedule.addConnection(config).mutate(&genome, config: config, tracker: &tracker, rng: &rng)
            }
            return false
        }
        let index = rng.nextInt(below: genome.connections.count)
        let split = tracker.freshSplit()
        let node = NodeGene(id: split.nodeID, activation: config.activationDefault, aggregation: config.aggregationDefault,
                            bias: 0, response: config.response.initValue(using: &rng))
        genome.split(connectionAt: index, by: split, node: node)
        return true
    }
}
