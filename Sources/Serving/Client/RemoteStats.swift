import Engine
import Synchronization

/// Counts every remote request, row, retry and failure, and keeps the last
/// error, so no failure is silent. Thread-safe; every `RemoteBackend` owns one.
public final class RemoteStats: RemoteRequestObserver {
    private let requests = Atomic<Int>(0)
    private let rows = Atomic<Int>(0)
    private let failures = Atomic<Int>(0)
    private let retries = Atomic<Int>(0)
    private let uploads = Atomic<Int>(0)
    private let uploadFailures = Atomic<Int>(0)
    private let unloadFailures = Atomic<Int>(0)
    private let requestNanos = Atomic<UInt64>(0)
    private let uploadedBytes = Atomic<Int>(0)
    private let inlineNetworks = Atomic<Int>(0)
    private let missingAnswers = Atomic<Int>(0)
    private let last = Locked<RemoteError?>(nil)

    public init() {}

    /// A consistent-enough copy of the counters (each is read atomically).
    public struct Snapshot: Sendable, Equatable {
        /// Finished `/infer` requests, successful or not.
        public var requests: Int
        /// Rows in successful requests.
        public var rows: Int
        /// Requests that finally failed (after retries).
        public var failures: Int
        /// Retries made (each is also a failed attempt).
        public var retries: Int
        public var uploads: Int
        public var uploadFailures: Int
        /// Unloads of a replaced generation's models that the server refused.
        public var unloadFailures: Int
        /// Sum of request latencies (first send to final answer).
        public var requestNanos: UInt64
        /// Bytes of networks sent: upload and load bodies, and networks sent inline
        /// in `/infer` requests (content-addressed delivery).
        public var uploadedBytes: Int = 0
        /// Networks sent inline in `/infer` requests.
        public var inlineNetworks: Int = 0
        /// `/infer` answers saying the server lacked networks (each one resent them inline).
        public var missingAnswers: Int = 0
        /// The most recent error, final or retried.
        public var lastError: RemoteError?
    }

    public func snapshot() -> Snapshot {
        Snapshot(
            requests: requests.load(ordering: .relaxed), rows: rows.load(ordering: .relaxed),
            failures: failures.load(ordering: .relaxed), retries: retries.load(ordering: .relaxed),
            uploads: uploads.load(ordering: .relaxed), uploadFailures: uploadFailures.load(ordering: .relaxed),
            unloadFailures: unloadFailures.load(ordering: .relaxed),
            requestNanos: requestNanos.load(ordering: .relaxed),
            uploadedBytes: uploadedBytes.load(ordering: .relaxed), inlineNetworks: inlineNetworks.load(ordering: .relaxed),
            missingAnswers: missingAnswers.load(ordering: .relaxed), lastError: last.withLock { $0 })
    }

    public func requestFinished(rows: Int, nanos: UInt64, error: RemoteError?) {
        requests.add(1, ordering: .relaxed)
        requestNanos.add(nanos, ordering: .relaxed)
        if let error {
            failures.add(1, ordering: .relaxed)
            last.withLock { $0 = error }
        } else {
            self.rows.add(rows, ordering: .relaxed)
        }
    }

    public func retried(_ error: RemoteError) {
        retries.add(1, ordering: .relaxed)
        last.withLock { $0 = error }
    }

    /// The server refused to unload a replaced model (not fatal: the new ones are loaded).
    public func unloadFailed(_ error: RemoteError) {
        unloadFailures.add(1, ordering: .relaxed)
        last.withLock { $0 = error }
    }

    /// An upload failed without failing the delivery (the networks go inline instead).
    public func uploadFailed(_ error: RemoteError) {
        uploadFailures.add(1, ordering: .relaxed)
        last.withLock { $0 = error }
    }

    /// A server answered that it lacks networks; the request goes again with them inline.
    public func missingAnswered() {
        missingAnswers.add(1, ordering: .relaxed)
    }

    /// `count` networks of `bytes` bytes were written inline into an `/infer` request.
    public func sentInline(count: Int, bytes: Int) {
        inlineNetworks.add(count, ordering: .relaxed)
        uploadedBytes.add(bytes, ordering: .relaxed)
    }

    public func uploadFinished(models: Int, bytes: Int, nanos: UInt64, error: RemoteError?) {
        uploads.add(1, ordering: .relaxed)
        uploadedBytes.add(bytes, ordering: .relaxed)
        if let error {
            uploadFailures.add(1, ordering: .relaxed)
            last.withLock { $0 = error }
        }
    }
}
