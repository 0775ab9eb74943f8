import Engine
import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import Serving
import Wire

/// Heavy requests run on the work pool: the event loops keep answering, and a
/// full pool answers 503 instead of queueing without bound.
@Suite(.serialized) struct WorkPoolTests {
    /// A decoder that blocks until `release` is signalled, so an upload stays "in progress".
    final class Gate: Sendable {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        var decoder: ModelDecoder {
            ModelDecoder { bytes, limits in
                self.entered.signal()
                self.release.wait()
                return try ServerTestSupport.codableDecoder.decode(bytes, limits)
            }
        }
    }

    @Test func submitRefusesPastMaxQueuedAndAnswersOnTheLoop() async throws {
        let pool = WorkPool(threads: 1, maxQueued: 2)
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let gate = DispatchSemaphore(value: 0)
        let done = Locked<[Int]>([])
        let onLoop = Atomic<Int>(0)
        for i in 0..<2 {
            let accepted = pool.submit(on: loop, { gate.wait(); return i }) { value in
                if loop.inEventLoop { onLoop.add(1, ordering: .relaxed) }
                done.withLock { $0.append(value) }
            }
            #expect(accepted)
        }
        #expect(pool.queued == 2)
        #expect(!pool.submit(on: loop, { 99 }) { _ in Issue.record("a refused job ran") })
        gate.signal()
        gate.signal()
        for _ in 0..<200 where done.withLock({ $0.count }) < 2 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(done.withLock { $0.sorted() } == [0, 1])
        #expect(onLoop.load(ordering: .relaxed) == 2)
        #expect(pool.queued == 0)
        await pool.shutdown()
    }

    @Test func healthAnswersWhileAnUploadIsDecodingAndAFullPoolAnswers503() async throws {
        let gate = Gate()
        let server = InferenceServer(configuration: .init(port: 0, limits: ServerLimits(maxBodyBytes: 1 << 20), workerThreads: 1, maxQueued: 1),
                                     decoder: gate.decoder, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let body = ServerTestSupport.json(ServerTestSupport.hidden())
        try await ServerTestSupport.withServer(server) { port in
            // Released on every path: the server's shutdown joins the worker the gate holds,
            // so a failed expectation that skipped the release would hang the test run.
            defer { gate.release.signal() }
            let upload = Task.detached { try RawHTTP.request(port: port, "PUT", "/v1/models/slow", body: body) }
            #expect(gate.entered.wait(timeout: .now() + 10) == .success)
            // The upload holds the only worker thread (until released: forever, were the
            // event loops blocked); the event loops still answer. Generous bounds: this
            // also runs under ThreadSanitizer on a loaded machine.
            let start = ContinuousClock.now
            let health = try await Task.detached { try RawHTTP.request(port: port, "GET", "/healthz", timeout: 10) }.value
            #expect(health.status == 200)
            #expect(start.duration(to: .now) < .seconds(5))
            // The pool holds one request at most: the next upload is turned away, not queued.
            let busy = try await Task.detached { try RawHTTP.request(port: port, "PUT", "/v1/models/other", body: body, timeout: 10) }.value
            #expect(busy.status == 503)
            #expect(busy.headers["retry-after"] == "1")
            #expect(busy.body.contains("server busy"))
            gate.release.signal()
            let uploaded = try await upload.value
            #expect(uploaded.status == 200 && uploaded.body.contains("\"id\":\"slow\""))
        }
    }
}
