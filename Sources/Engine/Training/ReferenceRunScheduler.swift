/// Runs N independent evolutions of a reference task on `threads` threads.
///
/// With one thread, or one run, runs go one after another and each generation's
/// evaluations are spread over the threads. With more threads and several runs,
/// whole runs are spread over the threads instead (each run evaluates on the thread
/// that runs it): a generation of XOR is a few hundred microseconds, too little
/// to share, while independent runs share nothing. Either way run `i` uses seed
/// `seed + i` and gives the same result, so the outcome never depends on `threads`.
public struct ReferenceRunScheduler: Sendable {
    public let runner: ReferenceTaskRunner

    public init(runner: ReferenceTaskRunner) { self.runner = runner }

    public struct Outcome: Sendable {
        /// One result per run, in run order.
        public var results: [RunResult]
        /// The last run's last evaluated generation (with fitness).
        public var lastPopulation: [Genome]
        /// How many runs went at once (1: one after another).
        public var concurrentRuns: Int
    }

    /// `progress(run, generation)` is called after every generation, from the thread
    /// running that run (several at once when runs are concurrent). Run `r` continues
    /// from `resume[r]` when there is one, and hands its checkpoints to `checkpoints[r]`.
    public func run(runs: Int, seed: UInt64, threads: Int, resume: [Checkpoint?] = [],
                    checkpoints: [CheckpointSchedule?] = [],
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) -> Outcome {
        precondition(runs > 0 && threads > 0, "runs and threads must be positive")
        let runner = self.runner
        if threads == 1 || runs == 1 {
            // One thread: the runner evaluates on this thread, so the pool needs none of its own.
            let pool = threads == 1 ? WorkerPool.inline() : WorkerPool(threads: threads)
            var results = [RunResult]()
            var last = [Genome]()
            for r in 0..<runs {
                results.append(runner.run(index: r, seed: seed &+ UInt64(r), pool: pool, resume: r < resume.count ? resume[r] : nil,
                                          checkpoints: r < checkpoints.count ? checkpoints[r] : nil, progress: { progress(r, $0) }, finished: { if r == runs - 1 { last = $0 } }))
            }
            return Outcome(results: results, lastPopulation: last, concurrentRuns: 1)
        }
        let width = min(threads, runs)
        let outer = WorkerPool(threads: width, name: "neat-run")
        // Each run evaluates on the run thread that plays it (an inline pool: no thread of its own).
        let inner = (0..<width).map { _ in WorkerPool.inline() }
        let last = ResultSlots<[Genome]>(count: 1)
        let results = outer.map(count: runs) { r, w in
            runner.run(index: r, seed: seed &+ UInt64(r), pool: inner[w], resume: r < resume.count ? resume[r] : nil,
                       checkpoints: r < checkpoints.count ? checkpoints[r] : nil, progress: { progress(r, $0) },
                       finished: { if r == runs - 1 { last.set(0, $0) } })
        }
        return Outcome(results: results, lastPopulation: last.take()[0], concurrentRuns: width)
    }
}
