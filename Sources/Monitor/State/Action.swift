import Engine

/// What the app must do after a key or a tick; the state machine itself does no I/O.
public enum Action: Sendable, Equatable {
    case switchMode(InferenceMode)
    case pause
    case resume
    case writeSnapshot
    /// Ask the engine for a checkpoint after the generation in progress.
    case writeCheckpoint
    case setTheme(index: Int)
    /// A line for the event panel.
    case event(String)
    case relayout
    case quit
}
