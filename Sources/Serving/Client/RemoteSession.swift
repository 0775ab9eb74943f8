import AsyncHTTPClient
import Engine
import NIOCore
import Wire

/// One worker's view of a `RemoteBackend`: turns a tick batch into `POST /infer`
/// requests of at most `batchSize` rows, keeps up to `concurrency` in flight,
/// and writes each response's rows back in order.
///
/// `infer` blocks the calling (plain) thread until every request has finished;
/// it returns only when all rows have outputs, and throws the first error
/// otherwise (after letting the requests in flight finish, so none outlives
/// the call).
final class RemoteSession: InferenceSession {
    private let backend: RemoteBackend
    private let worker: Int
    private let template: HTTPClient.Request?
    private let templateError: RemoteError?
    private let endpoint: String
    private let timeout: TimeAmount
    private let completions = CompletionQueue()
    // Per-chunk bookkeeping, reused across calls.
    private var retries: [Int] = []
    private var startNanos: [UInt64] = []

    init(backend: RemoteBackend, worker: Int) {
        self.backend = backend
        self.worker = worker
        endpoint = "POST \(backend.baseURL)/infer"
        timeout = .nanoseconds(backend.configuration.requestTimeout.nanoseconds)
        do {
            var request = try HTTPClient.Request(url: backend.baseURL + "/infer", method: .POST)
            request.headers.add(name: "Content-Type", value: "application/json")
            template = request
            templateError = nil
        } catch {
            template = nil
            templateError = .client("\(endpoint): invalid URL: \(error)")
        }
    }

    func infer(_ batch: InferenceBatch) throws {
        let rowCount = batch.count
        if rowCount == 0 { return }
        guard let prefix = backend.modelPrefix else { throw InferenceError.noGenerationLoaded }
        guard let template else { throw templateError! }
        let n = backend.configuration.batchSize
        let concurrency = backend.configuration.concurrency
        let policy = backend.configuration.retry
        let chunks = (rowCount + n - 1) / n
        if retries.count < chunks {
            retries = Array(repeating: 0, count: chunks)
            startNanos = Array(repeating: 0, count: chunks)
        }
        func rows(_ chunk: Int) -> Range<Int> { chunk * n ..< min(rowCount, (chunk + 1) * n) }

        var next = 0, inFlight = 0
        var firstError: RemoteError?
        while true {
            while firstError == nil, inFlight < concurrency, next < chunks {
                retries[next] = 0
                startNanos[next] = backend.clock.nanoseconds()
                do {
                    try send(chunk: next, rows: rows(next), batch: batch, prefix: prefix, template: template, delay: nil)
                    inFlight += 1
                } catch {
                    backend.reportFinished(rows: rows(next).count, nanos: 0, error: error)
                    firstError = error
                }
                next += 1
            }
            if inFlight == 0 { break }
            let completion = completions.take()
            inFlight -= 1
            let chunk = completion.chunk
            let range = rows(chunk)
            let error = accept(completion.result, rows: range, batch: batch)
            let nanos = backend.clock.nanoseconds() &- startNanos[chunk]
            guard let error else {
                backend.reportFinished(rows: range.count, nanos: nanos, error: nil)
                continue
            }
            if firstError == nil, policy.shouldRetry(error, retriesSoFar: retries[chunk]) {
                retries[chunk] += 1
                backend.reportRetry(error)
                do {
                    try send(chunk: chunk, rows: range, batch: batch, prefix: prefix, template: template,
                             delay: policy.backoff(beforeRetry: retries[chunk]))
                    inFlight += 1
                    continue
                } catch let sendError {
                    backend.reportFinished(rows: range.count, nanos: nanos, error: sendError)
                    firstError = sendError
                    continue
                }
            }
            backend.reportFinished(rows: range.count, nanos: nanos, error: error)
            if firstError == nil { firstError = error }
        }
        if let firstError { throw firstError }
    }

    /// Encodes and sends rows `rows` (after `delay`, for a retry); the answer
    /// arrives through `completions`.
    private func send(chunk: Int, rows: Range<Int>, batch: InferenceBatch, prefix: String,
                      template: HTTPClient.Request, delay: Duration?) throws(RemoteError) {
        var body = ByteBuffer()
        do {
            try InferRequestEncoder.encode(batch, rows: rows, modelPrefix: prefix, into: &body)
        } catch {
            throw .badInput(error.description)
        }
        var building = template
        building.body = .byteBuffer(body)
        let request = building
        let client = backend.client
        let timeout = self.timeout
        let queue = completions
        let future: EventLoopFuture<HTTPClient.Response>
        if let delay, delay > .zero {
            let loop = backend.group.next()
            future = loop.scheduleTask(in: .nanoseconds(delay.nanoseconds)) {}.futureResult.flatMap {
                client.execute(request: request, deadline: .now() + timeout)
            }
        } else {
            future = client.execute(request: request, deadline: .now() + timeout)
        }
        future.whenComplete { result in queue.put(.init(chunk: chunk, result: result)) }
    }

    /// Checks one answer and, if it is a 200 with the right shape, writes its
    /// rows into `batch.outputs`. Returns the error otherwise.
    private func accept(_ result: Result<HTTPClient.Response, any Error>, rows: Range<Int>, batch: InferenceBatch) -> RemoteError? {
        let response: HTTPClient.Response
        switch result {
        case .failure(let error):
            return RemoteBackend.remoteError(error, endpoint: endpoint, timeout: backend.configuration.requestTimeout)
        case .success(let r):
            response = r
        }
        guard response.status.code == 200 else {
            return .status(endpoint: endpoint, code: Int(response.status.code),
                           message: JSONField.errorMessage(in: response.body.map { String(buffer: $0) } ?? ""))
        }
        let body = response.body ?? ByteBuffer()
        let width = batch.outputWidth
        let problem = body.withUnsafeReadableBytes { raw in
            FloatMatrixDecoder.decode(raw, rows: rows.count, width: width, into: batch.output(row: rows.lowerBound))
        }
        if let problem {
            return .badResponse(endpoint: endpoint, message: "\(problem) (request of \(rows.count) rows)")
        }
        return nil
    }
}
