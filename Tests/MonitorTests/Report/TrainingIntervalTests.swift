import Engine
import Testing
@testable import Monitor

@Suite struct TrainingIntervalTests {
    let mode = InferenceMode.remote(batch: 1)

    func breakdown(compute: UInt64) -> RequestBreakdown {
        RequestBreakdown(roundTripNanos: 100_000, clientEncodeNanos: 10_000, clientDecodeNanos: 5_000,
                         server: (decode: 2_000, queue: 1_000, compute: compute, encode: 2_000))
    }

    /// Warm-up requests of 50 ms, then a repetition of 1 ms requests: the repetition's row sees only its own.
    @Test func aRepetitionSeesOnlyItsOwnRequests() throws {
        let metrics = MetricsRecorder(workers: 1, mode: mode, task: "duel")
        let recorder = metrics.recorder(for: mode)
        for _ in 0..<100 { recorder.recordRequest(nanos: 50_000_000, failed: false, message: nil); recorder.recordBreakdown(breakdown(compute: 40_000)) }
        recorder.recordRequest(nanos: 50_000_000, failed: true, message: "warm-up failure")
        let before = try #require(metrics.snapshot().figures(for: mode))
        for _ in 0..<1000 { recorder.recordRequest(nanos: 1_000_000, failed: false, message: nil); recorder.recordBreakdown(breakdown(compute: 20_000)) }
        let after = try #require(metrics.snapshot().figures(for: mode))
        let t = TrainingInterval(before: before, after: after, wallSeconds: 2)

        #expect(t.delta(\.requests) == 1000 && t.delta(\.errors) == 0)
        let row = RowLatency.requests(t)
        #expect(abs(row.p99Micros - 1000) < 10)   // HdrHistogram buckets: 2 significant digits
        #expect(abs(row.p50Micros - 1000) < 10)
        #expect(row.requestsPerSecond == 500)
        let parts = try #require(t.breakdownMicros)
        #expect(abs(parts["server_compute"]! - 20) < 0.5)
        #expect(abs(parts["client_encode"]! - 10) < 0.5)

        // Without the earlier snapshot the warm-up shows: p99 at 50 ms, one error.
        let whole = RowLatency.requests(TrainingInterval(before: nil, after: after, wallSeconds: 2))
        #expect(whole.p99Micros > 40_000 && whole.errors == 1)
    }

    @Test func cpuCallsComeFromTheInferenceDistribution() throws {
        let metrics = MetricsRecorder(workers: 1, mode: .cpu, task: "duel")
        let recorder = metrics.recorder(for: .cpu)
        let before = try #require(metrics.snapshot().figures(for: .cpu))
        let waits = [UInt64](repeating: 8_000, count: 99) + [80_000]
        metrics.recordTicks(recorder, worker: 0, inferenceNanos: waits[...], matchNanos: [], rows: 100, tickNanos: 1_000_000, countsAsRequest: true)
        let after = try #require(metrics.snapshot().figures(for: .cpu))
        let row = RowLatency.calls(TrainingInterval(before: before, after: after, wallSeconds: 0.5))
        #expect(abs(row.p50Micros - 8) < 0.1)
        #expect(abs(row.p99Micros - 8) < 0.1)   // the 100th call is above the 99th percentile
        #expect(row.requestsPerSecond == 200)
        #expect(TrainingInterval(before: before, after: after, wallSeconds: 0.5).breakdownMicros == nil)
    }
}
