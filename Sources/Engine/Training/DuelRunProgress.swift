/// What a duel run keeps besides its population: the options it trains with, the
/// hall of fame, and the per-generation curves reported at the end. Saved in its
/// checkpoints; a resumed run continues the curves where they stopped.
public struct DuelRunProgress: Sendable, Equatable, Codable {
    /// The options in effect (a resume with different ones is refused).
    public var options: DuelTrainingOptions
    /// Past champions, oldest first.
    public var hallOfFame: [Genome]
    public var winRateCurve: [Double] = []
    public var fitnessCurve: [Double] = []
    public var speciesCurve: [Int] = []
    /// The last champion's fingerprint.
    public var champion: String = ""
    /// Inference requests, vectors, errors and retries counted so far.
    public var requests: UInt64 = 0
    public var vectors: UInt64 = 0
    public var errors: UInt64 = 0
    public var retries: UInt64 = 0

    public init(options: DuelTrainingOptions, hallOfFame: [Genome] = []) {
        self.options = options
        self.hallOfFame = hallOfFame
    }
}
