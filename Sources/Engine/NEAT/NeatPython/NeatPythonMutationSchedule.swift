/// neat-python's mutations (`DefaultGenome.mutate`): each structural mutation on its
/// own probability (add node, delete node, add connection, delete connection), or
/// exactly one of them with `singleStructuralMutation`; then every connection's
/// weight and enabled flag and every node's attributes, each on its own rates.
public struct NeatPythonMutationSchedule: MutationSchedule {
    let addNode = NeatPythonAddNodeMutation()
    let deleteNode = DeleteNodeMutation()
    let deleteConnection = DeleteConnectionMutation()
    let weights = WeightMutation()
    /// A mutated enabled flag gets a random value.
    let toggleEnable = ToggleEnableMutation(change: .redraw)
    let nodeAttributes = NodeAttributeMutation()

    public init() {}

    /// neat-python's add-connection: one random pair, never from an output; an existing
    /// disabled link is re-enabled with `structural_mutation_surer`.
    static func addConnection(_ config: NEATConfig) -> AddConnectionMutation {
        AddConnectionMutation(attempts: 1, outputsAreSources: false, reenablesExisting: config.structuralMutationSurer)
    }

    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) {
        if config.singleStructuralMutation {
            mutateOneStructure(&genome, config: config, tracker: &tracker, rng: &rng)
        } else {
            if rng.chance(config.nodeAddProb) { addNode.mutate(&genome, config: config, tracker: &tracker, rng: &rng) }
            if rng.chance(config.nodeDeleteProb) { deleteNode.mutate(&genome, config: config, tracker: &tracker, rng: &rng) }
            if rng.chance(config.connAddProb) { Self.addConnection(config).mutate(&genome, config: config, tracker: &tracker, rng: &rng) }
            if rng.chance(config.connDeleteProb) { deleteConnection.mutate(&genome, config: config, tracker: &tracker, rng: &rng) }
        }
        if rng.chance(config.weightMutationProbability) {
            weights.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        }
        toggleEnable.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        nodeAttributes.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
    }

    /// `single_structural_mutation`: one draw picks at most one structural mutation,
    /// in proportion to the four probabilities (scaled down when they sum above 1).
    private func mutateOneStructure<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker,
                                                              rng: inout R) {
        let div = max(1, config.nodeAddProb + config.nodeDeleteProb + config.connAddProb + config.connDeleteProb)
        let r = rng.nextUnit()
        if r < config.nodeAddProb / div {
            addNode.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        } else if r < (config.nodeAddProb + config.nodeDeleteProb) / div {
            deleteNode.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        } else if r < (config.nodeAddProb + config.nodeDeleteProb + config.connAddProb) / div {
            Self.addConnection(config).mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        } else if r < (config.nodeAddProb + config.nodeDeleteProb + config.connAddProb + config.connDeleteProb) / div {
            deleteConnection.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        }
    }
}
