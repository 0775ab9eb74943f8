import Testing
@testable import Engine

@Suite struct ReferenceTaskRunnerTests {
    /// A short XOR run with the paper's defaults must solve (seed fixed: the run is deterministic).
    @Test func shortXORRunSolves() {
        let task = XORTask()
        let runner = ReferenceTaskRunner(task: task, config: .paper(inputs: 3, outputs: 1), maxGenerations: 300)
        let pool = WorkerPool(threads: 1)
        let r = runner.run(index: 0, seed: 100, pool: pool)
        #expect(r.solved)
        #expect(r.generations < 300)
        #expect(r.evaluations > 0 && r.evaluations <= r.generations * 150)
        // The solver really solves XOR: every output on the right side of 0.5.
        #expect(r.hiddenNodes >= 1)  // XOR is not linearly separable
    }

    /// Same seed and config give the same result on 1 and 2 threads.
    @Test func identicalAcrossThreadCounts() {
        let runner = ReferenceTaskRunner(task: XORTask(), config: .paper(for: XORTask()), maxGenerations: 40)
        let one = runner.run(index: 0, seed: 7, pool: WorkerPool(threads: 1))
        let two = runner.run(index: 0, seed: 7, pool: WorkerPool(threads: 2))
        let three = runner.run(index: 0, seed: 7, pool: WorkerPool(threads: 3))
        #expect(one.generations == two.generations && two.generations == three.generations)
        #expect(one.bestFitness == two.bestFitness && two.bestFitness == three.bestFitness)
        #expect(one.evaluations == two.evaluations)
        #expect(one.connections == three.connections && one.hiddenNodes == three.hiddenNodes)
    }

    /// With a neat-python fitness threshold, the run stops when the criterion reaches it.
    @Test func thresholdDecidesWhenSolved() {
        var config = NEATConfig.paper(inputs: 2, outputs: 1)
        config.fitnessThreshold = 2.5
        let runner = ReferenceTaskRunner(task: XORTask(fitness: .neatPythonExample), config: config, maxGenerations: 100)
        let r = runner.run(index: 0, seed: 3, pool: WorkerPool(threads: 1))
        #expect(r.solved)
        #expect(r.bestFitness >= 2.5)
    }

    @Test func xorFitnessValues() {
        // A network that outputs 0.5 everywhere: |error| 0.5 × 4 → paper (4 − 2)² = 4, neat-python 4 − 4·0.25 = 3.
        let g = Genome(id: 0, numInputs: 3, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .identity, bias: 0.5)], connections: [])
        let net = CompiledNetwork(g)
        // As `ReferenceTask` asks: at least `scratchFloats(for:)` floats.
        var scratch = [Float](repeating: 0, count: XORTask().scratchFloats(for: net))
        let paper = scratch.withUnsafeMutableBufferPointer { XORTask().evaluate(net, scratch: $0.baseAddress!) }
        #expect(paper.fitness == 4)
        #expect(!paper.solved)
        let g2 = Genome(id: 0, numInputs: 2, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .identity, bias: 0.5)], connections: [])
        let net2 = CompiledNetwork(g2)
        scratch = [Float](repeating: 0, count: XORTask(fitness: .neatPythonExample).scratchFloats(for: net2))
        let np = scratch.withUnsafeMutableBufferPointer { XORTask(fitness: .neatPythonExample).evaluate(net2, scratch: $0.baseAddress!) }
        #expect(np.fitness == 3)
    }
}

@Suite struct ReferenceTaskRunnerCopiesTests {
    /// Reusing the results of unchanged copies (elites) gives exactly what evaluating
    /// every genome gives, generation after generation, on 1 and 2 threads.
    @Test(arguments: [1, 2])
    func reusedResultsEqualFreshEvaluation(threads: Int) {
        var config = NEATConfig.paper(inputs: 2, outputs: 1)
        config.semantics = .neatPython
        config.elitism = 2
        config.singleStructuralMutation = true
        let task = XORTask(fitness: .neatPythonExample)
        var population = Population(config: config, seed: 5)
        let pool = WorkerPool(threads: threads)
        let scratch = ScratchPool(workers: pool.threadCount)
        var previous = [TaskResult]()
        var reusedSome = false
        for _ in 0..<25 {
            let fresh = ReferenceTaskRunner.evaluate(population.genomes, task: task, pool: pool, scratch: scratch)
            let reused = ReferenceTaskRunner.evaluate(population.genomes, task: task, pool: pool, scratch: scratch,
                                                      copies: population.copiesOfLastEvaluated,
                                                      previous: population.lastEvaluated, previousResults: previous)
            #expect(reused == fresh)
            for c in population.copiesOfLastEvaluated {
                #expect(population.genomes[c.index].nodes == population.lastEvaluated[c.source].nodes)
                #expect(population.genomes[c.index].connections == population.lastEvaluated[c.source].connections)
                if ReferenceTaskRunner.sameStorage(population.genomes[c.index], population.lastEvaluated[c.source]) { reusedSome = true }
            }
            previous = fresh
            population.advance(fitnesses: fresh.map(\.fitness))
        }
        #expect(reusedSome)
    }

    @Test func sameStorageOnlyForSharedArrays() {
        let g = NEATFixture.genome([NEATFixture.conn(0, -1, 0, 0.5)])
        var copy = g
        #expect(ReferenceTaskRunner.sameStorage(g, copy))
        copy.connections[0].weight = 0.5  // same value, but written: its own storage now
        #expect(!ReferenceTaskRunner.sameStorage(g, copy))
        let rebuilt = NEATFixture.genome([NEATFixture.conn(0, -1, 0, 0.5)])
        #expect(!ReferenceTaskRunner.sameStorage(g, rebuilt))
    }
}
