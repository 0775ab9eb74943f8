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

    /// Every family the server writes has one HELP and one TYPE line.
    @Test func everyFamilyHasHelpAndType() {
        let metrics = ServerMetrics()
        metrics.recordRequest(route: "/infer", status: 200, nanoseconds: 300_000)
        metrics.recordRequest(route: "/infer", status: 400, nanoseconds: 100_000)
        metrics.recordRows(8)
        let lines = String(buffer: metrics.render()).split(separator: "\n")
        for name in [ServerMetrics.requestsLabel, ServerMetrics.latencyLabel, ServerMetrics.rowsLabel, ServerMetrics.modelsLabel] {
            #expect(lines.filter { $0.hasPrefix("# HELP \(name) ") }.count == 1, "\(name)")
            #expect(lines.filter { $0.hasPrefix("# TYPE \(name) ") }.count == 1, "\(name)")
        }
        #expect(lines.contains(#"dashboard_http_requests_total{route="/infer",status="400"} 1"#))
        #expect(lines.contains(#"dashboard_http_request_duration_seconds_count{route="/infer"} 2"#))
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
