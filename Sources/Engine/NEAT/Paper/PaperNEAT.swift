/// NEAT as Stanley & Miikkulainen (2002) describe it, with NEAT's reference
/// implementation's choices where the paper is silent (README, "NEAT as implemented").
///
/// Speciation: first compatible species, represented by its best genome of the
/// previous generation, distance δ = c1·E/N + c2·D/N + c3·W̄. Stagnation: a species
/// that has not improved for `maxStagnation` generations stops reproducing.
/// Reproduction: explicit fitness sharing, champions copied, 25% mutation-only
/// offspring, delta coding when the whole population stagnates. New genomes start
/// with the configured mean bias and response (constant in the paper).
public struct PaperNEAT: NEATAlgorithm {
    public let nodeAttributes = GenomeFactory.NodeAttributes.mean
    public let speciation = PaperSpeciation()
    public let stagnation = PaperStagnation()
    public let reproduction = PaperReproduction()

    public init() {}
}
