/// What a reference-task run (xor, pole) has counted so far besides its population:
/// saved in its checkpoints so that a resumed run reports what the uninterrupted one would.
public struct ReferenceRunProgress: Sendable, Equatable, Codable {
    /// Genomes evaluated so far (the solver's count rule applied once solved).
    public var evaluations: Int
    /// Species summed over the generations evaluated (for the mean).
    public var speciesTotal: Int
    /// Best fitness of every generation evaluated, in order.
    public var fitnessCurve: [Double]
    /// The run's result once it has finished (solved): resuming it only reports it.
    public var result: RunResult?

    public init(evaluations: Int = 0, speciesTotal: Int = 0, fitnessCurve: [Double] = [], result: RunResult? = nil) {
        self.evaluations = evaluations
        self.speciesTotal = speciesTotal
        self.fitnessCurve = fitnessCurve
        self.result = result
    }
}
