import Dispatch

/// Encodes and writes checkpoints on a thread of its own, in order, so that the
/// training thread only hands over a value (copy-on-write: no genes are copied) and
/// goes on with the next generation. At most `depth` checkpoints wait: a writer that
/// falls behind slows training down rather than piling up states in memory.
///
/// A checkpoint handed over but not yet written when the process is killed is lost,
/// like the generations after it: the newest complete file stays the one to resume.
/// `drain()` waits until everything handed over is written (call it before exiting).
public final class CheckpointWriter: Sendable {
    private let directory: CheckpointDirectory
    private let queue = DispatchQueue(label: "dashboard.checkpoint-writer")
    private let slots: DispatchSemaphore
    private let written: @Sendable (Checkpoint) -> Void
    private let failed: @Sendable (Checkpoint, CheckpointError) -> Void

    public init(directory: CheckpointDirectory, depth: Int = 2, written: @escaping @Sendable (Checkpoint) -> Void = { _ in },
                failed: @escaping @Sendable (Checkpoint, CheckpointError) -> Void) {
        self.directory = directory
        slots = DispatchSemaphore(value: max(1, depth))
        self.written = written
        self.failed = failed
    }

    /// Queues `checkpoint` for writing; waits only when `depth` are already waiting.
    public func submit(_ checkpoint: Checkpoint) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            do throws(CheckpointError) {
                try directory.write(checkpoint)
                written(checkpoint)
            } catch {
                failed(checkpoint, error)
            }
        }
    }

    /// Waits until every submitted checkpoint is written (or has failed).
    public func drain() { queue.sync {} }

    /// Removes every checkpoint of the directory, after the ones queued are written.
    public func removeAll() { queue.sync { directory.removeAll() } }
}
