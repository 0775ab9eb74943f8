/// How a generation is divided into species: genomes within the compatibility
/// threshold of a species' representative belong to it. A strategy holds no
/// settings: each call gets the config (so that the generation loop never copies one).
public protocol SpeciationStrategy: Sendable {
    /// Called once a generation is evaluated, before it breeds, with that generation
    /// and its species: where the algorithm picks the representatives the next
    /// generation is compared with from this one (the paper), it does so here.
    func updateRepresentatives(species: inout [Species], evaluated genomes: [Genome])

    /// Re-speciates `genomes` with compatibility threshold `threshold` (δt), updating
    /// `species` in place (species left empty are removed) and returning the next
    /// species id to use. `workspace` is storage kept from one generation to the next
    /// (see `SpeciationWorkspace`).
    func speciate(_ genomes: [Genome], species: inout [Species], nextSpeciesID: Int, generation: Int, threshold: Double,
                  config: NEATConfig, workspace: inout SpeciationWorkspace) -> Int
}

extension SpeciationStrategy {
    /// `speciate(_:species:nextSpeciesID:generation:threshold:config:workspace:)` with
    /// the config's δt and a fresh workspace.
    public func speciate(_ genomes: [Genome], species: inout [Species], nextSpeciesID: Int, generation: Int, config: NEATConfig) -> Int {
        var workspace = SpeciationWorkspace()
        return speciate(genomes, species: &species, nextSpeciesID: nextSpeciesID, generation: generation,
                        threshold: config.compatibilityThreshold, config: config, workspace: &workspace)
    }
}
