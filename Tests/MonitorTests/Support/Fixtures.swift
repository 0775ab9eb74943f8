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

    /// A latency distribution shaped like a real one: most samples near `median` µs, a long tail
    /// to `tail` µs (values in ns, one bucket per 10% step).
    static func distribution(median: Double, tail: Double, count: UInt64) -> LatencyDistribution {
        var values: [UInt64] = [], counts: [UInt64] = []
        var v = median / 4
        var i = 0
        while v <= tail {
            values.append(UInt64(v * 1000))
            let d = log(v / median)
            counts.append(UInt64(Double(count) * exp(-d * d * 2) / 20) + (v > median ? 2 : 0))
            v *= 1.1; i += 1
        }
        return LatencyDistribution(values: values, counts: counts)
    }

    static let cpuFigures: ModeFigures = {
        var f = cpuFiguresBase
        f.inferenceDistribution = distribution(median: 12, tail: 180, count: 120_000)
        f.matchDistribution = distribution(median: 8_500, tail: 21_000, count: 3_000)
        return f
    }()

    static let remoteSingleFigures: ModeFigures = {
        var f = remoteSingleFiguresBase
        f.inferenceDistribution = distribution(median: 310, tail: 4_800, count: 40_000)
        f.matchDistribution = distribution(median: 95_000, tail: 250_000, count: 1_000)
        return f
    }()

    static let cpuFiguresBase = ModeFigures(
        mode: .cpu,
        inference: LatencySummary(count: 120_000, p50: 12, p95: 20, p99: 35, max: 180, mean: 14),
        match: LatencySummary(count: 3_000, p50: 8_500, p95: 12_000, p99: 15_500, max: 21_000, mean: 9_000),
        requests: 120_000, vectors: 120_000, errors: 0, activeSeconds: 60, generations: 30,
        meanTickMicros: 42, inferenceMillisPerGeneration: 55, cpuSecondsPerGeneration: 3.8, peakRSSBytes: 60 << 20)

    static let remoteSingleFiguresBase = ModeFigures(
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

    /// A fuller /proc picture: the engine's named threads, libdispatch and NIO threads (idle), a server child.
    static let threadsSystem = SystemSample(
        threads: [ThreadCPU(process: .dashboard, pid: 4242, tid: 4243, name: "neat-eval-0", cpuPercent: 97.5),
                  ThreadCPU(process: .dashboard, pid: 4242, tid: 4244, name: "neat-eval-1", cpuPercent: 88),
                  ThreadCPU(process: .server, pid: 5151, tid: 5152, name: "NIO-ELT-0-#0", cpuPercent: 35),
                  ThreadCPU(process: .dashboard, pid: 4242, tid: 4242, name: "dashboard-ui", cpuPercent: 1.5),
                  ThreadCPU(process: .dashboard, pid: 4242, tid: 4245, name: "neat-train", cpuPercent: 0),
                  ThreadCPU(process: .dashboard, pid: 4242, tid: 4246, name: "com.apple.root.default-qos.overcommit", cpuPercent: 0),
                  ThreadCPU(process: .dashboard, pid: 4242, tid: 4247, name: "com.apple.root.default-qos", cpuPercent: 0),
                  ThreadCPU(process: .server, pid: 5151, tid: 5151, name: "dashboard", cpuPercent: 0)],
        dashboardRSS: 52_428_800, serverRSS: 10_485_760, dashboardCPUPercent: 187, serverCPUPercent: 35,
        cpuSecondsDelta: 1.1)

    /// `threadsSystem`'s threads with no CPU over the window: the two libdispatch threads and the server's main thread.
    static let threadsIdle: Set<Int64> = [Int64(4242) << 32 | 4246, Int64(4242) << 32 | 4247, Int64(5151) << 32 | 5151]

    static let events: [EventLog.Event] = [
        .init(seconds: 1.5, text: "mode: Remote (batch 1) (from the next tick batch)"),
        .init(seconds: 12.25, text: "remote request failed: connection refused", isError: true),
        .init(seconds: 30, text: "snapshot written: /tmp/csv/dashboard-20261127-050101-123.csv"),
    ]

    static func model(_ snap: MetricsSnapshot = snapshot, state: UIState = UIState(remoteAvailable: true, probePhaseSeconds: 10),
                      glyphs: Glyphs = .utf8, remoteAvailable: Bool = true, system: SystemSample = threadsSystem,
                      events: [EventLog.Event] = events, history: ChartHistory? = Fixtures.history,
                      idle: Set<Int64> = threadsIdle) -> ScreenModel {
        ScreenModel(snapshot: snap, system: system, state: state,
                    matrix: DecisionMatrix(figures: snap.modes, network: state.assumedRTTMillis.map {
                        WhatIfNetwork(rttMillis: $0, workers: snap.training.threads, inFlight: 4) }),
                    events: events, themeName: "nord", remoteAvailable: remoteAvailable, glyphs: glyphs,
                    notes: ["log file: /tmp/dashboard-1.log", "CSV and SVG snapshots go to /tmp/csv"],
                    charts: history?.data(window: state.window), idleThreads: idle)
    }

    /// The fixed history the screens are drawn from: 20 minutes, one sample a second from t = 1000 s,
    /// CPU-only, Remote (batch 1) from 16 minutes, CPU-only again from 18 minutes; a generation
    /// every 2 s (CPU) or 4 s (remote) with fitness climbing; a 20 s pause at 11 minutes (no inference calls).
    static let history: ChartHistory = {
        var h = ChartHistory()
        let t0 = 1000.0
        h.start(mode: .cpu, at: t0)
        var generation = 0
        for i in 0..<1200 {
            let t = t0 + Double(i)
            if i == 960 { h.recordSwitch(to: .remote(batch: 1), at: t) }
            if i == 1080 { h.recordSwitch(to: .cpu, at: t) }
            let mode = (960..<1080).contains(i) ? 1 : 0
            let paused = (660..<680).contains(i)
            let wobble = 1 + 0.15 * sin(Double(i) / 7) + 0.05 * cos(Double(i) / 2.3)
            let base: [[Double]] = [[12, 20, 35], [310, 520, 900], [450, 800, 1_500]]
            var s = HistorySample(time: t)
            if !paused {
                for (k, p) in HistorySeries.Percentile.allCases.enumerated() {
                    s[.latency(0, p)] = Float(base[mode][k] * wobble * (k == 2 && i % 97 == 0 ? 3 : 1))
                    s[.latency(1, p)] = Float([8_500.0, 95_000, 40_000][mode] * Double(k + 2) / 2 * wobble)
                }
            }
            s[.requestsPerSecond] = Float(paused ? 0 : [2_000.0, 1_000, 250][mode] * wobble)
            s[.vectorsPerSecond] = Float(paused ? 0 : [2_000.0, 1_000, 2_000][mode] * wobble)
            s[.errorsPerSecond] = Float(mode == 1 && i % 60 == 0 ? 0.5 : 0)
            h.record(s)
            if !paused && i % (mode == 0 ? 2 : 4) == 0 {
                var g = HistorySample(time: t + 0.5)
                let x = Double(generation)
                g[.bestFitness] = Float(3 + 12 * (1 - exp(-x / 150)) + 0.8 * sin(x / 5))
                g[.meanFitness] = Float(1 + 4 * (1 - exp(-x / 200)) + 0.3 * sin(x / 3))
                g[.species] = Float(6 + (generation / 40) % 5)
                g[.winRate] = Float(0.02 + 0.3 * (1 - exp(-x / 250)) + 0.04 * sin(x / 4))
                g[.generationsPerSecond] = Float(mode == 0 ? 0.5 : 0.25)
                g[.generation] = Float(generation)
                h.record(g)
                generation += 1
            }
        }
        return h
    }()

}
