import Engine
import Testing
@testable import Monitor

@Suite struct TrainingIntervalFiguresTests {
    let mode = InferenceMode.remote(batch: 8)

    func record(_ r: ModeRecorder, count: Int, roundTrip: UInt64, compute: UInt64) {
        for _ in 0..<count {
            r.recordRequest(nanos: roundTrip, failed: false, message: nil)
            r.recordBreakdown(RequestBreakdown(roundTripNanos: roundTrip, clientEncodeNanos: 1_000, clientDecodeNanos: 1_000,
                                               server: (decode: 1_000, queue: 1_000, compute: compute, encode: 1_000)))
        }
    }

    /// A warm-up spent on the server, then repetitions spent on the wire: the interval's verdict is the repetitions'.
    @Test func theVerdictIsTheIntervalsNotTheWarmUps() throws {
        let metrics = MetricsRecorder(workers: 1, mode: mode, task: "duel")
        let r = metrics.recorder(for: mode)
        record(r, count: 20_000, roundTrip: 100_000, compute: 95_000)
        let before = try #require(metrics.snapshot().figures(for: mode))
        record(r, count: 1_000, roundTrip: 1_000_000, compute: 1_000)
        let after = try #require(metrics.snapshot().figures(for: mode))

        let whole = TrainingInterval(before: nil, after: after, wallSeconds: 2).figures(load: nil)
        #expect(whole.bottleneck?.kind == .serverBound, "warm-up included: \(whole.bottleneck?.line(label: "x") ?? "none")")
        let f = TrainingInterval(before: before, after: after, wallSeconds: 2).figures(load: nil)
        #expect(f.requests == 1_000 && f.requestLatency?.count == 1_000)
        let b = try #require(f.breakdown)
        #expect(b.requests == 1_000 && abs(b.meanRoundTripMicros - 1_000) < 0.01 && abs(b[.serverCompute].mean - 1) < 0.01)
        let verdict = try #require(f.bottleneck)
        #expect(verdict.kind == .networkBound, "\(verdict.line(label: "x"))")
        #expect(verdict.line(label: "Remote (Batch=8)") == "Remote (Batch=8): network-bound — wire 994 µs of a 1.00 ms round trip")
    }

    /// The threads' load is attached and read: a worker near a core beside an idle server is client-bound.
    @Test func theLedgersThreadsDecideWithTheBreakdown() throws {
        let metrics = MetricsRecorder(workers: 1, mode: mode, task: "duel")
        record(metrics.recorder(for: mode), count: 100, roundTrip: 600_000, compute: 1_000)
        let after = try #require(metrics.snapshot().figures(for: mode))
        let load = ModeLoad(seconds: 10, threads: [ModeLoad.Thread(process: .dashboard, name: "neat-eval-0", cpuPercent: 90, waitPercent: 7),
                                                   ModeLoad.Thread(process: .server, name: "NIO-ELT-0-#0", cpuPercent: 20)], serverObserved: true)
        let verdict = try #require(TrainingInterval(before: nil, after: after, wallSeconds: 10).figures(load: load).bottleneck)
        #expect(verdict.kind == .clientBound)
        #expect(verdict.line(label: "Remote (Batch=8)").hasPrefix("Remote (Batch=8): client-bound — dashboard neat-eval-0 busy 97% of a core, server 20%"))
    }

    @Test func cpuTicksAreTheIntervals() throws {
        let metrics = MetricsRecorder(workers: 1, mode: .cpu, task: "duel")
        let r = metrics.recorder(for: .cpu)
        metrics.recordTicks(r, worker: 0, inferenceNanos: Array(repeating: 90_000, count: 100)[...], matchNanos: [],
                            rows: 100, tickNanos: 100 * 100_000, countsAsRequest: true)
        let before = try #require(metrics.snapshot().figures(for: .cpu))
        metrics.recordTicks(r, worker: 0, inferenceNanos: Array(repeating: 10_000, count: 100)[...], matchNanos: [],
                            rows: 100, tickNanos: 100 * 100_000, countsAsRequest: true)
        let after = try #require(metrics.snapshot().figures(for: .cpu))
        let f = TrainingInterval(before: before, after: after, wallSeconds: 1).figures(load: nil)
        #expect(f.inference.count == 100 && abs(f.meanTickMicros - 100) < 0.01)
        #expect(abs(f.inference.mean - 10) < 1, "\(f.inference.mean)")
        #expect(f.bottleneck?.line(label: "CPU-Only").hasPrefix("CPU-Only: CPU-bound — game simulation 9") == true)
    }
}
