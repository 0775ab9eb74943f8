/// The paper's stagnation (NEAT's reference implementation): every species that has
/// not improved for `maxStagnation` generations stops reproducing, even the one
/// holding the best genome (the reference implementation cuts their fitness a
/// hundredfold). When every species is stagnant they all reproduce
/// (`PaperReproduction`); population stagnation rescues the best two (delta coding).
public struct PaperStagnation: StagnationStrategy {
    public init() {}

    public func update(genomes: [Genome], species: inout [Species], generation: Int, config: NEATConfig) -> [Bool] {
        species.recordFitness(of: genomes, by: config.speciesFitnessFunc, generation: generation)
        return species.map { generation - $0.lastImproved < config.maxStagnation }
    }
}
