import Engine
import Testing
@testable import Monitor

@Suite struct ResourceLedgerTests {
    @Test func chargesSamplesToTheActiveModeAndSkipsPauses() {
        var l = ResourceLedger()
        l.record(mode: .cpu, paused: false, sample: SystemSample(dashboardRSS: 100, cpuSecondsDelta: 2))
        l.record(mode: .cpu, paused: false, sample: SystemSample(dashboardRSS: 300, serverRSS: nil, cpuSecondsDelta: 4))
        l.record(mode: .cpu, paused: true, sample: SystemSample(dashboardRSS: 900, cpuSecondsDelta: 50))
        l.record(mode: .remote(batch: 1), paused: false, sample: SystemSample(dashboardRSS: 100, serverRSS: 50, cpuSecondsDelta: 1))
        let snap = MetricsSnapshot(takenAt: 0, uptimeSeconds: 1, currentMode: .cpu, training: TrainingFigures(task: "xor"),
                                   modes: [ModeFigures(mode: .cpu, generations: 3),
                                           ModeFigures(mode: .remote(batch: 1), generations: 0),
                                           ModeFigures(mode: .remote(batch: 8), generations: 2, cpuSecondsPerGeneration: 9)])
        let out = l.apply(to: snap)
        #expect(out.modes[0].cpuSecondsPerGeneration == 2)       // 6 s / 3 generations
        #expect(out.modes[0].peakRSSBytes == 300)
        #expect(out.modes[1].cpuSecondsPerGeneration == nil)     // no generation finished yet
        #expect(out.modes[1].peakRSSBytes == 150)
        #expect(out.modes[2].cpuSecondsPerGeneration == 9)       // engine's own figure kept
    }
}

@Suite struct ResourceLedgerLoadTests {
    static func sample(_ threads: [ThreadCPU], interval: Double, rss: UInt64, server: Bool = true, faults: UInt64 = 0) -> SystemSample {
        SystemSample(threads: threads, dashboardRSS: rss, serverRSS: nil, serverCPUPercent: server ? 10 : nil,
                     intervalSeconds: interval, minorFaultsDelta: faults)
    }

    @Test func averagesEachThreadOverTheModesSampledTime() throws {
        var l = ResourceLedger()
        let w = { (cpu: Double, wait: Double) in ThreadCPU(process: .dashboard, pid: 1, tid: 2, name: "neat-eval-0", cpuPercent: cpu, waitPercent: wait) }
        let s = { (cpu: Double) in ThreadCPU(process: .server, pid: 9, tid: 9, name: "NIO-ELT-0-#0", cpuPercent: cpu) }
        l.record(mode: .remote(batch: 1), paused: false, sample: Self.sample([], interval: 0, rss: 100))      // the first sample: no interval
        l.record(mode: .remote(batch: 1), paused: false, sample: Self.sample([w(100, 0), s(20)], interval: 1, rss: 200, faults: 10))
        l.record(mode: .remote(batch: 1), paused: false, sample: Self.sample([w(50, 30), s(40)], interval: 3, rss: 400, faults: 30))
        l.record(mode: .remote(batch: 1), paused: true, sample: Self.sample([w(0, 0), s(0)], interval: 5, rss: 900))
        l.record(mode: .cpu, paused: false, sample: Self.sample([w(10, 0)], interval: 1, rss: 50, server: false))
        let snap = MetricsSnapshot(takenAt: 0, uptimeSeconds: 1, currentMode: .cpu, training: TrainingFigures(task: "duel"),
                                   modes: [ModeFigures(mode: .remote(batch: 1)), ModeFigures(mode: .cpu)])
        let out = l.apply(to: snap)
        let remote = try #require(out.modes[0].load)
        #expect(remote.seconds == 4)
        #expect(remote.threads.map(\.name) == ["neat-eval-0", "NIO-ELT-0-#0"])
        #expect(abs(remote.threads[0].cpuPercent - 62.5) < 1e-9)    // (1 + 1.5) s of 4
        #expect(abs(remote.threads[0].waitPercent - 22.5) < 1e-9)   // 0.9 s of 4
        #expect(abs(remote.threads[1].cpuPercent - 35) < 1e-9)
        #expect(remote.serverObserved)
        #expect(remote.rssFirstBytes == 100 && remote.rssLastBytes == 400 && remote.rssSeconds == 4)
        #expect(remote.minorFaults == 40)
        let cpu = try #require(out.modes[1].load)
        #expect(!cpu.serverObserved)
        #expect(cpu.rssSeconds == 0)   // one RSS reading: no growth measured
    }
}
