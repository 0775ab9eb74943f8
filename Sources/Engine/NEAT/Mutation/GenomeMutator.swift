/// Applies the mutation strategies in the order and with the probabilities of the
/// configured semantics.
///
/// Paper (NEAT's reference implementation): one structural mutation at most — add
/// node with `nodeAddProb`, else add link with `connAddProb`; otherwise the weights
/// (with `weightMutationProbability`) and enable flags mutate.
/// neat-python: each structural mutation independently (or exactly one with
/// `singleStructuralMutation`), then every connection and node attribute.
public struct GenomeMutator: Sendable {
    public init() {}

    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) {
        switch config.semantics {
        case .paper:
            if rng.chance(config.nodeAddProb) {
                AddNodeMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
            } else if rng.chance(config.connAddProb) {
                AddConnectionMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
            } else {
                if rng.chance(config.weightMutationProbability) {
                    WeightMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
                }
                ToggleEnableMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
                NodeAttributeMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
            }
        case .neatPython:
            if config.singleStructuralMutation {
                let div = max(1, config.nodeAddProb + config.nodeDeleteProb + config.connAddProb + config.connDeleteProb)
                let r = rng.nextUnit()
                if r < config.nodeAddProb / div {
                    AddNodeMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
                } else if r < (config.nodeAddProb + config.nodeDeleteProb) / div {
                    DeleteNodeMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
                } else if r < (config.nodeAddProb + config.nodeDeleteProb + config.connAddProb) / div {
                    AddConnectionMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
                } else if r < (config.nodeAddProb + config.nodeDeleteProb + config.connAddProb + config.connDeleteProb) / div {
                    DeleteConnectionMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
                }
            } else {
                if rng.chance(config.nodeAddProb) { AddNodeMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng) }
                if rng.chance(config.nodeDeleteProb) { DeleteNodeMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng) }
                if rng.chance(config.connAddProb) { AddConnectionMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng) }
                if rng.chance(config.connDeleteProb) { DeleteConnectionMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng) }
            }
            if rng.chance(config.weightMutationProbability) {
                WeightMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
            }
            ToggleEnableMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
            NodeAttributeMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        }
    }
}
