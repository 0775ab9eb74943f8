import Engine
@testable import Monitor

/// Reports with known figures for the report's tests.
enum ReportFixtures {
    static let environment = ReportEnvironment(
        cpuModel: "Test CPU, 2 cores", cores: 2, memoryBytes: 8 << 30, kernel: "Linux 6.1", swiftVersion: "6.3",
        buildConfiguration: "release", gitCommit: "abc123", serverKind: "built-in (dashboard serve child)",
        serverURL: "http://127.0.0.1:8080", remoteProtocol: "dashboard API", startedAt: "2026-01-01T00:00:00Z",
        finishedAt: "2026-01-01T00:02:00Z")

    static let settings = ReportSettings(task: "duel", repetitions: 5, warmupGenerations: 1, generationsPerRepetition: 2, batch: 8,
                                         threads: 1, population: 100, concurrency: 4, quick: true)

    /// Five repetitions around the given figures: repetition i adds `i × jitter` (relative) to each.
    static func reps(p50: Double, p99: Double, rps: Double, gps: Double, jitter: Double = 0.01,
                     breakdown: [String: Double]? = nil) -> [RepetitionFigures] {
        (0..<5).map { i in
            let k = 1 + Double(i - 2) * jitter
            return RepetitionFigures(p50Micros: p50 * k, p95Micros: (p50 + p99) / 2 * k, p99Micros: p99 * k, requestsPerSecond: rps * k,
                                     generationsPerSecond: gps * k, cpuSecondsPerGeneration: 1 / gps, peakRSSBytes: 50 << 20,
                                     breakdownMicros: breakdown)
        }
    }

    /// The remote rows measured by 2-second closed-loop load runs on 4 connections.
    static let loadMethods = [
        "Remote (Batch=1)": RemoteRowMethod(source: "load", rowsPerRequest: 1, connections: 4, secondsPerRepetition: 2, model: "load-default", inputs: 100),
        "Remote (Batch=8)": RemoteRowMethod(source: "load", rowsPerRequest: 8, connections: 4, secondsPerRepetition: 2, model: "load-default", inputs: 100),
    ]

    /// CPU-only fastest, batch 8 second, batch 1 slowest; remote rows with a breakdown.
    static func report(cpuGPS: Double = 40, batchRPS: Double = 4000, methods: [String: RemoteRowMethod] = [:]) -> BenchmarkReport {
        var s = settings
        if !methods.isEmpty { s.remoteRows = methods.values.first?.source }
        return BenchmarkReport(environment: environment, settings: s, measurements: [
            (.cpu, reps(p50: 50, p99: 120, rps: 50_000, gps: cpuGPS)),
            (.remote(batch: 1), reps(p50: 1200, p99: 5000, rps: 800, gps: 12, breakdown: ["wire": 900, "server_compute": 5])),
            (.remote(batch: 8), reps(p50: 2000, p99: 8000, rps: batchRPS, gps: 28, breakdown: ["wire": 1500, "server_compute": 30])),
        ], methods: methods)
    }
}
