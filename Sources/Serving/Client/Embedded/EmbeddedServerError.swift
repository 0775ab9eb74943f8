/// Why the embedded `dashboard serve` could not be started.
public enum EmbeddedServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server executable could not be found or is not executable.
    case executableNotFound(path: String)
    /// The log file for the child's output could not be opened.
    case logFile(path: String, reason: String)
    /// `posix_spawn` failed.
    case spawnFailed(path: String, reason: String)
    /// The child exited before printing its `listening on http://…` line.
    case exitedBeforeListening(status: String, logPath: String, outputTail: String)
    /// The child printed no `listening on http://…` line in time (it was stopped).
    case startTimeout(milliseconds: Int, logPath: String, outputTail: String)

    public var description: String {
        switch self {
        case .executableNotFound(let p):
            return "embedded server: executable '\(p)' not found or not executable; pass --server-url to use a running server"
        case .logFile(let p, let r):
            return "embedded server: cannot open log file '\(p)': \(r)"
        case .spawnFailed(let p, let r):
            return "embedded server: cannot start '\(p)': \(r)"
        case .exitedBeforeListening(let s, let p, let tail):
            return "embedded server exited (\(s)) before printing 'listening on http://HOST:PORT'; its output (\(p)) ends with:\n\(tail)"
        case .startTimeout(let ms, let p, let tail):
            return "embedded server printed no 'listening on http://HOST:PORT' line within \(ms) ms and was stopped; its output (\(p)) ends with:\n\(tail)"
        }
    }
}
