/// neat-python 2.0's algorithm, rule for rule, so that a neat-python config
/// (`--neat-config`) evolves as it does in neat-python (docs/neat-python.md).
///
/// Speciation: new representatives closest to the old ones, then each genome to
/// the closest compatible species, with neat-python's node-and-connection distance.
/// Stagnation: `DefaultStagnation`, the best `speciesElitism` species protected.
/// Reproduction: `DefaultReproduction` (normalised adjusted fitness,
/// `compute_spawn`, elitism, survival threshold, every child a crossover). New
/// genomes draw each node's bias and response from their initial distributions.
public struct NeatPythonNEAT: NEATAlgorithm {
    public let nodeAttributes = GenomeFactory.NodeAttributes.drawn
    public let speciation = NeatPythonSpeciation()
    public let stagnation = NeatPythonStagnation()
    public let reproduction = NeatPythonReproduction()

    public init() {}
}
