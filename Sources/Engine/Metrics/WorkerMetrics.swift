import Histogram
import Synchronization

/// One worker thread's histograms for one mode. Only its worker records (an
/// uncontended lock, once per flush of its ticks); readers merge under the same lock.
final class WorkerMetrics: Sendable {
    struct Histograms {
        var inference = LatencyHistogram.latency()
        var match = LatencyHistogram.latency()
    }

    let histograms = Locked(Histograms())

    /// Records a slice of ticks' inference waits and of match times under one lock.
    func record(inferenceNanos: ArraySlice<UInt64>, matchNanos: ArraySlice<UInt64>) {
        histograms.withLock { h in
            for ns in inferenceNanos { h.inference.recordNanos(ns) }
            for ns in matchNanos { h.match.recordNanos(ns) }
        }
    }
}
