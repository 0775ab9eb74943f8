/// Which species may reproduce: a species that has not improved for
/// `maxStagnation` generations is stagnant.
public protocol StagnationStrategy: Sendable {
    /// Records this generation's species fitness (and when each species last
    /// improved) and returns, per species, whether it may reproduce.
    func update(genomes: [Genome], species: inout [Species], generation: Int, config: NEATConfig) -> [Bool]
}

extension Array where Element == Species {
    /// Sets each species' fitness, `function` over its members' fitness, and where that
    /// beats the species' best so far, its best and the generation it improved.
    mutating func recordFitness(of genomes: [Genome], by function: NEATConfig.SpeciesFitness, generation: Int) {
        for k in indices {
            let f = function.apply(self[k].members.map { genomes[$0].fitness ?? 0 })
            self[k].fitness = f
            if f > self[k].bestFitness {
                self[k].bestFitness = f
                self[k].lastImproved = generation
            }
        }
    }
}

extension NEATConfig.SpeciesFitness {
    /// The species fitness of members with fitness `f` (0 for no members).
    func apply(_ f: [Double]) -> Double {
        guard !f.isEmpty else { return 0 }
        switch self {
        case .max: return f.max()!
        case .min: return f.min()!
        case .mean: return f.reduce(0, +) / Double(f.count)
        case .median:
            let s = f.sorted(); let n = s.count
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        }
    }
}
