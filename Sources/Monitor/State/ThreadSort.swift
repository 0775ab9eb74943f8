/// The threads panel's order within each process (`o` switches).
public enum ThreadSort: Sendable, Equatable, CaseIterable {
    /// Busiest first; ties by thread id.
    case cpu
    /// By name, then thread id.
    case name

    public var label: String { self == .cpu ? "CPU" : "name" }

    public var next: ThreadSort { self == .cpu ? .name : .cpu }

    public func sorted(_ threads: [ThreadCPU]) -> [ThreadCPU] {
        threads.sorted { a, b in
            switch self {
            case .cpu: if a.cpuPercent != b.cpuPercent { return a.cpuPercent > b.cpuPercent }
            case .name: if a.name != b.name { return a.name < b.name }
            }
            return a.tid < b.tid
        }
    }
}
