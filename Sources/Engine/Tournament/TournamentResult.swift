/// What one generation's tournament produced.
public struct TournamentResult: Sendable {
    /// Per genome: wins + ½ draws over all its matches.
    public var fitness: [Double]
    public var matches: Int
    public var wins: Int
    public var draws: Int
    /// Inference time summed over all tick batches, ns.
    public var inferenceNanos: UInt64
    public var ticks: Int
    public var wallNanos: UInt64
}
