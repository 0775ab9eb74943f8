/// How far apart two genomes are, the measure speciation compares with the
/// compatibility threshold δt.
public protocol CompatibilityDistance: Sendable {
    func distance(_ a: Genome, _ b: Genome, config: NEATConfig) -> Double
}
