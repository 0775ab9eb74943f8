/// Where and how networks are evaluated: the three contenders of the decision matrix.
public enum InferenceMode: Hashable, Sendable, CustomStringConvertible {
    /// Compiled networks evaluated in-process.
    case cpu
    /// A remote HTTP inference service, `batch` vectors per request.
    case remote(batch: Int)

    /// The matrix column this mode belongs to: CPU-only, Remote (batch 1), Remote (batch N).
    public enum Column: String, Sendable, CaseIterable, Hashable {
        case cpu = "CPU-only", remoteSingle = "Remote (batch 1)", remoteBatched = "Remote (batch N)"
    }

    public var column: Column {
        switch self {
        case .cpu: return .cpu
        case .remote(let b): return b <= 1 ? .remoteSingle : .remoteBatched
        }
    }

    public var batchSize: Int {
        switch self {
        case .cpu: return 1
        case .remote(let b): return b
        }
    }

    public var description: String {
        switch self {
        case .cpu: return "CPU-only"
        case .remote(let b): return "Remote (batch \(b))"
        }
    }
}
