/// The outcome of one evolutionary run on a reference task.
public struct RunResult: Sendable, Equatable, Codable {
    public var run: Int
    public var seed: UInt64
    public var solved: Bool
    /// Generations evaluated, counting the one that solved (neat-python's
    /// `population.generation + 1`); the limit for a failed run.
    public var generations: Int
    /// Genomes evaluated up to and including the first solver.
    public var evaluations: Int
    /// Hidden nodes and enabled connections of the solver (or of the best genome).
    public var hiddenNodes: Int
    public var connections: Int
    public var bestFitness: Double
    /// The mean number of species over the generations evaluated.
    public var meanSpecies: Double
    public var wallSeconds: Double
    /// The best fitness of every generation evaluated, in order.
    public var fitnessCurve: [Double] = []
    /// The fingerprint of the solver (or of the best genome): equal fingerprints, the same network.
    public var champion: String = ""

    public var generationsPerSecond: Double { wallSeconds > 0 ? Double(generations) / wallSeconds : 0 }
}
