import Engine

/// Receives one call per finished `/infer` request and per retry, for metrics.
///
/// Called from the worker thread that made the request; keep it cheap
/// (an atomic add, a per-thread histogram record).
public protocol RemoteRequestObserver: Sendable {
    /// A request finished: `rows` rows, `nanos` from first send to final answer
    /// (retries included), `error` nil on success or the final error.
    func requestFinished(rows: Int, nanos: UInt64, error: RemoteError?)
    /// A request (an `/infer`, an upload or a health check) failed with a
    /// retryable `error` and will be sent again.
    func retried(_ error: RemoteError)
    /// A generation's models were delivered (a population upload, or v2 loads).
    func uploadFinished(models: Int, bytes: Int, nanos: UInt64, error: RemoteError?)
    /// The backend settled on a protocol (once, before its first delivery).
    func protocolResolved(_ resolved: ResolvedProtocol)
    /// An `/infer` request was answered: where its round trip went (client,
    /// wire and, when the server sent `Server-Timing`, server parts).
    func requestTimed(_ breakdown: RequestBreakdown)
}

extension RemoteRequestObserver {
    public func uploadFinished(models: Int, bytes: Int, nanos: UInt64, error: RemoteError?) {}
    public func protocolResolved(_ resolved: ResolvedProtocol) {}
    public func requestTimed(_ breakdown: RequestBreakdown) {}
}
