@testable import Engine

/// Hand-built generations for the reproduction tests: genomes of species `tag` have
/// one gene, innovation `tag` (input −1−tag → output), so a child's species can be
/// read off its structure.
enum ReproductionFixture {
    typealias F = NEATFixture

    static func member(id: Int, tag: Int, weight: Double, fitness: Double) -> Genome {
        F.genome(id: id, inputs: 4, [F.conn(tag, -1 - tag, 0, weight)], fitness: fitness)
    }

    /// Builds species over consecutive genomes; `groups` holds each species' fitnesses.
    static func population(_ groups: [[Double]], created: Int = 0) -> ([Genome], [Species]) {
        var genomes = [Genome]()
        var species = [Species]()
        for (tag, fits) in groups.enumerated() {
            let start = genomes.count
            for (k, f) in fits.enumerated() {
                genomes.append(member(id: start + k, tag: tag, weight: Double(start + k) / 100 + 0.005, fitness: f))
            }
            species.append(Species(id: tag, representative: genomes[start], members: Array(start..<genomes.count), created: created))
        }
        return (genomes, species)
    }

    /// Stagnation then reproduction (as `Population` breeds) of `config`'s algorithm.
    static func reproduce(_ config: NEATConfig, _ genomes: [Genome], _ species: inout [Species], generation: Int = 0,
                          seed: UInt64 = 1) -> [Genome] {
        var state = ReproductionState(nextGenomeID: 1000)
        var tracker = InnovationTracker(nextInnovation: 10, nextNodeID: 1)
        var rng = Xoshiro256(seed: seed)
        tracker.startGeneration()
        return F.breed(config, genomes: genomes, species: &species, generation: generation, state: &state, tracker: &tracker, rng: &rng)
    }
}
