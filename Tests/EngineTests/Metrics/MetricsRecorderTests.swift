import Testing
@testable import Engine

@Suite struct MetricsRecorderTests {
    /// Per-thread histograms and atomic counters merge exactly under concurrency.
    @Test func mergesUnderConcurrency() {
        let workers = 4
        let metrics = MetricsRecorder(workers: workers, mode: .cpu, task: "duel", clock: ManualClock())
        let rec = metrics.recorder(for: .cpu)
        let pool = WorkerPool(threads: workers)
        pool.run(count: 4000) { i, w in
            metrics.recordTicks(rec, worker: w, inferenceNanos: [UInt64(1000 * (i % 100 + 1))][...], matchNanos: [UInt64(i + 1) * 1000][...],
                                rows: 2, tickNanos: 5000, countsAsRequest: true)
        }
        let f = metrics.snapshot().figures(for: .cpu)!
        #expect(f.requests == 4000)
        #expect(f.vectors == 8000)
        #expect(f.inference.count == 4000)
        #expect(f.match.count == 4000)
        // Inference values 1…100 µs uniformly: p50 ≈ 50 µs.
        #expect(abs(f.inference.p50 - 50) <= 0.5)  // 2 significant digits: within 1%
        #expect(abs(f.inference.max - 100) <= 1)
        #expect(abs(f.meanTickMicros - 5) < 1e-9)
        #expect(abs(f.match.max - 4000) <= 40)
    }

    /// A remote mode's per-request histogram, fed from every worker thread at once,
    /// holds every request apart from the per-tick waits; failures count as errors.
    @Test func perRequestLatencyMergesUnderConcurrencyBesideTheTickWait() {
        let workers = 4
        let mode = InferenceMode.remote(batch: 8)
        let metrics = MetricsRecorder(workers: workers, mode: mode, task: "duel", clock: ManualClock())
        let rec = metrics.recorder(for: mode)
        let pool = WorkerPool(threads: workers)
        pool.run(count: 8000) { i, w in
            rec.recordRequest(nanos: UInt64(1000 * (i % 200 + 1)), failed: i % 1000 == 999, message: "failed \(i)")
            if i % 100 == 0 {
                metrics.recordTicks(rec, worker: w, inferenceNanos: [UInt64(1_000_000)][...], matchNanos: [][...],
                                    rows: 800, tickNanos: 2_000_000, countsAsRequest: false)
            }
        }
        let f = metrics.snapshot().figures(for: mode)!
        let r = try! #require(f.requestLatency)
        #expect(r.count == 8000)
        #expect(f.requests == 8000 - 8 && f.errors == 8)
        // Request latencies 1…200 µs uniformly: p50 ≈ 100 µs, p99 ≈ 198 µs; the tick waits are 1 ms each.
        #expect(abs(r.p50 - 100) <= 1 && abs(r.p99 - 198) <= 2 && abs(r.max - 200) <= 2)
        #expect(f.inference.count == 80 && abs(f.inference.p50 - 1000) <= 10)
        #expect(f.vectors == 64_000)
    }

    /// Active time per mode follows switches and pauses (injected clock).
    @Test func activeTimeFollowsModeAndPause() {
        let clock = ManualClock()
        let m = MetricsRecorder(workers: 1, mode: .cpu, task: "duel", clock: clock)
        m.setCurrentMode(.cpu)
        clock.advance(by: 2_000_000_000)
        m.setCurrentMode(.remote(batch: 8))
        clock.advance(by: 1_000_000_000)
        m.setPaused(true)
        clock.advance(by: 5_000_000_000)
        m.setPaused(false)
        clock.advance(by: 1_000_000_000)
        let s = m.snapshot()
        #expect(s.figures(for: .cpu)?.activeSeconds == 2)
        #expect(s.figures(for: .remote(batch: 8))?.activeSeconds == 2)
        #expect(s.currentMode == .remote(batch: 8))
        #expect(s.uptimeSeconds == 9)
    }

