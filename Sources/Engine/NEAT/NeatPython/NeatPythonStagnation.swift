/// neat-python's `DefaultStagnation.update`: species in ascending species fitness,
/// each stagnant after `maxStagnation` generations without improvement, except that
/// the top `speciesElitism` species are never stagnant and stagnation stops once
/// only `speciesElitism` species would be left.
public struct NeatPythonStagnation: StagnationStrategy {
    public init() {}

    public func update(genomes: [Genome], species: inout [Species], generation: Int, config: NEATConfig) -> [Bool] {
        var alive = [Bool](repeating: true, count: species.count)
        species.recordFitness(of: genomes, by: config.speciesFitnessFunc, generation: generation)
        var nonStagnant = species.count
        for (idx, k) in Self.ascendingFitnessOrder(species.indices, species).enumerated() {
            var stagnant = false
            if nonStagnant > config.speciesElitism {
                stagnant = generation - species[k].lastImproved >= config.maxStagnation
            }
            if species.count - idx <= config.speciesElitism { stagnant = false }
            if stagnant { nonStagnant -= 1; alive[k] = false }
        }
        return alive
    }

    /// neat-python's stagnation order: species by id, then stably by ascending species
    /// fitness (ties keep id order; `species` is kept in id order).
    static func ascendingFitnessOrder(_ indices: some Sequence<Int>, _ species: [Species]) -> [Int] {
        indices.sorted {
            let a = species[$0].fitness ?? 0, b = species[$1].fitness ?? 0
            return a != b ? a < b : $0 < $1
        }
    }
}
