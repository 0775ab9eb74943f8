/// The paper's speciation: each genome, in population order, joins the first species
/// whose representative is within δt, or founds a new one.
/// A species is represented by its best genome of the previous generation, as NEAT's
/// reference implementation does.
public struct PaperSpeciation: SpeciationStrategy {
    public let distance = PaperDistance()

    public init() {}

    /// Each species' best genome of the evaluated generation represents it (ties: the first).
    public func updateRepresentatives(species: inout [Species], evaluated genomes: [Genome]) {
        for k in species.indices {
            let best = species[k].members.max { (genomes[$0].fitness ?? 0, -$0) < (genomes[$1].fitness ?? 0, -$1) }!
            species[k].representative = genomes[best]
        }
    }

    public func speciate(_ genomes: [Genome], species: inout [Species], nextSpeciesID: Int, generation: Int, threshold: Double,
                         config: NEATConfig, workspace: inout SpeciationWorkspace) -> Int {
        var nextID = nextSpeciesID
        for s in species.indices { species[s].members.removeAll(keepingCapacity: true) }
        for (i, g) in genomes.enumerated() {
            var placed = false
            for k in species.indices where distance.distance(species[k].representative, g, config: config) < threshold {
                species[k].members.append(i)
                placed = true
                break
            }
            if !placed {
                species.append(Species(id: nextID, representative: g, members: [i], created: generation))
                nextID += 1
            }
        }
        species.removeAll { $0.members.isEmpty }
        return nextID
    }
}
