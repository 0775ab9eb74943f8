/// Which process a thread belongs to: the dashboard itself or the inference
/// server child it started.
public enum ProcessRole: String, Sendable, Equatable {
    case dashboard, server
}
