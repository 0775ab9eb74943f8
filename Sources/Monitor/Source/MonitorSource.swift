import Engine

/// What the monitor asks of the engine: snapshots out, commands in.
///
/// `Dashboard`'s `TrainingSession` implements it; the monitor never reaches into the engine
/// otherwise. `snapshot()` is called from the UI thread a few times a second and
/// must not block training for long; `send` must return at once (the engine
/// applies a mode switch at its next tick batch).
public protocol MonitorSource: AnyObject, Sendable {
    func snapshot() -> MetricsSnapshot
    func send(_ command: MonitorCommand)
    /// The inference server child process, when there is one.
    var childPID: Int32? { get }
    /// False until remote inference is wired: the screen says "CPU-only (remote not available)".
    var remoteAvailable: Bool { get }
}

/// A command from the monitor to the engine.
public enum MonitorCommand: Sendable, Equatable {
    /// Switch inference mode at the next tick batch; no generation is lost or counted twice.
    case setMode(InferenceMode)
    case pause
    case resume
    /// Write a checkpoint after the generation in progress (the `S` key).
    case checkpointNow
    /// Sent once when the monitor exits (q, SIGINT, SIGTERM): stop training and any server child.
    case shutdown
}
