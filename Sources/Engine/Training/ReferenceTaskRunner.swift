/// Evolves networks for a reference task until solved or out of generations.
///
/// Evaluation runs on the worker pool; everything random comes from the seed, so
/// a run gives the same result on any number of threads.
public struct ReferenceTaskRunner: Sendable {
    public let task: any ReferenceTask
    public let config: NEATConfig
    public let maxGenerations: Int
    public let clock: any NanoClock

    public init(task: any ReferenceTask, config: NEATConfig, maxGenerations: Int, clock: any NanoClock = SystemClock()) {
        self.task = task
        self.config = config
        self.maxGenerations = maxGenerations
        self.clock = clock
    }

    /// Compiles and evaluates `genomes` on the pool; results in genome order.
    /// Each worker recompiles into its own network storage (no allocation per
    /// genome); with one thread the caller's thread does the work (no hand-off).
    /// Generic over the task, so that its scratch size and evaluation are direct calls.
    public static func evaluate<T: ReferenceTask>(_ genomes: [Genome], task: T, pool: WorkerPool, scratch: ScratchPool) -> [TaskResult] {
        evaluate(genomes, task: task, pool: pool, scratch: scratch, known: nil)
    }

    /// `evaluate`, taking `known[i]` (when `known` is given and it is not nil) as
    /// genome i's result instead of evaluating it.
    private static func evaluate<T: ReferenceTask>(_ genomes: [Genome], task: T, pool: WorkerPool, scratch: ScratchPool,
                                                   known: [TaskResult?]?) -> [TaskResult] {
        if pool.threadCount == 1 {
            return genomes.indices.map { i in
                known?[i] ?? scratch.withNetwork(worker: 0, compiling: genomes[i].unsafeView, for: task) { net, s in
                    task.evaluate(net, scratch: s)
                }
            }
        }
        return pool.map(count: genomes.count) { i, w in
            known?[i] ?? scratch.withNetwork(worker: w, compiling: genomes[i].unsafeView, for: task) { net, s in task.evaluate(net, scratch: s) }
        }
    }

    /// `evaluate`, except that genomes which are unchanged copies of a genome of
    /// `previous` (per `copies`, and sharing its gene storage) get that genome's
    /// result from `previousResults` instead of being evaluated again. Only for tasks
    /// whose result depends on the network alone; the results are the same.
    static func evaluate<T: ReferenceTask>(_ genomes: [Genome], task: T, pool: WorkerPool, scratch: ScratchPool,
                                           copies: [EliteCopy], previous: [Genome], previousResults: [TaskResult]) -> [TaskResult] {
        guard task.resultDependsOnNetworkOnly, !copies.isEmpty, previousResults.count == previous.count else {
            return evaluate(genomes, task: task, pool: pool, scratch: scratch)
        }
        var known = [TaskResult?](repeating: nil, count: genomes.count)
        for c in copies where c.index < genomes.count && c.source < previous.count
            && Self.sameStorage(genomes[c.index], previous[c.source]) {
            known[c.index] = previousResults[c.source]
        }
        return evaluate(genomes, task: task, pool: pool, scratch: scratch, known: known)
    }

    /// Whether `a` and `b` hold the very same gene arrays (copies of one genome that
    /// nothing has changed since), so the same network.
    static func sameStorage(_ a: Genome, _ b: Genome) -> Bool {
        guard a.numInputs == b.numInputs, a.numOutputs == b.numOutputs,
              a.nodes.count == b.nodes.count, a.connections.count == b.connections.count else { return false }
        let nodes = a.nodes.withUnsafeBufferPointer { x in b.nodes.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
        let connections = a.connections.withUnsafeBufferPointer { x in
            b.connections.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress }
        }
        return nodes && connections
    }

    /// Runs one evolution. `progress(generation)` is called after each generation.
    /// `finished` receives the last evaluated generation (with fitness).
    ///
    /// With `resume` (a checkpoint of this run) the run continues where it was saved and
    /// returns what the uninterrupted run would have (timings aside); with `checkpoints`
    /// it hands out a checkpoint after every `every` generations and when it ends.
    public func run(index: Int, seed: UInt64, pool: WorkerPool, resume: Checkpoint? = nil, checkpoints: CheckpointSchedule? = nil,
                    progress: (Int) -> Void = { _ in }, finished: ([Genome]) -> Void = { _ in }) -> RunResult {
        run(task: task, index: index, seed: seed, pool: pool, resume: resume, checkpoints: checkpoints, progress: progress, finished: finished)
    }

