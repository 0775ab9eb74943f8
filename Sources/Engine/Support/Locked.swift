#if canImport(Glibc)
import Glibc
#endif

/// A value behind a pthread mutex: `withLock` gives exclusive access to it.
///
/// The project's lock instead of the Synchronization module's `Mutex`: on Linux
/// that one locks and unlocks inside the Swift runtime library, which
/// ThreadSanitizer does not instrument, so a `--sanitize=thread` build sees none
/// of the ordering it provides and reports every hand-off through it as a data
/// race (scripts/test-tsan would be all noise). ThreadSanitizer intercepts
/// `pthread_mutex_lock`, so with this lock its reports are real. Uncontended,
/// both cost one atomic exchange to lock and one to unlock.
///
/// ```swift
/// let counts = Locked([String: Int]())
/// counts.withLock { $0["requests", default: 0] += 1 }
/// ```
public final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is read and written only between pthread_mutex_lock and
    // pthread_mutex_unlock of `mutex` (in `withLock`), so one thread at a time; it
    // comes in and goes out as `sending` (as with Synchronization's `Mutex`), so a
    // non-Sendable value is never shared with the thread that handed it over.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: sending Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock.
    @inline(__always)
    public func withLock<Result, E: Error>(_ body: (inout sending Value) throws(E) -> sending Result) throws(E) -> sending Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
