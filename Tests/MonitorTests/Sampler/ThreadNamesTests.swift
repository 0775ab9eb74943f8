import Engine
import Testing
@testable import Monitor

@Suite struct ThreadNamesTests {
    @Test func namesTheProcessSetAreShownWhole() {
        let registered: [Int32: String] = [7: "inference-upload-worker-3", 8: "neat-eval-0"]
        #expect(ThreadNames.resolve(comm: "inference-uploa", tid: 7, registered: registered) == "inference-upload-worker-3")
        #expect(ThreadNames.resolve(comm: "neat-eval-0", tid: 8, registered: registered) == "neat-eval-0")
        // A recycled thread id with another name keeps its own.
        #expect(ThreadNames.resolve(comm: "something-else", tid: 7, registered: registered) == "something-else")
    }

    @Test func libdispatchThreadsByTheEndOfTheirLabel() {
        #expect(ThreadNames.resolve(comm: "-qos.overcommit", tid: 1, registered: [:]) == "com.apple.root.*-qos.overcommit")
        #expect(ThreadNames.resolve(comm: "r-initiated-qos", tid: 1, registered: [:]) == "com.apple.root.user-initiated-qos")
        #expect(ThreadNames.resolve(comm: "oot.default-qos", tid: 1, registered: [:]) == "com.apple.root.default-qos")
        #expect(ThreadNames.resolve(comm: "NIO-ELT-0-#0", tid: 1, registered: [:]) == "NIO-ELT-0-#0")
    }

    /// The sampler applies the registry to this process's threads only.
    @Test func samplerUsesTheRegistryForItsOwnProcess() {
        // Fixtures/proc-names: pid 777 with threads "dashboard", "evaluation-pool" (15 bytes) and "-qos.overcommit".
        let sampler = ProcSampler(procRoot: Fixtures.path("proc-names"), pid: 777, ticksPerSecond: 100, pageSize: 4096,
                                  namesSet: { [778: "evaluation-pool-worker-12"] })
        let names = Dictionary(uniqueKeysWithValues: sampler.sample(childPID: nil).threads.map { ($0.tid, $0.name) })
        #expect(names == [777: "dashboard", 778: "evaluation-pool-worker-12", 779: "com.apple.root.*-qos.overcommit"])
    }
}

@Suite struct ThreadActivityTests {
    func sample(_ cpu: [Int32: Double]) -> SystemSample {
        SystemSample(threads: cpu.map { ThreadCPU(process: .dashboard, pid: 1, tid: $0.key, name: "t\($0.key)", cpuPercent: $0.value) })
    }

    @Test func idleOverTheWindow() {
        var a = ThreadActivity()
        a.record(sample([10: 50, 11: 0, 12: 0]), at: 0)
        a.record(sample([10: 0, 11: 0, 12: 3]), at: 100)
        let key = { (t: Int32) in Int64(1) << 32 | Int64(t) }
        #expect(a.idle(now: 100, seconds: 60) == [key(10), key(11)])   // 10 was busy 100 s ago
        #expect(a.idle(now: 100, seconds: 300) == [key(11)])
        #expect(a.idle(now: 100, seconds: nil) == [key(11)])           // whole run: never busy
        // A thread that exits is forgotten.
        a.record(sample([12: 0]), at: 101)
        #expect(a.lastBusy.keys.sorted() == [key(12)])
        #expect(a.idle(now: 101, seconds: 60).isEmpty)
    }
}
