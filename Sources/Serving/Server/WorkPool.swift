import Engine
import NIOCore
import NIOPosix
import Synchronization

/// A bounded pool of threads for the work that must not run on an event loop:
/// decoding, validating and compiling uploads, and large inference batches.
///
/// At most `maxQueued` jobs wait or run at once; past that `submit` refuses
/// (the server answers 503 with `Retry-After`), so a flood of uploads costs a
/// bounded amount of memory and never delays the event loops. Pool threads run
/// at a lower scheduling priority (nice 10) than the event loops, so on a busy
/// machine small requests such as `/healthz` are still answered promptly.
final class WorkPool: Sendable {
    private let pool: NIOThreadPool
    private let pending = Atomic<Int>(0)
    let maxQueued: Int
    /// Nice value of the pool threads.
    static let nice: Int32 = 10

    init(threads: Int, maxQueued: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        self.maxQueued = max(1, maxQueued)
        pool.start()
    }

    /// Jobs waiting or running.
    var queued: Int { pending.load(ordering: .relaxed) }

    /// Runs `work` on a pool thread, then `done` with its result on `eventLoop`.
    /// Returns false, running nothing, when `maxQueued` jobs are already pending.
    func submit<T: Sendable>(on eventLoop: any EventLoop, _ work: @escaping @Sendable () -> T,
                             done: @escaping @Sendable (T) -> Void) -> Bool {
        guard pending.wrappingAdd(1, ordering: .relaxed).newValue <= maxQueued else {
            pending.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        pool.runIfActive(eventLoop: eventLoop) { () -> T in
            CurrentThread.setNice(Self.nice)
            return work()
        }.whenComplete { result in
            self.pending.wrappingSubtract(1, ordering: .relaxed)
            // The pool is only shut down after the event loops stop reading.
            if case .success(let value) = result { done(value) }
        }
        return true
    }

    /// Stops the threads once the jobs already submitted have run.
    func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
