import NIOCore
import Wire

/// A request of the cold paths: health checks, server metadata, uploads, model loads.
struct ControlRequest {
    var method: String
    var path: String
    var body: ByteBuffer?
    var contentType: String? = "application/json"
    /// Any status is an answer (for probes such as `GET /v2/health/ready`);
    /// otherwise only 2xx is, and an error status fails (5xx and 429 after retries).
    var acceptAnyStatus = false
}

/// A cold-path answer: its status and body text.
struct ControlResponse {
    var status: Int
    var body: String
}

extension RemoteBackend {
    /// Sends one request and waits for its answer, retrying per the policy.
    func perform(_ request: ControlRequest, timeout: Duration? = nil) throws(RemoteError) -> ControlResponse {
        try perform([request], inFlight: 1, timeout: timeout)[0]
    }

    /// Sends `requests`, up to `inFlight` at a time on as many connections, and
    /// returns their answers in order; throws the first final failure.
    /// For the cold paths (health, metadata, uploads, loads); the hot path is `RemoteSession`.
    func perform(_ requests: [ControlRequest], inFlight: Int, timeout: Duration? = nil) throws(RemoteError) -> [ControlResponse] {
        if requests.isEmpty { return [] }
        let width = max(1, min(inFlight, requests.count))
        let exchange = PipelinedExchange(target: target, connections: width, inFlight: width,
                                         retry: configuration.retry, timeout: timeout ?? configuration.uploadTimeout)
        defer { exchange.closeAll() }
        let job = ControlJob(backend: self, requests: requests)
        try exchange.run(job, count: requests.count)
        return job.responses.map { $0! }
    }
}

/// Runs `ControlRequest`s through a `PipelinedExchange`.
final class ControlJob: ExchangeJob {
    let backend: RemoteBackend
    let requests: [ControlRequest]
    var responses: [ControlResponse?]

    init(backend: RemoteBackend, requests: [ControlRequest]) {
        self.backend = backend
        self.requests = requests
        responses = Array(repeating: nil, count: requests.count)
    }

    func writeRequest(_ index: Int, into buffer: inout ByteBuffer, target: HTTPTarget) throws(RemoteError) {
        let r = requests[index]
        let length = r.body?.readableBytes ?? 0
        HTTPRequestHead.write(method: r.method, path: target.basePath + r.path, host: target.hostHeader,
                              contentType: r.body == nil ? nil : r.contentType, contentLength: length, into: &buffer)
        if let body = r.body { buffer.writeImmutableBuffer(body) }
    }

    func accept(_ index: Int, _ response: ClientResponse) -> ExchangeAnswer {
        let text = response.bodyText
        if requests[index].acceptAnyStatus || (200..<300).contains(response.status) {
            responses[index] = ControlResponse(status: response.status, body: text)
            return .accepted
        }
        return .failed(.status(endpoint: endpoint(index), code: response.status, message: JSONField.errorMessage(in: text)))
    }

    func finished(_ index: Int, nanos: UInt64, error: RemoteError?) {}

    func retrying(_ index: Int, after error: RemoteError) { backend.reportRetry(error) }

    func endpoint(_ index: Int) -> String { "\(requests[index].method) \(backend.baseURL)\(requests[index].path)" }
}
