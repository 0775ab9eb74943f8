import Engine
import Foundation
import Testing
@testable import Monitor

@Suite struct PrometheusExpositionTests {
    static let s: UInt64 = 1_000_000_000

    /// CPU for 30 s, then Remote (batch 8) for 20 s (current); generation 12 of a duel.
    static let snapshot: MetricsSnapshot = {
        var cpu = ModeFigures(mode: .cpu, requests: 1_000, vectors: 2_000, errors: 0, activeSeconds: 30, generations: 10,
                              meanTickMicros: 42.5, inferenceMillisPerGeneration: 55)
        cpu.inferenceDistribution = LatencyDistribution(values: [1_500, 12_000, 2_000_000], counts: [600, 300, 100])
        cpu.matchDistribution = LatencyDistribution(values: [8_500_000], counts: [20])
        var remote = ModeFigures(mode: .remote(batch: 8), requests: 40, vectors: 320, errors: 2, activeSeconds: 20.5,
                                 generations: 2, meanTickMicros: 610, inferenceMillisPerGeneration: 1_400)
        remote.retries = 1
        remote.inferenceDistribution = LatencyDistribution(values: [300_000, 1_000_000], counts: [30, 10])
        remote.matchDistribution = LatencyDistribution(values: [95_000_000, 1_000_000_000], counts: [5, 1])
        let training = TrainingFigures(task: "duel", generation: 12, populationSize: 150, threads: 2, bestFitness: 3.5,
                                       meanFitness: 1.25, speciesCount: 7, championWinRate: 0.25, paused: false)
        // Generations every 5 s from 45 s to 100 s: 95 and 100 fall in the last 10 s.
        let points = (0..<12).map { i in
            GenerationPoint(index: i, generation: i, finishedAt: UInt64(45 + 5 * i) * s, bestFitness: 0, meanFitness: 0,
                            speciesCount: 7, championWinRate: nil, mode: i < 10 ? .cpu : .remote(batch: 8))
        }
        return MetricsSnapshot(takenAt: 100 * s, uptimeSeconds: 55.5, currentMode: .remote(batch: 8), training: training,
                               modes: [cpu, remote], recentGenerations: points)
    }()

    static let process = ProcessTotals(cpuSeconds: 12.34, residentBytes: 50 << 20, virtualBytes: 1 << 30,
                                       startTimeSeconds: 1_795_000_000.5, threads: 9)

    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: Fixtures.path("prometheus/" + name), encoding: .utf8)
    }

    /// The whole text, byte for byte: every family, its order, HELP and TYPE lines, labels, buckets.
    @Test func rendersTheFixedSnapshotExactly() throws {
        let text = PrometheusExposition.render(snapshot: Self.snapshot, process: Self.process)
        let expected = try Self.fixture("trainer.prom")
        #expect(text == expected, "\(firstDifference(text, expected))")
    }

    /// Before training has a recorder: the process families alone.
    @Test func withoutSnapshotOnlyProcessFamilies() throws {
        let text = PrometheusExposition.render(snapshot: nil, process: Self.process)
        #expect(text == PrometheusExposition.render(process: Self.process))
        #expect(text.hasPrefix("# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n"))
        #expect(!text.contains("dashboard_"))
    }

    /// A figure /proc did not give, or a mode that has not run: HELP and TYPE, no sample.
    @Test func missingFiguresLeaveFamiliesWithoutSamples() {
        var snap = Self.snapshot
        snap.modes = []
        snap.training.championWinRate = nil
        let text = PrometheusExposition.render(snapshot: snap, process: ProcessTotals())
        #expect(text.contains("# TYPE dashboard_inference_duration_seconds histogram\n# HELP dashboard_match_duration_seconds"))
        #expect(text.contains("# TYPE dashboard_champion_win_ratio gauge\n# HELP"))
        #expect(!text.contains("mode=\""))
        #expect(text.hasSuffix("# HELP process_threads Threads of the process.\n# TYPE process_threads gauge\n"))
    }

    /// Every histogram series of a rendered snapshot: buckets never decrease, the
    /// +Inf bucket equals _count, which equals the distribution's total, and _sum
    /// is the distribution's sum; read back from the text as a scraper reads it.
    @Test func histogramsInTheTextAreCumulativeAndConsistent() {
        let text = PrometheusExposition.render(snapshot: Self.snapshot, process: Self.process)
        let samples = ExpositionParser.samples(text)
        for (name, field) in [("dashboard_inference_duration_seconds", \ModeFigures.inferenceDistribution),
                              ("dashboard_match_duration_seconds", \ModeFigures.matchDistribution)] {
            for f in Self.snapshot.modes {
                let mode = PrometheusExposition.modeLabel(f.mode)
                let buckets = samples.filter { $0.name == name + "_bucket" && $0.labels["mode"] == mode }
                #expect(buckets.last?.labels["le"] == "+Inf")
                let counts = buckets.map(\.value)
                #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 }, "\(name) \(mode)")
                let count = samples.first { $0.name == name + "_count" && $0.labels["mode"] == mode }?.value
                let sum = samples.first { $0.name == name + "_sum" && $0.labels["mode"] == mode }?.value
                let d = f[keyPath: field]
                #expect(count == Double(d.totalCount) && counts.last == count)
                let expectedSum = zip(d.values, d.counts).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } / 1e9
                #expect(sum.map { abs($0 - expectedSum) < 1e-12 } == true)
            }
        }
    }

    @Test func everySampleBelongsToAFamilyDeclaredOnceBeforeIt() {
        let text = PrometheusExposition.render(snapshot: Self.snapshot, process: Self.process)
        var declared = [String: String]()   // family → type
        var current: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                let name = String(parts[2])
                #expect(declared[name] == nil, "\(name) declared twice")
                declared[name] = String(parts[3])
                current = name
            } else if !line.hasPrefix("#") {
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                let family = declared[name] == "histogram" ? name : ["_bucket", "_sum", "_count"]
                    .first { name.hasSuffix($0) }.map { String(name.dropLast($0.count)) } ?? name
                #expect(family == current || name == current, "\(name) outside its family")
            }
        }
        for (name, type) in declared {
            #expect(type != "counter" || name.hasSuffix("_total"), "counter \(name) without _total")
        }
    }

    @Test func modeLabels() {
        #expect(PrometheusExposition.modeLabel(.cpu) == "cpu")
        #expect(PrometheusExposition.modeLabel(.remote(batch: 1)) == "remote_b1")
        #expect(PrometheusExposition.modeLabel(.remote(batch: 64)) == "remote_b64")
    }

    func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<Swift.max(x.count, y.count) where (i < x.count ? x[i] : "<end>") != (i < y.count ? y[i] : "<end>") {
            return "line \(i + 1): got \(i < x.count ? x[i] : "<end>"), expected \(i < y.count ? y[i] : "<end>")"
        }
        return "equal"
    }
}

