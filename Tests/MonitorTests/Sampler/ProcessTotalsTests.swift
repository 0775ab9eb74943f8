import Foundation
import Testing
@testable import Monitor

@Suite struct ProcessTotalsTests {
    // A process named "a) (b": fields must be counted after the LAST ')'.
    static let stat = "4242 (a) (b) S 1 4242 4242 0 -1 4194560 900 0 3 0 1234 566 0 0 20 0 9 0 350000 123456789 2048 "
        + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n"
    static let status = "Name:\ta) (b\nVmSize:\t  1048576 kB\nVmRSS:\t   51200 kB\nThreads:\t9\n"
    static let systemStat = "cpu  1 2 3 4\ncpu0 1 2 3 4\nintr 1 2 3\nctxt 99\nbtime 1795000000\nprocesses 10\n"

    @Test func parsesCPUMemoryThreadsAndStartTime() {
        let t = ProcessTotals.parse(stat: Self.stat, status: Self.status, systemStat: Self.systemStat, ticksPerSecond: 100)
        #expect(t == ProcessTotals(cpuSeconds: 18, residentBytes: 51200 * 1024, virtualBytes: 1 << 30,
                                   startTimeSeconds: 1_795_003_500, threads: 9))
    }

    @Test func missingOrBrokenFilesLeaveTheirFiguresNil() {
        let none = ProcessTotals.parse(stat: nil, status: nil, systemStat: nil, ticksPerSecond: 100)
        #expect(none == ProcessTotals())
        let noBoot = ProcessTotals.parse(stat: Self.stat, status: nil, systemStat: "cpu 1 2\n", ticksPerSecond: 100)
        #expect(noBoot.cpuSeconds == 18 && noBoot.startTimeSeconds == nil && noBoot.residentBytes == nil)
        let garbage = ProcessTotals.parse(stat: "not a stat line", status: "Threads:\tmany\n", systemStat: Self.systemStat,
                                          ticksPerSecond: 100)
        #expect(garbage == ProcessTotals())
        // A stat line cut before field 22: CPU, but no start time.
        let short = ProcessTotals.parse(stat: "1 (x) S 1 1 1 0 -1 0 0 0 0 0 7 3 0 0 20 0 1", status: nil,
                                        systemStat: Self.systemStat, ticksPerSecond: 100)
        #expect(short.cpuSeconds == 0.1 && short.startTimeSeconds == nil)
    }

    /// This test process, live: every figure present and plausible.
    @Test func readsThisProcess() {
        let t = ProcessTotals.read()
        #expect((t.cpuSeconds ?? -1) >= 0)
        #expect((t.residentBytes ?? 0) > 1 << 20)
        #expect((t.virtualBytes ?? 0) >= (t.residentBytes ?? 0))
        #expect((t.threads ?? 0) >= 1)
        let now = Date().timeIntervalSince1970
        #expect(t.startTimeSeconds.map { $0 <= now + 1 && $0 > now - 86_400 * 365 } == true)
    }

    @Test func aMissingProcessReadsAsNothing() {
        #expect(ProcessTotals.read(procRoot: "/nonexistent-proc") == ProcessTotals())
    }
}
