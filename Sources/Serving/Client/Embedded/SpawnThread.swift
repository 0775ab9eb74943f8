import Engine
import Dispatch
import Foundation
import Synchronization

/// Runs jobs on one thread that lives as long as the process.
///
/// Linux delivers a child's parent-death signal (`setpriv --pdeathsig`) when
/// the *thread* that forked it exits, not the process; spawning every embedded
/// server from this thread ties the child's life to the process's.
final class SpawnThread: Sendable {
    static let shared = SpawnThread()

    private let jobs = Locked<[@Sendable () -> Void]>([])
    private let ready = DispatchSemaphore(value: 0)

    private init() {
        let thread = Thread { [self] in loop() }
        thread.name = "embedded-server-spawner"
        thread.start()
    }

    private func loop() -> Never {
        while true {
            ready.wait()
            let job = jobs.withLock { $0.removeFirst() }
            job()
        }
    }

    /// Runs `job` on the spawner thread and waits for its result.
    func run<T: Sendable>(_ job: @escaping @Sendable () -> T) -> T {
        let result = Locked<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        jobs.withLock {
            $0.append {
                let value = job()
                result.withLock { $0 = value }
                done.signal()
            }
        }
        ready.signal()
        done.wait()
        return result.withLock { $0! }
    }
}
