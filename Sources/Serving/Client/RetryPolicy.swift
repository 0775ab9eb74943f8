/// When and how soon a failed request is tried again: exponential backoff,
/// only for errors that `RemoteError.isRetryable` says may pass.
///
/// A retry re-sends the same rows; the engine writes a request's outputs only
/// from the one response it accepts, so a retry never duplicates a result.
///
/// ```swift
/// let policy = RetryPolicy(maxRetries: 3, initialBackoff: .milliseconds(20))
/// policy.backoff(beforeRetry: 1)   // 20 ms
/// policy.backoff(beforeRetry: 3)   // 80 ms
/// ```
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt (0 disables retrying).
    public var maxRetries: Int
    /// Wait before the first retry.
    public var initialBackoff: Duration
    /// Factor applied to the wait for each further retry.
    public var multiplier: Double
    /// Upper bound on any single wait.
    public var maxBackoff: Duration

    public init(maxRetries: Int = 3, initialBackoff: Duration = .milliseconds(20), multiplier: Double = 2, maxBackoff: Duration = .seconds(2)) {
        self.maxRetries = max(0, maxRetries)
        self.initialBackoff = initialBackoff
        self.multiplier = max(1, multiplier)
        self.maxBackoff = maxBackoff
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxRetries: 0)

    /// Whether to retry after `error` when `retriesSoFar` retries have been made.
    public func shouldRetry(_ error: RemoteError, retriesSoFar: Int) -> Bool {
        error.isRetryable && retriesSoFar < maxRetries
    }

    /// The wait before retry number `retry` (1-based).
    public func backoff(beforeRetry retry: Int) -> Duration {
        var wait = Double(initialBackoff.nanoseconds)
        for _ in 1..<max(1, retry) { wait *= multiplier }
        return .nanoseconds(Int64(min(wait, Double(maxBackoff.nanoseconds))))
    }
}

extension Duration {
    /// Whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (s, atto) = components
        let (ns, overflow) = s.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : ns &+ atto / 1_000_000_000
    }

    var milliseconds: Int { Int(nanoseconds / 1_000_000) }
}
