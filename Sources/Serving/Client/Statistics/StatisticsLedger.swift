import Wire

/// Turns polls of a v2 server's cumulative statistics into the mean server time
/// per request of each window between two polls.
///
/// Pure: it keeps the last counters seen per model version and subtracts them
/// from the next poll's. The parts map as `server_decode` ≈ `compute_input`
/// (Triton prepares the input tensors; `dashboard serve` parses the body),
/// `server_queue` = `queue`, `server_compute` = `compute_infer`, `server_encode` ≈
/// `compute_output`; each part's mean is its nanoseconds over its own count (a
/// server may count cache hits in some parts only). A counter that went down
/// (the model was reloaded, the server restarted) counts from 0 again.
struct StatisticsLedger: Sendable, Equatable {
    /// One window's mean server parts per request (ns) and the requests behind them.
    struct Window: Sendable, Equatable {
        var requests: UInt64
        var decode: UInt64
        var queue: UInt64
        var compute: UInt64
        var encode: UInt64
    }

    private var last: [String: V2ModelStatistics.Model] = [:]

    init() {}

    /// Model versions whose counters are remembered.
    var modelCount: Int { last.count }

    /// Remembers `models`' counters as the start of the next window (no window is measured).
    mutating func setBaseline(_ models: [V2ModelStatistics.Model]) {
        for m in models { last[Self.key(m)] = m }
    }

    /// The window since the previous poll of each model in `models` (a model never
    /// seen before counts from its counters now: only what happens after is this
    /// client's window), and remembers `models` for the next one. nil when no request
    /// succeeded on them in the window.
    mutating func advance(_ models: [V2ModelStatistics.Model]) -> Window? {
        var requests: UInt64 = 0
        var sums = [(count: UInt64, nanos: UInt64)](repeating: (0, 0), count: 4)
        for m in models {
            let key = Self.key(m)
            defer { last[key] = m }
            guard let before = last[key] else { continue }
            requests &+= Self.delta(m.success, before.success).count
            let parts = [(m.computeInput, before.computeInput), (m.queue, before.queue),
                         (m.computeInfer, before.computeInfer), (m.computeOutput, before.computeOutput)]
            for (i, (now, then)) in parts.enumerated() {
                let d = Self.delta(now, then)
                sums[i].count &+= d.count
                sums[i].nanos &+= d.nanos
            }
        }
        guard requests > 0 else { return nil }
        let means = sums.map { $0.count > 0 ? $0.nanos / $0.count : 0 }
        return Window(requests: requests, decode: means[0], queue: means[1], compute: means[2], encode: means[3])
    }

    /// Forgets every model whose name is not in `keeping` (models replaced by a new generation).
    mutating func forget(keeping names: Set<String>) {
        last = last.filter { names.contains($0.value.name) }
    }

    private static func key(_ m: V2ModelStatistics.Model) -> String { m.name + "\u{0}" + m.version }

    /// `now − then`, or `now` when a counter went down (it restarted from 0).
    private static func delta(_ now: V2ModelStatistics.Duration, _ then: V2ModelStatistics.Duration) -> V2ModelStatistics.Duration {
        guard now.count >= then.count, now.nanos >= then.nanos else { return now }
        return V2ModelStatistics.Duration(count: now.count - then.count, nanos: now.nanos - then.nanos)
    }
}
