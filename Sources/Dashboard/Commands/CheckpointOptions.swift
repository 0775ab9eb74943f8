import ArgumentParser
import Engine
import Foundation

/// `--checkpoint-dir`, `--checkpoint-every`, `--checkpoint-keep` and `--resume`, shared
/// by `dashboard` (the monitor) and `dashboard train`. See docs/checkpoints.md.
struct CheckpointOptions: ParsableArguments {
    @Option(name: .customLong("checkpoint-dir"),
            help: "Write checkpoints (checkpoint-GENERATION.json) into this directory; with --runs > 1, one subdirectory run-R per run.")
    var directory: String?

    @Option(name: .customLong("checkpoint-every"), help: "Write a checkpoint after every N generations (with --checkpoint-dir).")
    var every: Int = 1

    @Option(name: .customLong("checkpoint-keep"), help: "Keep the newest K checkpoints (older ones are deleted).")
    var keep: Int = 3

    @Option(name: .customLong("resume"),
            help: "Continue from a checkpoint file, or a directory's newest valid checkpoint (with --runs > 1: the --checkpoint-dir of the earlier invocation, one run-R subdirectory per run).")
    var resume: String?

    func validate() throws {
        guard every >= 1 else { throw ValidationError("--checkpoint-every must be at least 1 generation (got \(every))") }
        guard keep >= 1 else { throw ValidationError("--checkpoint-keep must keep at least 1 checkpoint (got \(keep))") }
        if let d = directory, d.isEmpty { throw ValidationError("--checkpoint-dir expects a directory, received an empty string") }
    }

    /// Where run `run` of `runs` writes its checkpoints: the directory itself for a single
    /// run, `run-R` inside it for several.
    static func path(_ base: String, run: Int, of runs: Int) -> String { runs == 1 ? base : base + "/run-\(run)" }

    /// The checkpoint run `run` of `runs` continues from (nil: it starts from the beginning),
    /// read and checked for `task`. A directory's invalid newer checkpoints are skipped with a warning.
    func resumeCheckpoint(run: Int, of runs: Int, task: String) throws -> Checkpoint? {
        guard let resume else { return nil }
        let warn: (CheckpointError) -> Void = { FileHandle.standardError.write(Data("warning: skipping \($0.description)\n".utf8)) }
        do {
            if runs == 1 { return try CheckpointDirectory.resolve(resume, task: task, skipped: warn) }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resume, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CheckpointError("\(resume): with --runs \(runs), --resume expects the directory holding run-0 … run-\(runs - 1)")
            }
            let dir = Self.path(resume, run: run, of: runs)
            guard FileManager.default.fileExists(atPath: dir) else { return nil }
            return try CheckpointDirectory.resolve(dir, task: task, skipped: warn)
        } catch let error as CheckpointError {
            throw CLIError("--resume: \(error.description)")
        }
    }

    /// Refuses `checkpoint` when the flags would evolve differently from the run it saved.
    static func refuseMismatch(_ checkpoint: Checkpoint, task: String, seed: UInt64, config: NEATConfig,
                               duel: DuelTrainingOptions? = nil) throws {
        if let why = checkpoint.mismatch(task: task, seed: seed, config: config, duel: duel) {
            throw CLIError("--resume: cannot continue generation \(checkpoint.generation) of run \(checkpoint.run) with these flags: \(why). Give the same task, seed, population and config as the run that wrote it (threads, mode, batch and display flags may differ).")
        }
    }

    /// The checkpoint schedule of run `run` of `runs`, or nil without --checkpoint-dir.
    /// A failed write is reported through `failed` (default: stderr) and the run goes on
    /// (its next checkpoint may succeed); `written` hears of every checkpoint written.
    func schedule(run: Int, of runs: Int,
                  failed: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data("warning: \($0)\n".utf8)) },
                  written: @escaping @Sendable (Checkpoint) -> Void = { _ in }) throws -> CheckpointSchedule? {
        guard let base = directory else { return nil }
        var dir = CheckpointDirectory(path: Self.path(base, run: run, of: runs), keep: keep)
        do { try dir.create() } catch { throw CLIError(error.description) }
        dir.beforeRename = Self.testStall()
        // Encoding and writing happen on the writer's thread, between and during generations.
        let writer = CheckpointWriter(directory: dir, written: written) { checkpoint, error in
            failed("checkpoint of generation \(checkpoint.generation) not written: \(error)")
        }
        return CheckpointSchedule(every: every, write: { writer.submit($0) }, discardAll: { writer.removeAll() },
                                  drain: { writer.drain() })
    }

    /// DASHBOARD_TEST_STALL_BEFORE_RENAME=SECONDS makes every checkpoint write wait between the
    /// flushed temporary file and the rename: the crash-safety test kills the process there.
    static func testStall() -> (@Sendable (String) -> Void)? {
        guard let text = ProcessInfo.processInfo.environment["DASHBOARD_TEST_STALL_BEFORE_RENAME"], let seconds = Double(text), seconds > 0 else {
            return nil
        }
        return { path in
            FileHandle.standardError.write(Data("stalling before rename of \(path)\n".utf8))
            Thread.sleep(forTimeInterval: seconds)
        }
    }
}
