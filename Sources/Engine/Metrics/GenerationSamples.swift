import Synchronization

/// One worker's raw latency samples (ns) of the generation in progress, for the
/// per-generation stats line and sparklines. Only its worker appends (an
/// uncontended lock, once per flush); `finishGeneration` takes them all.
///
/// Exact samples instead of a histogram: a generation holds a few thousand, and
/// a percentile by selection over them costs microseconds, while the histogram
/// library's `reset`, `mean` and `valueAtPercentile` run unspecialised generic
/// loops over every bucket (a quarter of a millisecond per generation on the
/// training thread, which the workers wait for).
final class GenerationSamples: Sendable {
    let values = Locked<[UInt64]>([])

    @inline(__always)
    func append(_ ns: UInt64) { values.withLock { $0.append(ns) } }

    func append(contentsOf ns: ArraySlice<UInt64>) { values.withLock { $0.append(contentsOf: ns) } }

    /// Moves every worker's samples into one array and clears them (keeping their capacity).
    static func take(_ workers: [GenerationSamples]) -> [UInt64] {
        var all = [UInt64]()
        for w in workers {
            w.values.withLock { v in
                all.append(contentsOf: v)
                v.removeAll(keepingCapacity: true)
            }
        }
        return all
    }

    /// The summary (µs) of `samples`, with HdrHistogram's percentile rule on exact
    /// values: the smallest sample with at least ⌈p% × count⌉ samples at or below it.
    /// Reorders `samples`.
    static func summary(_ samples: inout [UInt64]) -> LatencySummary {
        let n = samples.count
        guard n > 0 else { return .empty }
        func rank(_ p: Double) -> Int { Swift.max(1, Int((p.nextDown * Double(n) / 100).rounded(.up))) - 1 }
        var sum: UInt64 = 0, top: UInt64 = 0
        for v in samples { sum &+= v; top = Swift.max(top, v) }
        let (p50, p95, p99) = samples.withUnsafeMutableBufferPointer { b -> (UInt64, UInt64, UInt64) in
            // Each selection leaves the smaller values before its rank, so the next one searches less.
            let k99 = rank(99), k95 = rank(95), k50 = rank(50)
            let v99 = select(b, k99, upTo: n)
            let v95 = select(b, k95, upTo: k99 + 1)
            let v50 = select(b, k50, upTo: k95 + 1)
            return (v50, v95, v99)
        }
        return LatencySummary(count: UInt64(n), p50: Double(p50) / 1000, p95: Double(p95) / 1000, p99: Double(p99) / 1000,
                              max: Double(top) / 1000, mean: Double(sum) / Double(n) / 1000)
    }

    /// The `k`-th smallest of `b[0..<end]` (0-based), moved to index `k` with everything
    /// before it no larger (Hoare's selection, middle pivot).
    static func select(_ b: UnsafeMutableBufferPointer<UInt64>, _ k: Int, upTo end: Int) -> UInt64 {
        var lo = 0, hi = end - 1
        while lo < hi {
            let pivot = b[lo + (hi - lo) / 2]
            var i = lo, j = hi
            while i <= j {
                while b[i] < pivot { i += 1 }
                while b[j] > pivot { j -= 1 }
                if i <= j { b.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { break }
        }
        return b[k]
    }
}
