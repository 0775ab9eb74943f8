#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A monotonic nanosecond clock, injected wherever the engine measures time.
public protocol NanoClock: Sendable {
    /// Nanoseconds since an arbitrary fixed origin; never decreases.
    func nanoseconds() -> UInt64
}

/// The system's monotonic clock (`CLOCK_MONOTONIC`).
public struct SystemClock: NanoClock {
    public init() {}
    @inline(__always)
    public func nanoseconds() -> UInt64 { nanosecondsOf(CLOCK_MONOTONIC) }
}

/// The calling thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`): a micro benchmark timed
/// with it counts only the time its thread ran, so other load on the machine (a
/// build beside it) changes its figures far less than it changes wall time. Read
/// only from the thread being measured.
public struct ThreadCPUClock: NanoClock {
    public init() {}
    @inline(__always)
    public func nanoseconds() -> UInt64 { nanosecondsOf(CLOCK_THREAD_CPUTIME_ID) }
}

/// The time of POSIX clock `clock` in nanoseconds.
@inline(__always)
private func nanosecondsOf(_ clock: clockid_t) -> UInt64 {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// A clock that only moves when told to: for exact tests.
public final class ManualClock: NanoClock {
    private let now = Atomic<UInt64>(0)
    public init(start: UInt64 = 0) { now.store(start, ordering: .relaxed) }
    public func nanoseconds() -> UInt64 { now.load(ordering: .relaxed) }
    public func advance(by ns: UInt64) { now.add(ns, ordering: .relaxed) }
}
