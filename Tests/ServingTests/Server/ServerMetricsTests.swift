import Engine
import NIOCore
import Testing
@testable import Serving

@Suite("ServerMetrics")
struct ServerMetricsTests {
    @Test func appendixFollowsTheRegistryOnEveryRender() {
        let calls = Calls()
        let metrics = ServerMetrics(appendix: { calls.next() })
        metrics.setModelsLoaded(2)
        let first = String(buffer: metrics.render())
        #expect(first.contains("dashboard_models_loaded 2"))
        #expect(first.hasSuffix("# TYPE process_threads gauge\nprocess_threads 1\n"))
        #expect(String(buffer: metrics.render()).hasSuffix("process_threads 2\n"))
    }

    @Test func withoutAppendixOnlyTheRegistry() {
        let text = String(buffer: ServerMetrics().render())
        #expect(text.contains("dashboard_models_loaded 0"))
        #expect(!text.contains("process_"))
    }

    final class Calls: Sendable {
        let count = Locked(0)
        func next() -> String {
            let n = count.withLock { c -> Int in c += 1; return c }
            return "# TYPE process_threads gauge\nprocess_threads \(n)\n"
        }
    }
}
