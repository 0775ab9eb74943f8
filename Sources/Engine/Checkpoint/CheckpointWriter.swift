import Foundation

/// Encodes and writes checkpoints on a thread of its own, in order, so that the
/// training thread only hands over a value (copy-on-write: no genes are copied) and
/// goes on with the next generation; it never waits for the disk.
///
/// The thread (`checkpoint-writer` in /proc) runs under SCHED_IDLE (nice 19 where the
/// kernel refuses that): it runs only when a core would otherwise be idle (reproduction
/// and speciation run on one thread, the evaluation threads wait for the slowest match)
/// instead of taking a share of the evaluation threads' time, and encodes every
/// checkpoint into the same buffer. When it falls behind (a busy machine, a slow disk),
/// a checkpoint still waiting is superseded by the newer one handed over: the newest
/// state is the one written, training is not slowed, and no more than one state waits
/// in memory. docs/checkpoints.md has the figures.
///
/// A thread that waits for the writer (`drain()`, `removeAll()`) does the remaining
/// work itself, at its own priority: under SCHED_IDLE on cores other processes keep busy
/// the writer thread gets almost no time, and a waiter would wait seconds for it. The
/// writer thread gives up the checkpoint it is encoding when a waiter arrives (it checks
/// between genomes); the waiter writes it, or the newer one waiting, instead.
///
/// Under SCHED_IDLE the writer thread can starve for as long as other processes keep
/// every core busy. So that a checkpoint is never more than `maxLag` behind (10 s by
/// default), a handover that finds the oldest unwritten checkpoint older than that
/// writes on the training thread, like a waiter: on a starved machine that costs the
/// training one write per `maxLag`, and a crash loses at most about `maxLag` of work.
///
/// A checkpoint handed over but not yet written when the process is killed is lost,
/// like the generations after it: the newest complete file stays the one to resume.
/// `drain()` waits until everything handed over is written (call it before exiting).
public final class CheckpointWriter: Sendable {
    private let jobs: JobQueue
    private let directory: CheckpointDirectory
    private let written: @Sendable (Checkpoint) -> Void
    private let failed: @Sendable (Checkpoint, CheckpointError) -> Void
    /// How long a handed-over checkpoint may stay unwritten before a handover writes it itself.
    private let maxLag: Duration

    public convenience init(directory: CheckpointDirectory, maxLag: Duration = .seconds(10),
                            written: @escaping @Sendable (Checkpoint) -> Void = { _ in },
                            failed: @escaping @Sendable (Checkpoint, CheckpointError) -> Void) {
        self.init(directory: directory, maxLag: maxLag, written: written, failed: failed, willEncode: nil)
    }

    /// `willEncode` runs on the writer thread before it encodes a checkpoint (for tests that
    /// hold the thread there).
    init(directory: CheckpointDirectory, maxLag: Duration = .seconds(10), written: @escaping @Sendable (Checkpoint) -> Void = { _ in },
         failed: @escaping @Sendable (Checkpoint, CheckpointError) -> Void, willEncode: (@Sendable (Checkpoint) -> Void)?) {
        let jobs = JobQueue()
        self.jobs = jobs
        self.maxLag = maxLag
        self.directory = directory
        self.written = written
        self.failed = failed
        // The thread holds the queue, not the writer: the writer's deinit can stop it.
        let thread = Thread {
            CurrentThread.setName("checkpoint-writer")
            CurrentThread.setIdlePriority()
            var encoder = CheckpointJSONWriter()
            while let checkpoint = jobs.nextForWriter() {
                willEncode?(checkpoint)
                let done = Self.write(checkpoint, to: directory, encoder: &encoder, written: written, failed: failed,
                                      unless: { jobs.hasWaiters })
                jobs.writerFinished(giveBack: done ? nil : checkpoint)
            }
        }
        thread.start()
    }

    deinit { jobs.stop() }

    /// Queues `checkpoint` for writing, in place of one still waiting (never started);
    /// writes on this thread when the oldest unwritten checkpoint is older than `maxLag`.
    public func submit(_ checkpoint: Checkpoint) {
        jobs.push(checkpoint)
        if jobs.unwritten(longerThan: maxLag) { drain() }
    }

    /// Checkpoints superseded by a newer one before they were written.
    public var superseded: Int { jobs.superseded }

    /// Whether a thread waits in `drain()` (for tests).
    var hasWaiters: Bool { jobs.hasWaiters }

    /// Waits until every submitted checkpoint is written (or has failed), writing those
    /// still waiting on the calling thread.
    public func drain() {
        var encoder = CheckpointJSONWriter(capacity: 1 << 20)
        jobs.help { checkpoint in
            _ = Self.write(checkpoint, to: directory, encoder: &encoder, written: written, failed: failed, unless: { false })
        }
    }

