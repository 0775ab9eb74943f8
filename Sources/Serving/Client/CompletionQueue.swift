import AsyncHTTPClient
import Dispatch
import Synchronization

/// Hands finished requests from the event loop to the worker thread that is
/// blocked in `RemoteSession.infer`.
///
/// Event loop callbacks only `put`; the worker `take`s and does the decoding,
/// so JSON work runs on the worker threads and the single event loop thread
/// only moves bytes.
final class CompletionQueue: Sendable {
    struct Completion: Sendable {
        /// Index of the request (chunk of rows) within the current `infer` call.
        var chunk: Int
        var result: Result<HTTPClient.Response, any Error>
    }

    private let items = Mutex<[Completion]>([])
    private let ready = DispatchSemaphore(value: 0)

    init() {}

    func put(_ completion: Completion) {
        items.withLock { $0.append(completion) }
        ready.signal()
    }

    /// Blocks until a completion is available and returns the oldest.
    func take() -> Completion {
        ready.wait()
        return items.withLock { $0.removeFirst() }
    }
}
