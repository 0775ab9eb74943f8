/// When a training loop hands out checkpoints, and to whom: after every `every`
/// evaluated generations (and when the run ends) `write` receives one. Writing (and
/// reporting a failure to write) is the receiver's business: the evolution goes on
/// the same either way.
public struct CheckpointSchedule: Sendable {
    public var every: Int
    public var write: @Sendable (Checkpoint) -> Void

    public init(every: Int, write: @escaping @Sendable (Checkpoint) -> Void) {
        self.every = max(1, every)
        self.write = write
    }

    /// Whether a checkpoint is due once `generation` generations have been evaluated.
    public func isDue(after generation: Int) -> Bool { generation % every == 0 }
}
