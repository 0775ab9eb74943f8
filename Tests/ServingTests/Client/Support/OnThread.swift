import Foundation

/// Runs blocking `body` on a new plain thread (as the tournament's workers are)
/// and returns its result, so tests never block Swift concurrency's threads.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}
