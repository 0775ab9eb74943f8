import Engine
import Foundation
import Testing
@testable import Monitor

@Suite struct ProcParserTests {
    @Test func commWithSpacesAndParentheses() throws {
        let text = try String(contentsOfFile: Fixtures.path("proc/4242/task/4243/stat"), encoding: .utf8)
        let s = try ProcParser.taskStat(text)
        #expect(s.tid == 4243)
        #expect(s.comm == "worker ) (x")
        #expect(s.state == "S")
        #expect(s.utime == 500)
        #expect(s.stime == 30)
    }

    @Test func rejectsGarbageWithAMessage() {
        #expect(throws: ProcParser.ParseError.self) { try ProcParser.taskStat("no parentheses here") }
        #expect(throws: ProcParser.ParseError.self) { try ProcParser.taskStat("12 (x) S 1 2") }
        #expect(throws: ProcParser.ParseError.self) { try ProcParser.taskStat("abc (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13") }
    }

    @Test func commFileTrimsNewline() throws {
        let c = try String(contentsOfFile: Fixtures.path("proc/4242/task/4243/comm"), encoding: .utf8)
        #expect(ProcParser.comm(c) == "worker ) (x")
    }

    @Test func rssFromStatusAndStatm() throws {
        let status = try String(contentsOfFile: Fixtures.path("proc/4242/status"), encoding: .utf8)
        #expect(ProcParser.statusRSS(status) == 51_200 * 1024)
        let zombie = try String(contentsOfFile: Fixtures.path("proc/5151/status"), encoding: .utf8)
        #expect(ProcParser.statusRSS(zombie) == nil)
        let statm = try String(contentsOfFile: Fixtures.path("proc/5151/statm"), encoding: .utf8)
        #expect(ProcParser.statmRSS(statm, pageSize: 4096) == 2_560 * 4096)
    }
}

@Suite struct ProcSamplerTests {
    @Test func cpuPercentFromTickDeltasOverElapsedTicks() {
        let clock = ManualClockBox()
        let sampler = ProcSampler(procRoot: Fixtures.path("proc"), pid: 4242, ticksPerSecond: 100, pageSize: 4096,
                                  clock: clock.clock)
        let first = sampler.sample(childPID: 5151)
        #expect(first.threads.count == 4)
        #expect(first.threads.allSatisfy { $0.cpuPercent == 0 })   // no interval yet
        #expect(first.dashboardRSS == 51_200 * 1024)
        #expect(first.serverRSS == 2_560 * 4096)                    // statm fallback (no VmRSS)

        sampler.procRoot = Fixtures.path("proc-later")
        clock.clock.advance(by: 2_000_000_000)                      // 2 s = 200 ticks
        let s = sampler.sample(childPID: 5151)
        // worker: (580+50) - (500+30) = 100 ticks / 200 = 50 %; server: 50 ticks = 25 %; dashboard 10 = 5 %; ui 1 = 0.5 %
        #expect(s.threads.map(\.name) == ["worker ) (x", "inference srv", "dashboard", "ui thread"])
        #expect(s.threads.map(\.cpuPercent) == [50, 25, 5, 0.5])
        #expect(s.threads[1].process == .server)
        #expect(s.dashboardCPUPercent == 55.5)
        #expect(s.serverCPUPercent == 25)
        #expect(s.cpuSecondsDelta == 1.61)
        #expect(s.intervalSeconds == 2)
        // The worker waited 0.6 s of the 2 for a core (schedstat's second field); the others have no schedstat file.
        #expect(s.threads[0].waitPercent == 30)
        #expect(s.threads[1].waitPercent == 0)
        #expect(s.minorFaultsDelta == 500)                          // the worker's minflt 1200 → 1700
    }

    @Test func schedstatGivesTheRunQueueWait() {
        #expect(ProcParser.schedstatWait("84726559 198423184 264\n") == 198_423_184)
        #expect(ProcParser.schedstatWait("84726559") == nil)
        #expect(ProcParser.schedstatWait("a b c") == nil)
        #expect((try? ProcParser.taskStat("7 (x) S 1 2 3 4 5 6 4321 0 0 0 10 20"))?.minorFaults == 4321)
    }

    @Test func missingProcessGivesNothingNotACrash() {
        let sampler = ProcSampler(procRoot: Fixtures.path("proc"), pid: 99999, ticksPerSecond: 100, pageSize: 4096)
        let s = sampler.sample(childPID: 88888)
        #expect(s.threads.isEmpty)
        #expect(s.dashboardRSS == nil && s.serverRSS == nil)
    }

    @Test func liveProcessHasThisThread() {
        let s = ProcSampler().sample(childPID: nil)
        #expect(!s.threads.isEmpty)
        #expect((s.dashboardRSS ?? 0) > 0)
    }

    @Test func sortIsBusiestFirstThenStable() {
        let t = ThreadCPUMath.sorted([
            ThreadCPU(process: .server, pid: 2, tid: 9, name: "s", cpuPercent: 10),
            ThreadCPU(process: .dashboard, pid: 1, tid: 5, name: "b", cpuPercent: 10),
            ThreadCPU(process: .dashboard, pid: 1, tid: 3, name: "a", cpuPercent: 10),
            ThreadCPU(process: .dashboard, pid: 1, tid: 7, name: "c", cpuPercent: 90),
        ])
        #expect(t.map(\.name) == ["c", "a", "b", "s"])
    }
}

/// A ManualClock in a box, for readability.
struct ManualClockBox {
    let clock = ManualClock(start: 1_000_000_000)
}
