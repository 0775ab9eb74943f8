import Histogram
import Synchronization

/// One worker thread's histograms for one mode. Only its worker records (an
/// uncontended lock, once per tick); readers merge under the same lock.
final class WorkerMetrics: Sendable {
    struct Histograms {
        var inference = LatencyHistogram.latency()
        var match = LatencyHistogram.latency()
    }

    let histograms = Mutex(Histograms())

    @inline(__always)
    func recordInference(nanos: UInt64) { histograms.withLock { $0.inference.recordNanos(nanos) } }

    @inline(__always)
    func recordMatch(nanos: UInt64) { histograms.withLock { $0.match.recordNanos(nanos) } }
}

/// A latency histogram behind a lock (an array element; `Mutex` itself cannot be one).
final class LockedHistogram: Sendable {
    let histogram = Mutex(LatencyHistogram.latency())
}
