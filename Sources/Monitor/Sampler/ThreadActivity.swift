/// Which threads did anything lately: for folding idle threads in the threads panel.
///
/// Pure: fed each /proc sample with the time it was taken (engine-clock seconds). A
/// thread is idle over a window when no sample since it was first seen, within the
/// window, showed it using CPU. Threads gone from the latest sample are forgotten,
/// so the memory is bounded by the threads alive.
public struct ThreadActivity: Sendable, Equatable {
    /// Per (pid << 32 | tid): the last time the thread used CPU, nil if never seen busy.
    public private(set) var lastBusy: [Int64: Double] = [:]
    private var seen: Set<Int64> = []

    public init() {}

    public static func key(_ t: ThreadCPU) -> Int64 { Int64(t.pid) << 32 | Int64(t.tid) }

    public mutating func record(_ sample: SystemSample, at time: Double) {
        var alive = Set<Int64>()
        for t in sample.threads {
            let k = Self.key(t)
            alive.insert(k)
            if t.cpuPercent > 0 { lastBusy[k] = time }
        }
        lastBusy = lastBusy.filter { alive.contains($0.key) }
        seen = alive
    }

    /// The threads of the latest sample with no CPU use in the `seconds` before `now` (nil: ever).
    public func idle(now: Double, seconds: Double?) -> Set<Int64> {
        var out = Set<Int64>()
        for k in seen {
            guard let t = lastBusy[k] else { out.insert(k); continue }
            if let s = seconds, now - t > s { out.insert(k) }
        }
        return out
    }
}
