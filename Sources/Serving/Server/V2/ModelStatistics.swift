#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import Synchronization
import Wire

/// Cumulative counts and times of one model's v2 inferences, for the statistics
/// extension (`GET /v2/models/{name}/stats`, Triton's format): a client that
/// cannot read `Server-Timing` can still split a round trip into the server's
/// queue and compute time and the rest. Lock-free (atomics); recorded once per request.
public final class ModelStatistics: Sendable {
    private let successes = Atomic<Int>(0)
    private let failures = Atomic<Int>(0)
    private let inferences = Atomic<Int>(0)
    private let successNanos = Atomic<Int>(0)
    private let failureNanos = Atomic<Int>(0)
    private let queueNanos = Atomic<Int>(0)
    private let inputNanos = Atomic<Int>(0)
    private let computeNanos = Atomic<Int>(0)
    private let outputNanos = Atomic<Int>(0)
    /// Milliseconds since the epoch of the last inference (0 before the first).
    private let lastInference = Atomic<Int>(0)

    public init() {}

    func recordSuccess(rows: Int, timing: ServerTiming) {
        successes.add(1, ordering: .relaxed)
        inferences.add(rows, ordering: .relaxed)
        let total = timing.queue + timing.decode + timing.compute + timing.encode
        successNanos.add(Self.nanos(total), ordering: .relaxed)
        queueNanos.add(Self.nanos(timing.queue), ordering: .relaxed)
        inputNanos.add(Self.nanos(timing.decode), ordering: .relaxed)
        computeNanos.add(Self.nanos(timing.compute), ordering: .relaxed)
        outputNanos.add(Self.nanos(timing.encode), ordering: .relaxed)
        lastInference.store(Self.epochMillis(), ordering: .relaxed)
    }

    func recordFailure(since start: ContinuousClock.Instant) {
        failures.add(1, ordering: .relaxed)
        failureNanos.add(Self.nanos(start.duration(to: .now)), ordering: .relaxed)
    }

    static func nanos(_ d: Duration) -> Int {
        let (s, a) = d.components
        return Int(s) * 1_000_000_000 + Int(a / 1_000_000_000)
    }

    static func epochMillis() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }

    /// `{"model_stats": [{"name", "version", "last_inference", "inference_count", "execution_count", "inference_stats": {...}}, …]}`:
    /// one entry per model, in the order given.
    static func json(for models: [ServedModel]) -> ByteBuffer {
        var out = ByteBuffer()
        out.writeStaticString("{\"model_stats\":[")
        for (i, m) in models.enumerated() {
            if i > 0 { out.writeStaticString(",") }
            m.statistics.writeEntry(for: m, into: &out)
        }
        out.writeStaticString("]}")
        return out
    }

    /// One model's entry of `model_stats`.
    private func writeEntry(for model: ServedModel, into out: inout ByteBuffer) {
        func pair(_ count: Int, _ nanos: Int) -> String { "{\"count\":\(count),\"ns\":\(nanos)}" }
        let ok = successes.load(ordering: .relaxed)
        out.writeStaticString("{\"name\":")
        JSONWriter.writeString(model.id, into: &out)
        out.writeStaticString(",\"version\":")
        JSONWriter.writeString(model.version, into: &out)
        out.writeString(",\"last_inference\":\(lastInference.load(ordering: .relaxed))"
            + ",\"inference_count\":\(inferences.load(ordering: .relaxed)),\"execution_count\":\(ok)"
            + ",\"inference_stats\":{\"success\":\(pair(ok, successNanos.load(ordering: .relaxed)))"
            + ",\"fail\":\(pair(failures.load(ordering: .relaxed), failureNanos.load(ordering: .relaxed)))"
            + ",\"queue\":\(pair(ok, queueNanos.load(ordering: .relaxed)))"
            + ",\"compute_input\":\(pair(ok, inputNanos.load(ordering: .relaxed)))"
            + ",\"compute_infer\":\(pair(ok, computeNanos.load(ordering: .relaxed)))"
            + ",\"compute_output\":\(pair(ok, outputNanos.load(ordering: .relaxed)))},\"batch_stats\":[]}")
    }
}
