import Engine
import Wire

/// One model the server can evaluate: a genome compiled once, on upload.
///
/// Immutable and shared by every request that names it.
public final class ServedModel: Sendable {
    public let id: String
    public let genome: Genome
    public let network: CompiledNetwork
    /// Whether it arrived with a population upload (replaced by the next one).
    public let fromPopulation: Bool
    /// Its Open Inference Protocol version: "1", or the version of the repository file it was loaded from.
    public let version: String
    /// Its v2 inferences, for the statistics extension.
    public let statistics = ModelStatistics()

    public var inputCount: Int { network.inputCount }
    public var outputCount: Int { network.outputCount }

    /// Validates `genome` (so a cyclic or dangling genome is a 400, not a crash) and compiles it.
    public init(id: String, genome: Genome, fromPopulation: Bool = false, version: String = "1") throws(ServingError) {
        guard !id.isEmpty else { throw .badRequest("model id must not be empty") }
        if let problem = genome.validate() {
            throw .badRequest("model '\(id)' is not a valid feed-forward network: \(problem)")
        }
        guard genome.numInputs > 0, genome.numOutputs > 0 else {
            throw .badRequest("model '\(id)' needs at least one input and one output (has \(genome.numInputs) and \(genome.numOutputs))")
        }
        self.id = id
        self.genome = genome
        self.network = CompiledNetwork(genome)
        self.fromPopulation = fromPopulation
        self.version = version
    }
}
