import Engine
import Monitor

/// How the remote rows' latency and request rate are measured: the seam where a
/// load generator stands in for the training's own requests.
///
/// It is called after each repetition, while the server still holds the networks of
/// the repetition's last generation: a load generator can send its own requests to
/// `serverURL` then, and return their figures instead of the training's.
protocol RemoteRowMeasuring {
    /// The figures of `mode`'s row for the repetition that just trained through it.
    func measure(mode: InferenceMode, training: TrainingInterval, serverURL: String) throws -> RowLatency
    /// How `mode`'s row is measured, for the report to say under its table.
    func method(mode: InferenceMode) -> RemoteRowMethod
}

/// The remote rows from the HTTP requests the training itself made during the
/// repetition (each request timed from send to last byte).
struct TrainingRequestLatency: RemoteRowMeasuring {
    func measure(mode: InferenceMode, training: TrainingInterval, serverURL: String) -> RowLatency { RowLatency.requests(training) }

    func method(mode: InferenceMode) -> RemoteRowMethod {
        RemoteRowMethod(source: RemoteRowMethod.training, rowsPerRequest: mode.batchSize)
    }
}
