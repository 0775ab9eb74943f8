import Engine
import Testing
@testable import Monitor

@Suite struct GenerationRateTests {
    let s: UInt64 = 1_000_000_000

    func snapshot(at now: UInt64, uptime: Double, finished: [UInt64], firstIndex: Int = 0) -> MetricsSnapshot {
        let points = finished.enumerated().map { i, t in
            GenerationPoint(index: firstIndex + i, generation: i, finishedAt: t, bestFitness: 0, meanFitness: 0,
                            speciesCount: 1, championWinRate: nil, mode: .cpu)
        }
        return MetricsSnapshot(takenAt: now, uptimeSeconds: uptime, currentMode: .cpu, training: TrainingFigures(task: "duel"),
                               modes: [], recentGenerations: points)
    }

    @Test func countsTheLastTenSeconds() {
        // Generations every 2 s from 62 s to 100 s; the window (90, 100] holds 92, 94, 96, 98, 100.
        let snap = snapshot(at: 100 * s, uptime: 60, finished: stride(from: 62, through: 100, by: 2).map { UInt64($0) * s })
        #expect(GenerationRate.perSecond(snap) == 0.5)
    }

    @Test func aYoungRunIsMeasuredOverItsAge() {
        // Started 4 s ago, 6 generations since.
        let snap = snapshot(at: 100 * s, uptime: 4, finished: (0..<6).map { 96 * s + UInt64($0 + 1) * s / 2 })
        #expect(GenerationRate.perSecond(snap) == 1.5)
    }

    @Test func fallsToZeroWhenNothingFinishedInTheWindow() {
        let snap = snapshot(at: 100 * s, uptime: 60, finished: [50 * s, 60 * s])
        #expect(GenerationRate.perSecond(snap) == 0)
        #expect(GenerationRate.perSecond(snapshot(at: 100 * s, uptime: 60, finished: [])) == 0)
    }

    @Test func aRingShorterThanTheWindowIsMeasuredOverItsSpan() {
        // 1,024 generations in the last 0.5 s, older ones dropped from the ring (first index 5,000).
        let start = 99_500_000_000 as UInt64
        let finished = (0..<1024).map { start + UInt64($0) * 500_000_000 / 1023 }
        let snap = snapshot(at: 100 * s, uptime: 60, finished: finished, firstIndex: 5_000)
        #expect(abs(GenerationRate.perSecond(snap) - 2046) < 1e-6)
    }
}
