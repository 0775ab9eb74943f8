import ArgumentParser
import Engine
import Foundation
import Synchronization

/// `dashboard train`: headless training runs with per-run and summary figures.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Run N independent evolutions of a task and report per-run and summary figures.",
        discussion: """
        Reference tasks: xor (paper defaults; solved when all four outputs are on the right side of 0.5) and \
        pole (double pole balancing with velocities; solved at 100,000 balanced steps). A run that has not \
        solved within --generations (default: xor 300, pole 1000) is a failure. Run r uses seed S + r.

        duel: the macro benchmark. Each run trains the duel population for --generations (default 50) through the \
        chosen inference mode and reports generations/s, tick time, inference time per generation, match latency \
        percentiles, peak RSS and the champion's win rate against the reference bot; the summary gives the mean \
        and a 95% confidence interval across runs.
        """
    )

    @Option(help: "Task.")
    var task: TaskOption = .xor

    @Option(help: "Number of independent runs.")
    var runs: Int = 1

    @Option(help: "Base seed; run r uses seed + r.")
    var seed: UInt64 = 1

    @Option(name: .customLong("neat-config"), help: "A neat-python INI config file to evolve with (its semantics and fitness_threshold).")
    var neatConfig: String?

    @Option(help: "Generations before an unsolved run counts as a failure (default per task).")
    var generations: Int?

    @Option(help: "Worker threads (default: cores − 1, or NEAT_THREADS).")
    var threads: Int?

    @Flag(help: "Print one JSON object as the last line of stdout.")
    var json = false

    @Option(help: "Save the last run's final population (for `dashboard export`).")
    var save: String?

    @Option(name: .customLong("target-species"),
            help: "Steer the compatibility threshold toward this many species after every generation (0: a fixed threshold; default: duel \(DuelTrainingOptions().targetSpecies), xor and pole 0). See docs/duel.md.")
    var targetSpecies: Int?

    @Option(name: .customLong("compatibility-threshold"),
            help: "The compatibility threshold δt, fixed or where the steering starts (default: 3.0, or the --neat-config file's).")
    var compatibilityThreshold: Double?

    @OptionGroup(title: "Duel (macro benchmark) options")
    var duel: DuelCommandOptions

    @OptionGroup(title: "Prometheus metrics (duel)")
    var metricsExport: MetricsExportOptions

    @OptionGroup(title: "Checkpoints and resume (docs/checkpoints.md)")
    var checkpoints: CheckpointOptions

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be at least 1 (got \(runs))") }
        if let g = generations, g <= 0 { throw ValidationError("--generations must be a positive number of generations (got \(g))") }
        if let t = threads, t <= 0 { throw ValidationError("--threads must be at least 1 (got \(t))") }
        if task != .duel, metricsExport.port != nil {
            throw ValidationError("--metrics-port applies to --task duel; \(task.rawValue) runs are not recorded per mode (watch them with `dashboard --task \(task.rawValue) --metrics-port PORT`)")
        }
        if let t = targetSpecies, t < 0 { throw ValidationError("--target-species must be 0 (a fixed threshold) or more (got \(t))") }
        if let x = compatibilityThreshold, !(x > 0 && x.isFinite) {
            throw ValidationError("--compatibility-threshold must be a positive number (got \(x))")
        }
    }

    /// `config` with the speciation flags applied (unchanged without them).
    func applySpeciation(to config: inout NEATConfig) throws {
        if let t = targetSpecies {
            guard t <= config.populationSize else {
                throw ValidationError("--target-species \(t) is more than the population (\(config.populationSize))")
            }
            config.targetSpecies = t
        }
        if let x = compatibilityThreshold { config.compatibilityThreshold = x }
    }

    func run() throws {
        if task == .duel { return try runDuel() }
        let (referenceTask, config) = try makeTaskAndConfig()
        let maxGenerations = generations ?? referenceTask.defaultMaxGenerations
        let threadCount = threads ?? WorkerPool.defaultThreadCount(environment: ProcessInfo.processInfo.environment)
        let runner = ReferenceTaskRunner(task: referenceTask, config: config, maxGenerations: maxGenerations)
        let total = runs
        let progressBar = ProgressBar(total: runs * maxGenerations, label: "\(referenceTask.name)")
        let drawing = progressBar.isEnabled
        let bar = Locked(RunProgress(bar: progressBar, runs: runs))
        let resume = try (0..<runs).map { r -> Checkpoint? in
            guard let c = try checkpoints.resumeCheckpoint(run: r, of: runs, task: referenceTask.name) else { return nil }
            try CheckpointOptions.refuseMismatch(c, task: referenceTask.name, seed: seed &+ UInt64(r), config: config)
            return c
        }
        let schedules = try (0..<runs).map { try checkpoints.schedule(run: $0, of: runs) }
        let wallStart = SystemClock().nanoseconds()
        let outcome = ReferenceRunScheduler(runner: runner).run(runs: runs, seed: seed, threads: threadCount, resume: resume,
                                                                checkpoints: schedules) { r, g in
            // After every generation, inside the timed loop: no lock when nothing is drawn.
            if drawing { bar.withLock { $0.update(run: r, generation: g, of: total) } }
        }
        for s in schedules { s?.drain() }
        let results = outcome.results
        let lastGenomes = outcome.lastPopulation
        bar.withLock { $0.bar.finish() }
        let wall = Double(SystemClock().nanoseconds() - wallStart) / 1e9
        try saveIfAsked(task: referenceTask.name, generation: results.last?.generations ?? 0, genomes: lastGenomes)
        report(results, task: referenceTask.name, config: config, threads: threadCount, concurrentRuns: outcome.concurrentRuns,
               maxGenerations: maxGenerations, wall: wall)
    }

    /// Writes the final population for `dashboard export` when `--save` was given.
    func saveIfAsked(task: String, generation: Int, genomes: [Genome]) throws {
        guard let path = save, !genomes.isEmpty else { return }
        try PopulationFile(task: task, generation: generation, genomes: genomes).write(to: path)
        FileHandle.standardError.write(Data("saved \(genomes.count) genomes to \(path)\n".utf8))
    }

    func makeTaskAndConfig() throws -> (any ReferenceTask, NEATConfig) {
        var config: NEATConfig
        let referenceTask: any ReferenceTask
        switch task {
        case .xor:
            if let path = neatConfig {
                config = try NEATConfig(contentsOfNeatPythonFile: path)
                referenceTask = XORTask(fitness: .neatPythonExample)
            } else {
                referenceTask = XORTask()
                config = .paper(for: referenceTask)
            }
        case .pole:
            if neatConfig != nil { throw ValidationError("--neat-config applies to the xor task only") }
            referenceTask = DoublePoleTask()
            config = .paper(for: referenceTask)
        case .duel:
            throw ValidationError("the duel task is run by runDuel()")
        }
        guard config.numInputs == referenceTask.inputs, config.numOutputs == referenceTask.outputs else {
            throw ValidationError("\(neatConfig ?? "config"): num_inputs = \(config.numInputs), num_outputs = \(config.numOutputs), but the \(referenceTask.name) task needs \(referenceTask.inputs) inputs and \(referenceTask.outputs) outputs")
        }
        try applySpeciation(to: &config)
        return (referenceTask, config)
    }

    func report(_ results: [RunResult], task: String, config: NEATConfig, threads: Int, concurrentRuns: Int, maxGenerations: Int,
                wall: Double) {
        let rows = results.map { r in
            [String(r.run), String(r.seed), r.solved ? "yes" : "NO", String(r.generations), String(r.evaluations),
             String(r.hiddenNodes), String(r.connections), Output.fixed(r.meanSpecies, 1), Output.fixed(r.bestFitness, 3),
             Output.fixed(r.generationsPerSecond, 1)]
        }
        let failures = results.filter { !$0.solved }.count
        let gens = results.map { Double($0.generations) }
        let totalGenerations = gens.reduce(0, +)
        let solved = results.filter(\.solved)
        let solvedGens = solved.map { Double($0.generations) }
        let runSeconds = results.reduce(0.0) { $0 + $1.wallSeconds }
        let summary: [String: Any] = [
            "task": task,
            "runs": results.count,
            "failures": failures,
            "threads": threads,
            "max_generations": maxGenerations,
            "mean_generations": Output.mean(gens),
            "median_generations": Output.median(gens),
            "mean_evaluations": Output.mean(results.map { Double($0.evaluations) }),
            "mean_hidden_nodes": Output.mean((solved.isEmpty ? results : solved).map { Double($0.hiddenNodes) }),
            "mean_connections": Output.mean((solved.isEmpty ? results : solved).map { Double($0.connections) }),
            "mean_generations_solved": Output.mean(solvedGens),
            "mean_species": Output.mean(results.map(\.meanSpecies)),
            "target_species": config.targetSpecies,
            "compatibility_threshold": config.compatibilityThreshold,
            "median_generations_solved": Output.median(solvedGens),
            "generations_per_second": wall > 0 ? totalGenerations / wall : 0,
            "generations_per_second_per_run": runSeconds > 0 ? totalGenerations / runSeconds : 0,
            "concurrent_runs": concurrentRuns,
            "wall_seconds": wall,
            "per_run": results.map { r -> [String: Any] in
                ["run": r.run, "seed": r.seed, "solved": r.solved, "generations": r.generations, "evaluations": r.evaluations,
                 "champion": r.champion, "fitness_curve": r.fitnessCurve]
            },
        ]
        if json {
            print(Output.jsonLine(summary))
            return
        }
        print(Output.table(header: ["run", "seed", "solved", "gens", "evals", "hidden", "conns", "species", "best", "gen/s"], rows: rows))
        print("")
        print("""
        \(task): \(results.count) runs, \(failures) failures; generations mean \(Output.fixed(Output.mean(gens), 1)), \
        median \(Output.fixed(Output.median(gens), 1)); evaluations mean \(Output.fixed(summary["mean_evaluations"] as! Double, 0)); \
        hidden nodes \(Output.fixed(summary["mean_hidden_nodes"] as! Double, 2)), connections \(Output.fixed(summary["mean_connections"] as! Double, 2)); \
        species \(Output.fixed(summary["mean_species"] as! Double, 1)) on average; \
        \(Output.fixed(summary["generations_per_second"] as! Double, 1)) generations/s over \(Output.fixed(wall, 2)) s on \(threads) threads\
        \(concurrentRuns > 1 ? " (\(concurrentRuns) runs at a time; one run: \(Output.fixed(summary["generations_per_second_per_run"] as! Double, 1)) generations/s)" : "")
        """)
    }
}

/// The progress bar over runs that may advance concurrently: the bar shows the sum
/// of every run's generations so far; `finish()` completes it.
struct RunProgress {
    let bar: ProgressBar
    var generations: [Int]

    init(bar: ProgressBar, runs: Int) {
        self.bar = bar
        generations = Array(repeating: 0, count: runs)
    }

    mutating func update(run r: Int, generation g: Int, of runs: Int) {
        generations[r] = g
        let done = generations.reduce(0, +)
        let active = generations.indices.filter { generations[$0] > 0 }.count
        bar.update(done, detail: "run \(min(runs, active))/\(runs) gen \(g)")
    }
}
