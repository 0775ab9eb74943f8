import Engine

/// neat-python's XOR example configuration (configs/neat-python-xor.ini) and a
/// population evolved on it, shared by the NEAT workloads.
enum EvolvedXOR {
    /// configs/neat-python-xor.ini of this checkout, read through the engine's reader.
    static let config: NEATConfig = {
        // #filePath is Sources/BenchWorkloads/EvolvedXOR.swift of this checkout.
        let root = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        let path = root + "/configs/neat-python-xor.ini"
        do {
            return try NEATConfig(contentsOfNeatPythonFile: path)
        } catch {
            fatalError("cannot read neat-python's XOR config at \(path): \(error)")
        }
    }()

    static let task = XORTask(fitness: .neatPythonExample)

    /// The population after `generations` generations from seed 1: genomes with hidden
    /// nodes, disabled and disjoint genes, as a run has them.
    static func population(generations: Int) -> Population {
        var population = Population(config: config, seed: 1)
        let pool = WorkerPool.inline()
        let scratch = ScratchPool(workers: 1)
        for _ in 0..<generations {
            let results = ReferenceTaskRunner.evaluate(population.genomes, task: task, pool: pool, scratch: scratch)
            _ = population.advance(fitnesses: results.map(\.fitness))
        }
        return population
    }
}
