import Testing
import Synchronization
@testable import Engine

@Suite struct ReferenceRunSchedulerTests {
    /// Runs spread over threads give exactly the results of runs one after another.
    @Test func sameResultsForAnyThreadCount() {
        let runner = ReferenceTaskRunner(task: XORTask(), config: .paper(for: XORTask()), maxGenerations: 15)
        let scheduler = ReferenceRunScheduler(runner: runner)
        func strip(_ r: [RunResult]) -> [RunResult] { r.map { var x = $0; x.wallSeconds = 0; return x } }
        let one = scheduler.run(runs: 5, seed: 40, threads: 1)
        #expect(one.concurrentRuns == 1)
        #expect(one.results.map(\.run) == [0, 1, 2, 3, 4])
        #expect(one.results.map(\.seed) == [40, 41, 42, 43, 44])
        for threads in [2, 3] {
            let many = scheduler.run(runs: 5, seed: 40, threads: threads)
            #expect(many.concurrentRuns == threads)
            #expect(strip(many.results) == strip(one.results))
            #expect(many.lastPopulation.map(\.id) == one.lastPopulation.map(\.id))
            #expect(many.lastPopulation.map(\.fitness) == one.lastPopulation.map(\.fitness))
        }
        // One run on several threads: the generation's evaluations are shared instead.
        #expect(scheduler.run(runs: 1, seed: 40, threads: 2).concurrentRuns == 1)
    }

    /// Progress reaches every run, generation by generation.
    @Test func progressCoversEveryRun() {
        let runner = ReferenceTaskRunner(task: XORTask(), config: .paper(for: XORTask()), maxGenerations: 5)
        let seen = Locked([[Int]](repeating: [], count: 4))
        let outcome = ReferenceRunScheduler(runner: runner).run(runs: 4, seed: 9, threads: 2) { r, g in
            seen.withLock { $0[r].append(g) }
        }
        let gens = seen.withLock { $0 }
        for r in 0..<4 { #expect(gens[r] == Array(1...outcome.results[r].generations)) }
    }
}