    /// Removes every checkpoint of the directory, after the ones queued are written.
    public func removeAll() {
        drain()
        directory.removeAll()
    }

    /// Writes `checkpoint`, reporting the outcome; false if it gave up because `abandon` said so.
    private static func write(_ checkpoint: Checkpoint, to directory: CheckpointDirectory, encoder: inout CheckpointJSONWriter,
                              written: @Sendable (Checkpoint) -> Void, failed: @Sendable (Checkpoint, CheckpointError) -> Void,
                              unless abandon: () -> Bool) -> Bool {
        do throws(CheckpointError) {
            guard try directory.write(checkpoint, encodingWith: &encoder, unless: abandon) != nil else { return false }
            written(checkpoint)
        } catch {
            failed(checkpoint, error)
        }
        return true
    }
}

extension CheckpointWriter {
    /// The checkpoints waiting to be written, and who is writing one: the writer thread
    /// sleeps on it while it is empty; a write pushed right behind a write still waiting
    /// takes its place. While a waiter (`help`) is there, the writer thread takes no new
    /// checkpoint and gives back the one it holds.
    final class JobQueue: @unchecked Sendable {
        // @unchecked: every stored property but `condition` is read and written only
        // between `condition.lock()` and `condition.unlock()` (an NSCondition: a pthread
        // mutex and condition variable, which ThreadSanitizer sees).
        private let condition = NSCondition()
        private var waiting: [Checkpoint] = []
        private var writing = false
        private var waiters = 0
        private var stopped = false
        private var supersededCount = 0
        /// When the oldest checkpoint not yet written was handed over (nil: all written).
        private var unwrittenSince: ContinuousClock.Instant?

        var superseded: Int { locked { supersededCount } }

        /// Whether a thread waits in `help` (the writer thread should give its checkpoint back).
        var hasWaiters: Bool { locked { waiters > 0 } }

        /// Whether a checkpoint handed over has waited unwritten for longer than `lag`.
        func unwritten(longerThan lag: Duration) -> Bool {
            locked { unwrittenSince.map { $0.duration(to: .now) > lag } ?? false }
        }

        /// A write finished (or failed): what still waits was handed over after it started.
        private func progressed() {
            unwrittenSince = waiting.isEmpty ? nil : .now
        }

        func push(_ checkpoint: Checkpoint) {
            locked {
                if unwrittenSince == nil { unwrittenSince = .now }
                if waiting.isEmpty { waiting.append(checkpoint) } else {
                    waiting[waiting.count - 1] = checkpoint
                    supersededCount += 1
                }
                condition.broadcast()
            }
        }

        func stop() {
            locked {
                stopped = true
                condition.broadcast()
            }
        }

        /// The writer thread's next checkpoint, once there is one and no waiter; nil once
        /// stopped with nothing left.
        func nextForWriter() -> Checkpoint? {
            locked {
                while waiting.isEmpty || waiters > 0 {
                    if stopped && waiting.isEmpty { return nil }
                    condition.wait()
                }
                writing = true
                return waiting.removeFirst()
            }
        }

        /// The writer thread is done with its checkpoint; `giveBack` is one it gave up,
        /// to be written by the waiter unless a newer one waits.
        func writerFinished(giveBack: Checkpoint?) {
            locked {
                if let giveBack {
                    if waiting.isEmpty { waiting.append(giveBack) } else { supersededCount += 1 }
                } else {
                    progressed()
                }
                writing = false
                condition.broadcast()
            }
        }

        /// Writes with `perform`, on the calling thread, every checkpoint waiting (and the
        /// one the writer thread gives back), and returns when nothing waits and the writer
        /// thread writes nothing.
        func help(_ perform: (Checkpoint) -> Void) {
            locked {
                waiters += 1
                condition.broadcast()
            }
            while let next = takeForWaiter() {
                perform(next)
                locked {
                    progressed()
                    writing = false
                    condition.broadcast()
                }
            }
        }

        /// The next checkpoint for a waiter once no one else writes; nil (and the waiter
        /// gone) when nothing is left.
        private func takeForWaiter() -> Checkpoint? {
            locked {
                while writing { condition.wait() }
                guard !waiting.isEmpty else {
                    waiters -= 1
                    condition.broadcast()
                    return nil
                }
                writing = true
                return waiting.removeFirst()
            }
        }

        private func locked<R>(_ body: () -> R) -> R {
            condition.lock()
            defer { condition.unlock() }
            return body()
        }
    }
}
