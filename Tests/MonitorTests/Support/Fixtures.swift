import Engine
import Foundation
@testable import Monitor

/// Fixed metric snapshots and paths for tests.
enum Fixtures {
    /// Tests/MonitorTests/Fixtures
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").path
    }()

    static func path(_ rel: String) -> String { root + "/" + rel }

    static let cpuFigures = ModeFigures(
        mode: .cpu,
        inference: LatencySummary(count: 120_000, p50: 12, p95: 20, p99: 35, max: 180, mean: 14),
        match: LatencySummary(count: 3_000, p50: 8_500, p95: 12_000, p99: 15_500, max: 21_000, mean: 9_000),
        requests: 120_000, vectors: 120_000, errors: 0, activeSeconds: 60, generations: 30,
        meanTickMicros: 42, inferenceMillisPerGeneration: 55, cpuSecondsPerGeneration: 3.8, peakRSSBytes: 60 << 20)

    static let remoteSingleFigures = ModeFigures(
        mode: .remote(batch: 1),
        inference: LatencySummary(count: 40_000, p50: 310, p95: 520, p99: 900, max: 4_800, mean: 350),
        match: LatencySummary(count: 1_000, p50: 95_000, p95: 130_000, p99: 160_000, max: 250_000, mean: 99_000),
        requests: 40_000, vectors: 40_000, errors: 12, activeSeconds: 40, generations: 10,
        meanTickMicros: 610, inferenceMillisPerGeneration: 1_400, cpuSecondsPerGeneration: 6.5, peakRSSBytes: 110 << 20)

    /// CPU and Remote (batch 1) measured, Remote (batch 8) not yet; generation 42.
    static let snapshot = MetricsSnapshot(
        takenAt: 100_000_000_000, uptimeSeconds: 3_725, currentMode: .cpu,
        training: TrainingFigures(task: "duel", generation: 42, populationSize: 150, threads: 2, bestFitness: 12.5,
                                  meanFitness: 3.25, speciesCount: 7, championWinRate: 0.625),
        modes: [cpuFigures, remoteSingleFigures],
        inferenceP99History: [30, 32, 35, 31, 60, 900, 880, 35, 34, 36],
        generationsPerSecondHistory: [0.5, 0.52, 0.5, 0.48, 0.2, 0.25, 0.5, 0.51],
        winRateHistory: [0.1, 0.2, 0.3, 0.45, 0.5, 0.625])

    static let empty = MetricsSnapshot(takenAt: 0, uptimeSeconds: 0, currentMode: .cpu,
                                       training: TrainingFigures(task: "duel", populationSize: 150, threads: 2), modes: [])

    static let system = SystemSample(
        threads: [ThreadCPU(process: .dashboard, pid: 4242, tid: 4243, name: "worker, \"1\"", cpuPercent: 97.5),
                  ThreadCPU(process: .dashboard, pid: 4242, tid: 4244, name: "worker 2", cpuPercent: 88),
                  ThreadCPU(process: .server, pid: 5151, tid: 5151, name: "inference srv", cpuPercent: 35),
                  ThreadCPU(process: .dashboard, pid: 4242, tid: 4242, name: "dashboard", cpuPercent: 1.5)],
        dashboardRSS: 52_428_800, serverRSS: 10_485_760, dashboardCPUPercent: 187, serverCPUPercent: 35,
        cpuSecondsDelta: 1.1)

    static let events: [EventLog.Event] = [
        .init(seconds: 1.5, text: "mode: Remote (batch 1) (from the next tick batch)"),
        .init(seconds: 12.25, text: "remote request failed: connection refused", isError: true),
        .init(seconds: 30, text: "snapshot written: /tmp/csv/dashboard-20261127-050101-123.csv"),
    ]

    static func model(_ snap: MetricsSnapshot = snapshot, state: UIState = UIState(remoteAvailable: true, probePhaseSeconds: 10),
                      glyphs: Glyphs = .utf8, remoteAvailable: Bool = true, system: SystemSample = system,
                      events: [EventLog.Event] = events) -> ScreenModel {
        ScreenModel(snapshot: snap, system: system, state: state, matrix: DecisionMatrix(figures: snap.modes),
                    events: events, themeName: "nord", remoteAvailable: remoteAvailable, glyphs: glyphs,
                    notes: ["log file: /tmp/dashboard-1.log", "CSV snapshots go to /tmp/csv"])
    }
}