    @Test func generationLineSummaryResets() {
        let m = MetricsRecorder(workers: 2, mode: .cpu, task: "duel", clock: ManualClock())
        let rec = m.recorder(for: .cpu)
        for i in 1...100 {
            m.recordTicks(rec, worker: i % 2, inferenceNanos: [], matchNanos: [UInt64(i) * 1000][...], rows: 0, tickNanos: 0,
                          countsAsRequest: false)
        }
        let g = Genome(id: 0, numInputs: 1, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .identity)], connections: [], fitness: 1)
        let stats = GenerationStats(generation: 0, bestFitness: 1, meanFitness: 1, speciesCount: 1, compatibilityThreshold: 3, champion: g)
        let first = m.finishGeneration(mode: .cpu, inferenceNanos: 10, wallNanos: 1000, stats: stats, populationSize: 2, championWinRate: 0.5)
        #expect(first.count == 100)
        #expect(abs(first.p50 - 50) <= 0.5)
        let second = m.finishGeneration(mode: .cpu, inferenceNanos: 10, wallNanos: 1000, stats: stats, populationSize: 2, championWinRate: 0.5)
        #expect(second.count == 0)
        #expect(m.snapshot().figures(for: .cpu)?.generations == 2)
    }
}

@Suite struct GenerationPointTests {
    func stats(_ g: Int, best: Double) -> GenerationStats {
        let genome = Genome(id: 0, numInputs: 1, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .identity)], connections: [], fitness: best)
        return GenerationStats(generation: g, bestFitness: best, meanFitness: best / 2, speciesCount: 3 + g, compatibilityThreshold: 3, champion: genome)
    }

    /// Each finished generation reaches the snapshot with its figures, time and mode; the index keeps
    /// counting when a task restarts its population (generation numbers repeat).
    @Test func snapshotsCarryEveryGeneration() {
        let clock = ManualClock(start: 5_000_000_000)
        let m = MetricsRecorder(workers: 1, mode: .cpu, task: "xor", clock: clock)
        for g in [0, 1, 0] {
            clock.advance(by: 1_000_000_000)
            m.finishGeneration(mode: g == 1 ? .remote(batch: 8) : .cpu, inferenceNanos: 0, wallNanos: 1, stats: stats(g, best: Double(g) + 1),
                               populationSize: 10, championWinRate: g == 1 ? 0.25 : nil)
        }
        let points = m.snapshot().recentGenerations
        #expect(points.map(\.index) == [0, 1, 2])
        #expect(points.map(\.generation) == [0, 1, 0])
        #expect(points.map(\.finishedAt) == [6_000_000_000, 7_000_000_000, 8_000_000_000])
        #expect(points[1] == GenerationPoint(index: 1, generation: 1, finishedAt: 7_000_000_000, bestFitness: 2, meanFitness: 1,
                                             speciesCount: 4, championWinRate: 0.25, mode: .remote(batch: 8)))
        #expect(points[2].championWinRate == nil)
    }

    /// The snapshot keeps the most recent `generationPointCapacity`, oldest first.
    @Test func theRingKeepsTheNewest() {
        let m = MetricsRecorder(workers: 1, mode: .cpu, task: "xor", clock: ManualClock())
        let n = MetricsRecorder.generationPointCapacity + 10
        for g in 0..<n {
            m.finishGeneration(mode: .cpu, inferenceNanos: 0, wallNanos: 1, stats: stats(g, best: 1), populationSize: 10, championWinRate: nil)
        }
        let points = m.snapshot().recentGenerations
        #expect(points.count == MetricsRecorder.generationPointCapacity)
        #expect(points.first?.index == 10)
        #expect(points.last?.index == n - 1)
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.index + 1 == $1.index })
    }
}

@Suite struct ModeRecorderCountersTests {
    /// The cheap counters read what the full figures read, without merging histograms.
    @Test func countersMatchTheFigures() {
        let metrics = MetricsRecorder(workers: 2, mode: .cpu, task: "duel", clock: ManualClock())
        let r = metrics.recorder(for: .cpu)
        r.recordTicks(worker: 0, inferenceNanos: [100, 200, 300][...], matchNanos: [][...], rows: 24, tickNanos: 900, countsAsRequest: true)
        r.recordRequest(nanos: 5_000, failed: false, message: nil)
        r.recordRequest(nanos: 7_000, failed: true, message: "refused")
        r.recordRetry(message: "again")
        let f = r.figures()
        #expect(r.counters == RequestCounters(requests: 4, vectors: 24, errors: 1, retries: 0))  // retries: remote modes only
        #expect(r.counters == RequestCounters(requests: f.requests, vectors: f.vectors, errors: f.errors, retries: f.retries))
    }
}
