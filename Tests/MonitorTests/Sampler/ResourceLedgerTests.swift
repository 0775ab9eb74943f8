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
