/// The paper's mutations, on NEAT's reference implementation's schedule: at most
/// one structural mutation per child, add node (`nodeAddProb`) else add link
/// (`connAddProb`); a child with neither gets its weights mutated (with
/// `weightMutationProbability`) and its enable flags and node attributes (both off
/// with the paper's defaults).
public struct PaperMutationSchedule: MutationSchedule {
    let addNode = PaperAddNodeMutation()
    /// Up to 20 random pairs, any node a source, until a new link is found.
    let addConnection = AddConnectionMutation(attempts: 20, outputsAreSources: true, reenablesExisting: false)
    let toggleEnable = ToggleEnableMutation(change: .flip)
    let nodeAttributes = NodeAttributeMutation()

    public init() {}

    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) {
        if rng.chance(config.nodeAddProb) {
            addNode.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        } else if rng.chance(config.connAddProb) {
            addConnection.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        } else {
            if rng.chance(config.weightMutationProbability) {
                mutateWeights(&genome, config: config, tracker: &tracker, rng: &rng)
            }
            toggleEnable.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
            nodeAttributes.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        }
    }

    /// Mutates the weights on `config.weightSchedule`: NEAT's reference schedule, or
    /// each weight on its own rates.
    func mutateWeights<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) {
        switch config.weightSchedule {
        case .reference: ReferenceWeightMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        case .perGene: WeightMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        }
    }
}
