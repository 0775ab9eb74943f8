import Foundation
import Synchronization
import Testing
@testable import Engine

@Suite struct CurrentThreadTests {
    /// The kernel keeps 15 bytes of a thread's name; the whole name is remembered for the monitor.
    @Test func wholeNamesAreRemembered() throws {
        let name = "engine-test-thread-with-a-long-name"
        let done = DispatchSemaphore(value: 0)
        let tid = Locked<Int32>(0)
        let t = Thread {
            CurrentThread.setName(name)
            tid.withLock { $0 = CurrentThread.id }
            done.signal()
            Thread.sleep(forTimeInterval: 0.2)
        }
        t.start()
        done.wait()
        let id = tid.withLock { $0 }
        #expect(CurrentThread.namesSet()[id] == name)
        let comm = try String(contentsOfFile: "/proc/self/task/\(id)/comm", encoding: .utf8)
        #expect(comm == String(name.prefix(15)) + "\n")
    }

    /// SCHED_IDLE is the calling thread's own: other threads keep their policy.
    @Test func idlePriorityIsTheCallingThreadsOwn() {
        let done = DispatchSemaphore(value: 0)
        let seen = Locked<(set: Bool, idle: Bool)>((false, false))
        let t = Thread {
            let set = CurrentThread.setIdlePriority()
            seen.withLock { $0 = (set, CurrentThread.hasIdlePolicy) }
            done.signal()
        }
        t.start()
        done.wait()
        #expect(seen.withLock { $0.set && $0.idle })
        #expect(!CurrentThread.hasIdlePolicy)
    }
}
