import Engine
import Testing
@testable import Monitor

@Suite struct DecisionMatrixTests {
    func figures(_ mode: InferenceMode, p99: Double, gens: Int, secs: Double = 100, cpu: Double? = nil,
                 rss: UInt64? = nil, vectors: UInt64 = 1000) -> ModeFigures {
        ModeFigures(mode: mode, inference: LatencySummary(count: 10, p50: p99 / 2, p95: p99, p99: p99, max: p99, mean: p99 / 2),
                    requests: vectors, vectors: vectors, activeSeconds: secs, generations: gens,
                    cpuSecondsPerGeneration: cpu, peakRSSBytes: rss)
    }

    @Test func starsFormula() {
        #expect(DecisionMatrix.stars(ratio: 1) == 5)
        #expect(DecisionMatrix.stars(ratio: 0.5) == 3)
        #expect(DecisionMatrix.stars(ratio: 0.01) == 1)
        #expect(DecisionMatrix.stars(ratio: 0.8) == 4)    // 1 + round(3.2)
        #expect(DecisionMatrix.stars(ratio: .nan) == 1)
    }

    @Test func weightsAreTheGuides() {
        #expect(DecisionMatrix.Factor.allCases.map(\.weight) == [0.4, 0.3, 0.2, 0.1])
        #expect(InferenceMode.Column.allCases.map(DecisionMatrix.complexityStars) == [5, 3, 2])
    }

    @Test func nothingMeasured() {
        let m = DecisionMatrix(figures: [ModeFigures(mode: .cpu)])   // present but no calls
        #expect(m.recommended == nil)
        #expect(m.columns.allSatisfy { !$0.isMeasured && $0.stars.isEmpty && $0.score == nil })
    }

    @Test func scoresFromMeasuredFigures() {
        // CPU: fast calls, slow training; batch 8: 10× slower calls, 2× the generations/s, more resources.
        let m = DecisionMatrix(figures: [
            figures(.cpu, p99: 40, gens: 50, cpu: 2, rss: 100),
            figures(.remote(batch: 8), p99: 400, gens: 100, cpu: 4, rss: 200),
        ])
        let cpu = m.columns[0], single = m.columns[1], batched = m.columns[2]
        #expect(cpu.stars == [5, 3, 5, 5])         // throughput 0.5 → 3
        #expect(batched.stars == [1, 5, 3, 2])     // latency 0.1 → 1 + round(0.4) = 1; resource 0.5 → 3
        #expect(!single.isMeasured)
        #expect(abs(cpu.score! - (0.4 * 5 + 0.3 * 3 + 0.2 * 5 + 0.1 * 5)) < 1e-9)   // 4.4
        #expect(abs(batched.score! - (0.4 * 1 + 0.3 * 5 + 0.2 * 3 + 0.1 * 2)) < 1e-9) // 2.7
        #expect(m.recommended == .cpu)
        #expect(batched.mode == .remote(batch: 8))
    }

    /// Remote columns are scored on one HTTP request's p99, CPU-only on one call's:
    /// a remote mode's per-tick wait (many requests) never enters the latency factor.
    @Test func latencyUsesPerRequestP99ForRemoteColumns() {
        var remote = figures(.remote(batch: 8), p99: 4000, gens: 50, cpu: 2, rss: 100)
        remote.requestLatency = LatencySummary(count: 1000, p50: 20, p95: 30, p99: 40, max: 90, mean: 22)
        let m = DecisionMatrix(figures: [figures(.cpu, p99: 80, gens: 50, cpu: 2, rss: 100), remote])
        #expect(DecisionMatrix.latencyP99(remote) == 40 && DecisionMatrix.latencyP99(figures(.cpu, p99: 80, gens: 50, cpu: 2, rss: 100)) == 80)
        #expect(m.columns[2].stars[0] == 5)   // 40 µs per request is the best p99
        #expect(m.columns[0].stars[0] == 3)   // 40 / 80 = 0.5 → 3
        var unmeasured = remote
        unmeasured.requestLatency = LatencySummary.empty
        #expect(DecisionMatrix.latencyP99(unmeasured) == 4000)   // no request yet: the per-tick p99
    }

    @Test func batchedColumnUsesTheFastestBatchSize() {
        let m = DecisionMatrix(figures: [
            figures(.remote(batch: 4), p99: 300, gens: 20),
            figures(.remote(batch: 16), p99: 500, gens: 40),
            figures(.remote(batch: 1), p99: 100, gens: 10),
        ])
        #expect(m.columns[2].mode == .remote(batch: 16))
        #expect(m.columns[0].mode == nil)
    }

    @Test func tiesGoToTheSimplerColumn() {
        let m = DecisionMatrix(figures: [
            figures(.remote(batch: 1), p99: 100, gens: 10, cpu: 1, rss: 1),
            figures(.remote(batch: 8), p99: 100, gens: 10, cpu: 1, rss: 1),
        ])
        // Same measured stars; complexity 3 vs 2 decides anyway, and a tie would keep batch 1 too.
        #expect(m.recommended == .remoteSingle)
    }

    @Test func throughputFallsBackToVectorsBeforeAnyGeneration() {
        let m = DecisionMatrix(figures: [
            figures(.cpu, p99: 10, gens: 0, vectors: 1000),
            figures(.remote(batch: 1), p99: 10, gens: 3, vectors: 250),
        ])
        #expect(m.columns[0].stars(for: .throughput) == 5)
        #expect(m.columns[1].stars(for: .throughput) == 2)   // 0.25 → 1 + round(1) = 2
        #expect(m.columns[0].stars(for: .resource) == 3)     // nothing known: neutral
    }
}
