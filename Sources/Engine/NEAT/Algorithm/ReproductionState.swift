/// What reproduction keeps from one generation to the next.
public struct ReproductionState: Sendable, Equatable, Codable {
    /// The id the next new genome gets.
    public var nextGenomeID: Int
    /// The paper's population stagnation: the best fitness so far, and when it was reached.
    public var populationBest: Double = -.infinity
    public var populationLastImproved: Int = 0
    /// The genomes of the generation last made that are unchanged copies of a parent
    /// (the paper's species champions, neat-python's elites).
    public var copies: [EliteCopy] = []

    public init(nextGenomeID: Int) { self.nextGenomeID = nextGenomeID }
}
