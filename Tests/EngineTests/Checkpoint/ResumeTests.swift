import Foundation
import Logging
import Testing
@testable import Engine

/// A run resumed from any of its checkpoints ends exactly as the uninterrupted run:
/// the same champion, fitness curve and counts, on 1 and 2 threads.
@Suite struct ResumeTests {
    /// Runs `runner` with a checkpoint every generation into a fresh directory.
    static func runWithCheckpoints(_ runner: ReferenceTaskRunner, seed: UInt64, threads: Int) -> (RunResult, CheckpointDirectory) {
        let dir = CheckpointDirectory(path: CheckpointDirectoryTests.temporaryDirectory(), keep: 1000)
        let schedule = CheckpointSchedule(every: 1) { try! dir.write($0) }
        return (runner.run(index: 0, seed: seed, pool: WorkerPool(threads: threads), checkpoints: schedule), dir)
    }

    static func withoutTiming(_ r: RunResult) -> RunResult { var x = r; x.wallSeconds = 0; return x }

    @Test(arguments: [("xor", 1), ("xor", 2), ("pole", 1), ("pole", 2)])
    func referenceRunResumesExactly(task: String, threads: Int) throws {
        let t: any ReferenceTask = task == "xor" ? XORTask() : DoublePoleTask()
        let runner = ReferenceTaskRunner(task: t, config: .paper(for: t), maxGenerations: task == "xor" ? 60 : 12)
        let plain = runner.run(index: 0, seed: 5, pool: WorkerPool(threads: threads))
        let (checkpointed, dir) = Self.runWithCheckpoints(runner, seed: 5, threads: threads)
        #expect(Self.withoutTiming(plain) == Self.withoutTiming(checkpointed))
        #expect(plain.fitnessCurve.count == plain.generations && !plain.champion.isEmpty)
        let files = dir.files()
        #expect(files.count >= min(plain.generations, 5))
        for f in files {
            let c = try Checkpoint.read(path: f.path, task: task)
            let resumed = runner.run(index: 0, seed: 5, pool: WorkerPool(threads: 3 - threads), resume: c)
            #expect(Self.withoutTiming(resumed) == Self.withoutTiming(plain), "resumed from \(f.path)")
        }
    }

    @Test(arguments: [1, 2])
    func duelRunResumesExactly(threads: Int) throws {
        var options = TournamentRunnerTests.options()
        options.hallOfFame = 1
        options.hallOfFameSize = 2
        options.referenceMatches = 1
        func trainer(_ resume: Checkpoint?) -> DuelTrainer {
            DuelTrainer(options: options, pool: WorkerPool(threads: threads), selector: BackendSelector(CPUBackend()),
                        metrics: MetricsRecorder(workers: threads, mode: .cpu, task: "duel"), logger: Logger(label: "test"), resume: resume)
        }
        let plain = trainer(nil)
        var saved = [Checkpoint]()
        var progress = DuelRunProgress(options: options)
        var plainCurve = [Double](), plainChampion = ""
        for _ in 0..<6 {
            let r = try plain.runGeneration()
            plainCurve.append(r.stats.bestFitness)
            plainChampion = r.stats.champion.fingerprint
            progress.fitnessCurve.append(r.stats.bestFitness)
            progress.winRateCurve.append(r.championWinRate)
            progress.speciesCurve.append(r.stats.speciesCount)
            let c = plain.checkpoint(run: 0, progress: progress, savedAt: 0)
            saved.append(try Checkpoint.decode(try c.encoded(), path: "duel.json", task: "duel"))
        }
        for c in saved.dropLast() {
            let resumed = trainer(c)
            var curve = c.duel!.fitnessCurve, champion = ""
            while resumed.generation < 6 {
                let r = try resumed.runGeneration()
                curve.append(r.stats.bestFitness)
                champion = r.stats.champion.fingerprint
            }
            #expect(curve == plainCurve, "resumed at generation \(c.generation)")
            #expect(champion == plainChampion)
            #expect(resumed.population.state == plain.population.state)
            #expect(resumed.hallOfFame == plain.hallOfFame)
        }
    }
}
