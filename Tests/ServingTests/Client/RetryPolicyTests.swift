import Testing
@testable import Serving
import Wire

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsExponentiallyUpToTheCap() {
        let p = RetryPolicy(maxRetries: 5, initialBackoff: .milliseconds(10), multiplier: 3, maxBackoff: .milliseconds(200))
        #expect(p.backoff(beforeRetry: 1) == .milliseconds(10))
        #expect(p.backoff(beforeRetry: 2) == .milliseconds(30))
        #expect(p.backoff(beforeRetry: 3) == .milliseconds(90))
        #expect(p.backoff(beforeRetry: 4) == .milliseconds(200))
    }

    @Test func retriesOnlyTransientErrorsAndOnlyUpToTheLimit() {
        let p = RetryPolicy(maxRetries: 2)
        let e = "POST http://x/infer"
        #expect(p.shouldRetry(.timeout(endpoint: e, milliseconds: 5), retriesSoFar: 0))
        #expect(p.shouldRetry(.connection(endpoint: e, message: "refused"), retriesSoFar: 1))
        #expect(!p.shouldRetry(.connection(endpoint: e, message: "refused"), retriesSoFar: 2))
        #expect(p.shouldRetry(.status(endpoint: e, code: 503, message: ""), retriesSoFar: 0))
        #expect(p.shouldRetry(.status(endpoint: e, code: 429, message: ""), retriesSoFar: 0))
        #expect(!p.shouldRetry(.status(endpoint: e, code: 400, message: ""), retriesSoFar: 0))
        #expect(!p.shouldRetry(.badResponse(endpoint: e, message: ""), retriesSoFar: 0))
        #expect(!p.shouldRetry(.badInput("nan"), retriesSoFar: 0))
        #expect(!RetryPolicy.none.shouldRetry(.timeout(endpoint: e, milliseconds: 5), retriesSoFar: 0))
    }

    @Test func serverKindParsingNamesAllowedValues() throws {
        #expect(try ServerKind(parsing: "ONNXRuntime") == .onnxruntime)
        #expect(throws: RemoteError.client("--server-kind: unknown value 'triton'; expected one of auto, dashboard, onnxruntime")) {
            try ServerKind(parsing: "triton")
        }
    }

    @Test func configurationRejectsBadFields() throws {
        var c = RemoteConfiguration(serverURL: "http://127.0.0.1:8000/")
        #expect(try c.validatedBaseURL() == "http://127.0.0.1:8000")
        c.batchSize = 0
        #expect(throws: RemoteError.client("remote configuration: batch size (--batch) must be at least 1, received 0")) { try c.validatedBaseURL() }
        c = RemoteConfiguration(serverURL: "localhost:8000")
        #expect(throws: RemoteError.self) { try c.validatedBaseURL() }
    }
}
