import Engine

/// neat-python's compatibility distance as speciation computes it: lay out the
/// genes of an evolved XOR population (150 genomes, 30 generations in) in a
/// `GenomeDistanceTable`, then the distance of every unordered pair (11,175).
final class CompatibilityDistanceWorkload: Workload {
    let genomes = EvolvedXOR.population(generations: 30).genomes
    let distance = NeatPythonDistance()
    var table = GenomeDistanceTable()

    func run() -> UInt64 {
        table.reset()
        table.append(contentsOf: genomes)
        let config = EvolvedXOR.config
        return table.withView { view in
            var sum = checksumSeed
            for a in 0..<view.count {
                for b in (a + 1)..<view.count { mix(&sum, distance.distance(view, a, b, config: config).bitPattern) }
            }
            return sum
        }
    }
}
