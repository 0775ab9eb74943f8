import Engine

/// One generation of XOR on neat-python's configuration, from a population 20
/// generations in: compile and evaluate all 150 genomes, then speciate and
/// reproduce (`Population.advance`). The whole of a reference-task generation on
/// one thread.
final class XORGenerationWorkload: Workload {
    let start = EvolvedXOR.population(generations: 20)
    let pool = WorkerPool.inline()
    let scratch = ScratchPool(workers: 1)

    func run() -> UInt64 {
        var population = start
        let results = ReferenceTaskRunner.evaluate(population.genomes, task: EvolvedXOR.task, pool: pool, scratch: scratch)
        let stats = population.advance(fitnesses: results.map(\.fitness))
        var sum = checksumSeed
        mix(&sum, stats.bestFitness.bitPattern)
        mix(&sum, UInt64(stats.speciesCount))
        for genome in population.genomes { mix(&sum, UInt64(genome.connections.count)) }
        return sum
    }
}
