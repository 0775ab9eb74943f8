/// What one generation's tournament produced.
public struct TournamentResult: Sendable {
    /// Per genome: wins + ½ draws over all its matches, plus the reference
    /// survival term and the survival tie-break when `TournamentScoring` has them.
    public var fitness: [Double]
    /// Per genome: wins + ½ draws over all its matches (no tie-break).
    public var scores: [Double]
    public var matches: Int
    public var wins: Int
    public var draws: Int
    /// Inference time summed over all tick batches, ns.
    public var inferenceNanos: UInt64
    public var ticks: Int
    public var wallNanos: UInt64
}
