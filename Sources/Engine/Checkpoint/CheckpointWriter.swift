import Dispatch
import Foundation

/// Encodes and writes checkpoints on a thread of its own, in order, so that the
/// training thread only hands over a value (copy-on-write: no genes are copied) and
/// goes on with the next generation; it never waits for the disk.
///
/// The thread (`checkpoint-writer` in /proc) runs under SCHED_IDLE (nice 19 where the
/// kernel refuses that): it takes the moments the evaluation threads leave a core idle
/// (reproduction and speciation run on one thread) instead of a share of their time, and
/// encodes every checkpoint into the same buffer. When it falls behind (a busy machine, a
/// slow disk), a checkpoint still waiting is superseded by the newer one handed over: the
/// newest state is the one written, training is not slowed, and no more than one state
/// waits in memory. docs/checkpoints.md has the figures.
///
/// A checkpoint handed over but not yet written when the process is killed is lost,
/// like the generations after it: the newest complete file stays the one to resume.
/// `drain()` waits until everything handed over is written (call it before exiting).
public final class CheckpointWriter: Sendable {
    private let jobs: JobQueue

    public init(directory: CheckpointDirectory, written: @escaping @Sendable (Checkpoint) -> Void = { _ in },
                failed: @escaping @Sendable (Checkpoint, CheckpointError) -> Void) {
        let jobs = JobQueue()
        self.jobs = jobs
        // The thread holds the queue, not the writer: the writer's deinit can stop it.
        let thread = Thread {
            CurrentThread.setName("checkpoint-writer")
            CurrentThread.setIdlePriority()
            Self.run(jobs, directory: directory, written: written, failed: failed)
        }
        thread.start()
    }

    deinit { jobs.push(.stop) }

    /// Queues `checkpoint` for writing, in place of one still waiting (never started).
    public func submit(_ checkpoint: Checkpoint) {
        jobs.push(.write(checkpoint))
    }

    /// Checkpoints superseded by a newer one before the thread got to them.
    public var superseded: Int { jobs.superseded }

    /// Waits until every submitted checkpoint is written (or has failed).
    public func drain() {
        let done = DispatchSemaphore(value: 0)
        jobs.push(.barrier(done))
        done.wait()
    }

    /// Removes every checkpoint of the directory, after the ones queued are written.
    public func removeAll() {
        let done = DispatchSemaphore(value: 0)
        jobs.push(.removeAll(done))
        done.wait()
    }

    private static func run(_ jobs: JobQueue, directory: CheckpointDirectory,
                            written: @Sendable (Checkpoint) -> Void, failed: @Sendable (Checkpoint, CheckpointError) -> Void) {
        var encoder = CheckpointJSONWriter()
        while true {
            switch jobs.pop() {
            case .write(let checkpoint):
                do throws(CheckpointError) {
                    try directory.write(checkpoint, encodingWith: &encoder)
                    written(checkpoint)
                } catch {
                    failed(checkpoint, error)
                }
            case .barrier(let done):
                done.signal()
            case .removeAll(let done):
                directory.removeAll()
                done.signal()
            case .stop:
                return
            }
        }
    }
}

extension CheckpointWriter {
    enum Job: Sendable {
        case write(Checkpoint)
        case barrier(DispatchSemaphore)
        case removeAll(DispatchSemaphore)
        case stop
    }

    /// A first-in first-out queue the writer thread sleeps on while it is empty. A
    /// write pushed right behind a write still waiting takes its place.
    final class JobQueue: Sendable {
        private let items = Locked<(jobs: [Job], superseded: Int)>(([], 0))
        private let available = DispatchSemaphore(value: 0)

        var superseded: Int { items.withLock { $0.superseded } }

        func push(_ job: Job) {
            let replaced = items.withLock { state -> Bool in
                if case .write = job, let last = state.jobs.last, case .write = last {
                    state.jobs[state.jobs.count - 1] = job
                    state.superseded += 1
                    return true
                }
                state.jobs.append(job)
                return false
            }
            if !replaced { available.signal() }
        }

        func pop() -> Job {
            available.wait()
            return items.withLock { $0.jobs.removeFirst() }
        }
    }
}
