/// A species: genomes within the compatibility threshold of its representative.
public struct Species: Sendable, Equatable, Codable {
    public let id: Int
    public var representative: Genome
    /// Indices into the population's `genomes`.
    public var members: [Int]
    public let created: Int
    /// The last generation its fitness improved.
    public var lastImproved: Int
    /// Best species fitness seen so far (stagnation is measured against it).
    public var bestFitness: Double
    /// This generation's species fitness (per `speciesFitnessFunc`).
    public var fitness: Double?
    /// Explicit fitness sharing: Σ fᵢ / |species| (paper) or neat-python's normalised mean.
    public var adjustedFitness: Double

    public init(id: Int, representative: Genome, members: [Int], created: Int) {
        self.id = id
        self.representative = representative
        self.members = members
        self.created = created
        self.lastImproved = created
        self.bestFitness = -.infinity
        self.fitness = nil
        self.adjustedFitness = 0
    }
}