    /// `run` with the task's concrete type (the existential opened once per run).
    private func run<T: ReferenceTask>(task: T, index: Int, seed: UInt64, pool: WorkerPool, resume: Checkpoint?,
                                       checkpoints: CheckpointSchedule?, progress: (Int) -> Void, finished: ([Genome]) -> Void) -> RunResult {
        let start = clock.nanoseconds()
        if let done = resume?.reference?.result {
            // The run had finished (solved) when it was saved: nothing is left to evaluate.
            progress(done.generations)
            finished(resume!.population.genomes)
            return done
        }
        var population = resume.map { Population(restoring: $0.population) } ?? Population(config: config, seed: seed)
        var saved = resume?.reference ?? ReferenceRunProgress()
        let scratch = ScratchPool(workers: pool.threadCount)
        // The last evaluated generation's results (`population.lastEvaluated`'s).
        var previousResults = [TaskResult]()
        func checkpoint(_ state: PopulationState) {
            checkpoints?.write(Checkpoint(task: task.name, run: index, seed: seed, population: state,
                                          savedAt: Double(clock.nanoseconds()) / 1e9, reference: saved))
        }
        for g in population.generation..<maxGenerations {
            saved.speciesTotal += population.species.count
            // `population.genomes` is read in place (no local copy): a copy alive during
            // `advance` would make setting the fitnesses copy the whole generation.
            let results = Self.evaluate(population.genomes, task: task, pool: pool, scratch: scratch,
                                        copies: population.copiesOfLastEvaluated, previous: population.lastEvaluated,
                                        previousResults: previousResults)
            let fitnesses = results.map(\.fitness)
            if let s = solver(results: results, fitnesses: fitnesses) {
                saved.evaluations += (config.fitnessThreshold == nil ? s + 1 : population.genomes.count)
                saved.fitnessCurve.append(fitnesses.max() ?? 0)
                let solver = population.genomes[s]
                progress(g + 1)
                var state = population.state
                for i in state.genomes.indices { state.genomes[i].fitness = fitnesses[i] }
                finished(state.genomes)
                var result = RunResult(run: index, seed: seed, solved: true, generations: g + 1, evaluations: saved.evaluations,
                                       hiddenNodes: solver.hiddenCount, connections: solver.enabledConnectionCount,
                                       bestFitness: fitnesses[s], meanSpecies: Double(saved.speciesTotal) / Double(g + 1),
                                       wallSeconds: Double(clock.nanoseconds() - start) / 1e9)
                result.fitnessCurve = saved.fitnessCurve
                result.champion = solver.fingerprint
                saved.result = result
                checkpoint(state.withoutLastEvaluated)
                return result
            }
            saved.evaluations += population.genomes.count
            previousResults = results
            let stats = population.advance(fitnesses: fitnesses)
            saved.fitnessCurve.append(stats.bestFitness)
            progress(g + 1)
            if let checkpoints, checkpoints.isDue(after: g + 1) || g + 1 == maxGenerations {
                // The last one keeps `lastEvaluated` (the final population `--save` writes).
                checkpoint(g + 1 == maxGenerations ? population.state : population.state.withoutLastEvaluated)
            }
        }
        let best = population.bestEver
        finished(population.lastEvaluated)
        let generations = max(maxGenerations, population.generation)
        var result = RunResult(run: index, seed: seed, solved: false, generations: generations, evaluations: saved.evaluations,
                               hiddenNodes: best?.hiddenCount ?? 0, connections: best?.enabledConnectionCount ?? 0,
                               bestFitness: best?.fitness ?? 0, meanSpecies: Double(saved.speciesTotal) / Double(max(1, generations)),
                               wallSeconds: Double(clock.nanoseconds() - start) / 1e9)
        result.fitnessCurve = saved.fitnessCurve
        result.champion = best?.fingerprint ?? ""
        return result
    }

    /// The index of the genome that solved the task this generation, or nil: by the
    /// task's criterion, or by neat-python's fitness criterion and threshold.
    private func solver(results: [TaskResult], fitnesses: [Double]) -> Int? {
        guard let threshold = config.fitnessThreshold, !config.noFitnessTermination else { return results.firstIndex { $0.solved } }
        let value: Double
        switch config.fitnessCriterion {
        case .max: value = fitnesses.max() ?? 0
        case .min: value = fitnesses.min() ?? 0
        case .mean: value = fitnesses.reduce(0, +) / Double(max(1, fitnesses.count))
        }
        return value >= threshold ? fitnesses.indices.max { fitnesses[$0] < fitnesses[$1] } : nil
    }
}

/// Per-worker scratch buffers that grow when a bigger network appears, and
/// per-worker network storage that genomes are recompiled into. Each worker index
/// touches only its own buffer, network and workspace, hence `@unchecked Sendable`.
public final class ScratchPool: @unchecked Sendable {
    private var buffers: [UnsafeMutablePointer<Float>]
    private var sizes: [Int]
    private let networks: UnsafeMutablePointer<CompiledNetwork>
    private let workspaces: UnsafeMutablePointer<CompiledNetwork.Workspace>
    private let workers: Int

    public init(workers: Int, initial: Int = 4096) {
        self.workers = workers
        buffers = (0..<workers).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: initial) }
        sizes = Array(repeating: initial, count: workers)
        networks = .allocate(capacity: workers)
        networks.initialize(repeating: CompiledNetwork(empty: ()), count: workers)
        workspaces = .allocate(capacity: workers)
        workspaces.initialize(repeating: CompiledNetwork.Workspace(), count: workers)
    }

    deinit {
        for b in buffers { b.deallocate() }
        networks.deinitialize(count: workers); networks.deallocate()
        workspaces.deinitialize(count: workers); workspaces.deallocate()
    }

    public func buffer(worker w: Int, count: Int) -> UnsafeMutablePointer<Float> {
        if count > sizes[w] {
            buffers[w].deallocate()
            sizes[w] = count * 2
            buffers[w] = .allocate(capacity: sizes[w])
        }
        return buffers[w]
    }

    /// Compiles the genome that `genome` views into worker `w`'s network storage and calls
    /// `body` with the network and a scratch buffer of at least `task.scratchFloats(for:)` floats.
    @inline(__always)
    func withNetwork<T, Task: ReferenceTask>(worker w: Int, compiling genome: GenomeView, for task: Task,
                                                    _ body: (borrowing CompiledNetwork, UnsafeMutablePointer<Float>) -> T) -> T {
        // Moved out and back in, so `body` borrows a local (no copy, no retains).
        var net = (networks + w).move()
        net.recompile(genome, workspace: &workspaces[w])
        let s = buffer(worker: w, count: task.scratchFloats(for: net))
        let result = body(net, s)
        (networks + w).initialize(to: consume net)
        return result
    }
}
