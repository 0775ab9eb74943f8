/// Which mutations a child undergoes, in what order and with what probabilities:
/// each algorithm's schedule over the mutation strategies (NEAT/Mutation). Like
/// them it holds no settings: a child's mutations are a direct call with the config
/// passed along, which copies nothing.
public protocol MutationSchedule: Sendable {
    func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R)
}
