/// When a training loop hands out checkpoints, and to whom: after every `every`
/// evaluated generations (and when the run ends) `write` receives one. Writing (and
/// reporting a failure to write) is the receiver's business: the evolution goes on
/// the same either way.
public struct CheckpointSchedule: Sendable {
    public var every: Int
    public var write: @Sendable (Checkpoint) -> Void
    /// Removes every checkpoint written so far (the monitor's xor and pole start a new run
    /// once one solves: the solved run's checkpoints must not be taken for the new one's).
    public var discardAll: @Sendable () -> Void
    /// Waits until every checkpoint handed to `write` is on disk (writes may be asynchronous).
    public var drain: @Sendable () -> Void

    public init(every: Int, write: @escaping @Sendable (Checkpoint) -> Void, discardAll: @escaping @Sendable () -> Void = {},
                drain: @escaping @Sendable () -> Void = {}) {
        self.every = max(1, every)
        self.write = write
        self.discardAll = discardAll
        self.drain = drain
    }

    /// Whether a checkpoint is due once `generation` generations have been evaluated.
    public func isDue(after generation: Int) -> Bool { generation % every == 0 }
}
