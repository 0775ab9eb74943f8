import Foundation
import Synchronization
import Testing
@testable import Engine

@Suite struct WorkerPoolTests {
    /// Shared, lock-protected state that escaping job closures can capture.
    final class Shared<T: Sendable>: Sendable {
        let value: Locked<T>
        init(_ v: T) { value = Locked(v) }
        func update(_ f: (inout T) -> Void) { value.withLock { f(&$0) } }
        var current: T { value.withLock { $0 } }
    }

    /// Every index runs exactly once, on a worker index below the thread count, and
    /// `map` returns the results in index order.
    @Test(arguments: [1, 2, 3])
    func everyIndexOnce(threads: Int) {
        let pool = WorkerPool(threads: threads)
        let hits = Shared([Int](repeating: 0, count: 1000))
        let workers = Shared(Set<Int>())
        pool.run(count: 1000) { i, w in
            hits.update { $0[i] += 1 }
            workers.update { _ = $0.insert(w) }
        }
        #expect(hits.current.allSatisfy { $0 == 1 })
        #expect(workers.current.allSatisfy { $0 >= 0 && $0 < threads })
        #expect(pool.map(count: 500) { i, _ in i * i } == (0..<500).map { $0 * $0 })
        pool.run(count: 0) { _, _ in Issue.record("no job for count 0") }
    }

    /// Pool threads run off the caller and carry the pool's name, as /proc shows it.
    @Test func threadsAreNamed() throws {
        let pool = WorkerPool(threads: 2, name: "neat-test")
        let caller = CurrentThread.id
        let tids = pool.map(count: 64) { _, _ in CurrentThread.id }
        #expect(!tids.contains(caller))
        for tid in Set(tids) {
            let comm = try String(contentsOfFile: "/proc/self/task/\(tid)/comm", encoding: .utf8)
            #expect(comm.hasPrefix("neat-test-"), "\(comm)")
        }
    }

    /// An inline pool starts no thread: jobs run on the caller, in index order, as worker 0.
    @Test func inlineRunsOnTheCaller() {
        let pool = WorkerPool.inline()
        #expect(pool.threadCount == 1)
        let caller = CurrentThread.id
        let seen = pool.map(count: 50) { i, w in (i, w, CurrentThread.id) }
        #expect(seen.map(\.0) == Array(0..<50))
        #expect(seen.allSatisfy { $0.1 == 0 && $0.2 == caller })
        let order = Shared([Int]())
        pool.run(count: 20) { i, _ in order.update { $0.append(i) } }
        #expect(order.current == Array(0..<20))
    }

    /// One core is left to the rest of the machine, never fewer than one thread; a
    /// positive NEAT_THREADS wins, anything else in it is ignored.
    @Test func defaultThreadCount() {
        #expect(WorkerPool.defaultThreadCount(cores: 8) == 7)
        #expect(WorkerPool.defaultThreadCount(cores: 2) == 1)
        #expect(WorkerPool.defaultThreadCount(cores: 1) == 1)
        #expect(WorkerPool.defaultThreadCount(environment: ["NEAT_THREADS": "3"], cores: 8) == 3)
        #expect(WorkerPool.defaultThreadCount(environment: ["NEAT_THREADS": "12"], cores: 2) == 12)
        #expect(WorkerPool.defaultThreadCount(environment: ["NEAT_THREADS": "0"], cores: 4) == 3)
        #expect(WorkerPool.defaultThreadCount(environment: ["NEAT_THREADS": "-2"], cores: 4) == 3)
        #expect(WorkerPool.defaultThreadCount(environment: ["NEAT_THREADS": "x"], cores: 4) == 3)
        #expect(WorkerPool.onlineCores >= 1)
    }
}
