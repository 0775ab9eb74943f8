import Engine

/// 16 crossovers between neighbouring genomes of an evolved XOR population, with
/// neat-python's gene inheritance and a fixed seed: the reproduction step's
/// per-child work.
final class CrossoverWorkload: Workload {
    let genomes = Array(EvolvedXOR.population(generations: 30).genomes.prefix(17))
    let crossover = Crossover<NeatPythonGeneInheritance>()

    func run() -> UInt64 {
        var rng = Xoshiro256(seed: 5)
        var sum = checksumSeed
        for i in 0..<(genomes.count - 1) {
            let child = crossover.cross(genomes[i], genomes[i + 1], childID: 1000 + i, config: EvolvedXOR.config, rng: &rng)
            mix(&sum, UInt64(child.connections.count))
            mix(&sum, UInt64(child.nodes.count))
            if let last = child.connections.last { mix(&sum, last.weight.bitPattern) }
        }
        return sum
    }
}
