/// One kind of mutation, applied in place (one strategy per file, as SharpNEAT does).
public protocol MutationStrategy: Sendable {
    /// Mutates `genome`; returns whether anything changed.
    @discardableResult
    func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool
}
