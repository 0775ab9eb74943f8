#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import CEngineSupport

/// A fixed pool of named worker threads (`neat-eval-0`, `neat-eval-1`, …) that
/// runs index-parallel jobs: `run(count:)` calls `body(index, worker)` once for
/// every index, spread over the workers, and returns when all are done.
///
/// Results are written by index, so what a job computes never depends on which
/// thread ran which index: runs are identical for any thread count.
public final class WorkerPool: Sendable {
    /// Threads in the pool.
    public let threadCount: Int
    private let workers: [Worker]
    /// No threads of its own: jobs run on the calling thread (`inline()`).
    private var runsInline: Bool { workers.isEmpty }
    private let done = DispatchSemaphore(value: 0)
    private let job = Locked<Job?>(nil)

    /// The default size: `cores` − 1 (one core left to the rest of the machine), at
    /// least 1; a positive `NEAT_THREADS` in `environment` overrides it.
    public static func defaultThreadCount(environment: [String: String] = [:], cores: Int = onlineCores) -> Int {
        if let s = environment["NEAT_THREADS"], let n = Int(s), n > 0 { return n }
        return max(1, cores - 1)
    }

    /// The cores online now.
    public static var onlineCores: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    public init(threads: Int, name: String = "neat-eval") {
        precondition(threads > 0, "a worker pool needs at least one thread")
        threadCount = threads
        workers = (0..<threads).map { Worker(index: $0) }
        for w in workers {
            let pool = Unmanaged.passUnretained(self)
            let threadName = "\(name)-\(w.index)"
            w.start(name: threadName) { pool.takeUnretainedValue().workerLoop(w) }
        }
    }

    private init(inline: ()) {
        threadCount = 1
        workers = []
    }

    /// A pool of one worker that is the calling thread: `run` calls every job there,
    /// in index order, as worker 0, and starts no thread. For callers that evaluate on
    /// their own thread anyway (a reference run on a run thread of its own).
    public static func inline() -> WorkerPool { WorkerPool(inline: ()) }

    deinit {
        job.withLock { $0 = nil }
        for w in workers { w.stop = true; w.wake.signal() }
        for w in workers { w.join() }
    }

    /// Runs `body(index, worker)` for every index in 0..<count; returns when all have run.
    public func run(count: Int, _ body: @escaping @Sendable (Int, Int) -> Void) {
        guard count > 0 else { return }
        if runsInline {
            for i in 0..<count { body(i, 0) }
            return
        }
        let j = Job(count: count, body: body)
        job.withLock { $0 = j }
        for w in workers { w.wake.signal() }
        for _ in workers { done.wait() }
        job.withLock { $0 = nil }
    }

    /// Maps every index in 0..<count to a value, in parallel; the result is in index order.
    public func map<T: Sendable>(count: Int, _ body: @escaping @Sendable (Int, Int) -> T) -> [T] {
        let out = ResultSlots<T>(count: count)
        run(count: count) { i, w in out.set(i, body(i, w)) }
        return out.take()
    }

    private func workerLoop(_ w: Worker) {
        while true {
            w.wake.wait()
            if w.stop { return }
            if let j = job.withLock({ $0 }) {
                while true {
                    let i = j.next.add(1, ordering: .relaxed).oldValue
                    if i >= j.count { break }
                    j.body(i, w.index)
                }
            }
            done.signal()
        }
    }

    private final class Job: Sendable {
        let count: Int
        let next = Atomic<Int>(0)
        let body: @Sendable (Int, Int) -> Void
        init(count: Int, body: @escaping @Sendable (Int, Int) -> Void) { self.count = count; self.body = body }
    }

    /// One thread. `stop` is written before `wake` is signalled and read after it is
    /// waited on; the semaphore orders the two, so the plain flag is safe.
    private final class Worker: @unchecked Sendable {
        let index: Int
        let wake = DispatchSemaphore(value: 0)
        var stop = false
        private var thread = pthread_t()

        init(index: Int) { self.index = index }

        func start(name: String, _ body: @escaping () -> Void) {
            let box = Unmanaged.passRetained(ThreadBox(name: name, body: body))
            let rc = pthread_create(&thread, nil, { raw in
                let box = Unmanaged<ThreadBox>.fromOpaque(raw!).takeRetainedValue()
                _ = box.name.withCString { cengine_set_thread_name($0) }
                box.body()
                return nil
            }, box.toOpaque())
            precondition(rc == 0, "pthread_create failed: \(rc)")
        }

        func join() { pthread_join(thread, nil) }
    }

    private final class ThreadBox {
        let name: String
        let body: () -> Void
        init(name: String, body: @escaping () -> Void) { self.name = String(name.prefix(15)); self.body = body }
    }
}

/// Write-once slots filled by index from several threads. Each index is written by
/// exactly one job and read only after `WorkerPool.run` returned (the pool's
/// semaphores order the writes before the read), hence `@unchecked Sendable`.
final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil, count: count)
    }

    deinit {
        buffer.deinitialize(count: count)
        buffer.deallocate()
    }

    func set(_ i: Int, _ v: T) { buffer[i] = v }

    func take() -> [T] { (0..<count).map { buffer[$0]! } }
}