/// Reads sample lines back as a scraper does: name, labels, value.
enum ExpositionParser {
    struct Sample { var name: String; var labels: [String: String]; var value: Double }

    static func samples(_ text: String) -> [Sample] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            guard let space = line.lastIndex(of: " ") else { return nil }
            let series = line[..<space], valueText = line[line.index(after: space)...]
            let value = valueText == "+Inf" ? Double.infinity : Double(valueText) ?? .nan
            guard let brace = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [:], value: value) }
            var labels = [String: String]()
            for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                labels[String(kv[0])] = String(kv[1].dropFirst().dropLast())
            }
            return Sample(name: String(series[..<brace]), labels: labels, value: value)
        }
    }
}

@Suite struct PrometheusBreakdownTests {
    /// A remote mode's round-trip parts as gauges per mode and part (seconds), and its verdict as a labelled 1.
    @Test func breakdownPartsAndVerdictPerMode() {
        var snap = PrometheusExpositionTests.snapshot
        var remote = snap.modes[1]
        remote.inference = LatencySummary(count: 40, p50: 0, p95: 0, p99: 0, max: 0, mean: 0)
        remote.breakdown = BreakdownFigures(requests: 40, meanRoundTripMicros: 5_100, parts: BreakdownPart.allCases.map {
            let mean: Double = $0 == .wire ? 5_000 : ($0 == .serverCompute ? 40 : 10)
            return LatencySummary(count: 40, p50: mean, p95: mean, p99: mean * 2, max: mean * 3, mean: mean)
        }, statisticsRequests: 30)
        snap.modes[1] = remote
        let text = PrometheusExposition.render(snapshot: snap, process: PrometheusExpositionTests.process)
        let samples = ExpositionParser.samples(text)
        func value(_ name: String, _ part: String) -> Double? {
            samples.first { $0.name == name && $0.labels["mode"] == "remote_b8" && $0.labels["part"] == part }?.value
        }
        #expect(value("dashboard_request_breakdown_mean_seconds", "wire") == 0.005)
        #expect(value("dashboard_request_breakdown_mean_seconds", "server_compute") == 0.00004)
        #expect(value("dashboard_request_breakdown_p99_seconds", "wire") == 0.01)
        #expect(samples.filter { $0.name == "dashboard_request_breakdown_mean_seconds" }.count == BreakdownPart.allCases.count)
        // CPU-only has no breakdown: no series of it.
        #expect(!samples.contains { $0.name.hasPrefix("dashboard_request_breakdown") && $0.labels["mode"] == "cpu" })
        #expect(text.contains("# TYPE dashboard_request_breakdown_mean_seconds gauge\n"))
        func split(_ source: String) -> Double? {
            samples.first { $0.name == "dashboard_request_breakdown_requests" && $0.labels["mode"] == "remote_b8" && $0.labels["source"] == source }?.value
        }
        #expect(split("header") == 10 && split("statistics") == 30)
        let verdict = samples.first { $0.name == "dashboard_bottleneck" && $0.labels["mode"] == "remote_b8" }
        #expect(verdict?.labels["kind"] == "network-bound" && verdict?.value == 1)
    }
}
