import Engine
import NIOCore
import Wire

/// One worker's view of a `RemoteBackend`: turns a tick batch into requests of
/// at most `batchSize` rows, keeps up to `concurrency` in flight on the
/// worker's own connections, and writes each answer's rows back.
///
/// With the dashboard API a request carries consecutive rows, whatever their
/// models (`"models": [...]`). A v2 request names one model, so rows are first
/// grouped by model, and each group is split into requests of at most N rows.
///
/// With content-addressed delivery, rows name their models by content id; the
/// first request to name a network this client never sent carries it inline
/// (`ContentModels.claimUnsent`), so one server never has to ask; a request a
/// server answers with `"missing"` goes again at once with those networks inline, and if the answer (from another replica) is `missing` again,
/// with every network it names, which any server can answer. A third `missing`
/// is an error: a server that lacks networks it was just sent is broken.
///
/// `infer` blocks the calling (plain) thread until every request has been
/// answered, and throws the first final failure otherwise; nothing it sent
/// outlives the call (a failure closes the connections that still had requests).
final class RemoteSession: InferenceSession, ExchangeJob {
    private let backend: RemoteBackend
    private let worker: Int
    private let exchange: PipelinedExchange
    private let batchSize: Int

    // The call in progress (set by `infer`, valid only during it).
    private var batch: InferenceBatch?
    private var prefix = ""
    private var api = RemoteProtocol.dashboard
    private var binary = false
    /// Row indices in request order; request i covers `order[starts[i] ..< starts[i + 1]]`.
    private var order: [Int32] = []
    private var starts: [Int] = []
    private var body = ByteBuffer()
    private var scratch: [Float] = []
    /// Content ids and documents of the generation (content-addressed delivery only).
    private var content: ContentModels?
    /// Networks to send inline with request i, after a `missing` answer.
    private var inline: [Int: [String]] = [:]
    /// `missing` answers so far per request.
    private var missingRounds: [Int: Int] = [:]

    /// `missing` answers a request may get: the second resend carries every network it names.
    static let maxMissingAnswers = 2

    init(backend: RemoteBackend, worker: Int) {
        self.backend = backend
        self.worker = worker
        let c = backend.configuration
        batchSize = c.batchSize
        exchange = PipelinedExchange(target: backend.target, connections: c.connections, inFlight: c.concurrency,
                                     retry: c.retry, timeout: c.requestTimeout)
    }

    func infer(_ batch: InferenceBatch) throws {
        if batch.count == 0 { return }
        guard !backend.isShutDown else {
            exchange.closeAll()
            throw RemoteError.client("the remote backend for \(backend.baseURL) is shut down")
        }
        let loaded = backend.loaded
        guard let prefix = loaded.prefix else { throw InferenceError.noGenerationLoaded }
        let resolved = try backend.resolvedProtocol()
        self.prefix = prefix
        content = resolved.delivery == .contentAddressed ? loaded.content : nil
        if !inline.isEmpty { inline.removeAll(keepingCapacity: true) }
        if !missingRounds.isEmpty { missingRounds.removeAll(keepingCapacity: true) }
        api = resolved.api
        binary = resolved.api == .v2 && resolved.tensorFormat == .binary
        plan(batch)
        self.batch = batch
        defer { self.batch = nil; content = nil }
        try exchange.run(self, count: starts.count - 1)
    }

    /// Fills `order` and `starts` for `batch`.
    private func plan(_ batch: InferenceBatch) {
        let n = batch.count
        order.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        for r in 0..<n { order.append(Int32(r)) }
        if api == .v2 {
            let models = batch.models
            order.sort { a, b in
                let ma = models[Int(a)], mb = models[Int(b)]
                return ma != mb ? ma < mb : a < b
            }
        }
        var i = 0
        while i < n {
            starts.append(i)
            var end = min(n, i + batchSize)
            if api == .v2 {
                let model = batch.models[Int(order[i])]
                var j = i + 1
                while j < end, batch.models[Int(order[j])] == model { j += 1 }
                end = j
            }
            i = end
        }
        starts.append(n)
    }

    // MARK: ExchangeJob

    func writeRequest(_ index: Int, into buffer: inout ByteBuffer, target: HTTPTarget) throws(RemoteError) {
        guard let batch else { throw .client("no batch in progress") }
        let lo = starts[index], hi = starts[index + 1]
        body.clear()
        var headerLength: Int?
        do throws(NonFiniteInput) {
            if api == .dashboard {
                let rows = Int(order[lo])..<(Int(order[hi - 1]) + 1)
                try InferRequestEncoder.encode(batch, rows: rows, modelPrefix: prefix, modelIDs: content?.ids, into: &body)
                if let content, inline[index] == nil, missingRounds[index] == nil {
                    // First attempt: networks this client never sent go along unasked.
                    let fresh = content.claimUnsent(batch, rows: rows)
                    if !fresh.isEmpty { inline[index] = fresh }
                }
                if let ids = inline[index], let content {
                    let bytes = InferRequestEncoder.appendNetworks(ids, documents: content.documents, to: &body)
                    backend.stats.sentInline(count: ids.count, bytes: bytes)
                }
            } else {
                try order.withUnsafeBufferPointer { all throws(NonFiniteInput) in
                    let rows = UnsafeBufferPointer(rebasing: all[lo..<hi])
                    let input = backend.configuration.v2InputName
                    if binary {
                        headerLength = try V2RequestEncoder.encodeBinary(batch, rows: rows, inputName: input, into: &body)
                    } else {
                        try V2RequestEncoder.encodeJSON(batch, rows: rows, inputName: input, into: &body)
                    }
                }
            }
        } catch {
            throw .badInput(error.description)
        }
        let model = batch.models[Int(order[lo])]
        let prefix = self.prefix, api = self.api
        HTTPRequestHead.writeInferPOST(host: target.hostHeader, basePath: target.basePath, v2: api != .dashboard, contentLength: body.readableBytes,
                                       inferenceHeaderLength: headerLength, into: &buffer) { b in
            b.writeString(prefix)
            InferRequestEncoder.writeDecimal(Int(model), into: &b)
        }
        buffer.writeImmutableBuffer(body)
    }

    func accept(_ index: Int, _ response: ClientResponse) -> ExchangeAnswer {
        guard let batch else { return .failed(.client("no batch in progress")) }
        guard response.status == 200 else {
            if response.status == 404, let content, let ids = MissingNetworks.parse(response.body), !ids.isEmpty {
                return missing(index, ids, content, batch)
            }
            return .failed(.status(endpoint: endpoint(index), code: response.status, message: JSONField.errorMessage(in: response.bodyText)))
        }
        let lo = starts[index], hi = starts[index + 1], rows = hi - lo
        let width = batch.outputWidth
        let problem: String?
        if api == .dashboard {
            problem = FloatMatrixDecoder.decode(response.body, rows: rows, width: width, into: batch.output(row: Int(order[lo])))
        } else {
            if scratch.count < rows * width { scratch = Array(repeating: 0, count: rows * width) }
            problem = scratch.withUnsafeMutableBufferPointer { out in
                let p = V2ResponseDecoder.decode(response.body, headerLength: response.head.inferenceHeaderLength, rows: rows, width: width,
                                                 outputName: backend.configuration.v2OutputName, into: out.baseAddress!)
                if p == nil {
                    for k in 0..<rows {
                        batch.output(row: Int(order[lo + k])).update(from: out.baseAddress! + k * width, count: width)
                    }
                }
                return p
            }
        }
        if let problem {
            return .failed(.badResponse(endpoint: endpoint(index), message: "\(problem) (request of \(rows) rows)"))
        }
        return .accepted
    }

    /// A `missing` answer to request `index`: resend with the networks it lists
    /// (first time), then with every network the request names; fail after that.
    private func missing(_ index: Int, _ ids: [String], _ content: ContentModels, _ batch: InferenceBatch) -> ExchangeAnswer {
        let lo = starts[index], hi = starts[index + 1]
        let rows = Int(order[lo])..<(Int(order[hi - 1]) + 1)
        var named = [String](), seen = Set<String>()
        for r in rows where seen.insert(content.ids[Int(batch.models[r])]).inserted { named.append(content.ids[Int(batch.models[r])]) }
        if let stranger = ids.first(where: { !seen.contains($0) }) {
            return .failed(.badResponse(endpoint: endpoint(index), message: "the server says network '\(stranger.prefix(80))' is missing, but the request does not name it"))
        }
        let round = missingRounds[index, default: 0] + 1
        guard round <= Self.maxMissingAnswers else {
            return .failed(.status(endpoint: endpoint(index), code: 404,
                                   message: "the server still lacks \(ids.count) network(s) after they were sent inline (\(ids[0])): is it dropping inline networks?"))
        }
        missingRounds[index] = round
        inline[index] = round == 1 ? ids : named
        backend.stats.missingAnswered()
        return .resend
    }

    func finished(_ index: Int, nanos: UInt64, error: RemoteError?) {
        backend.reportFinished(rows: starts[index + 1] - starts[index], nanos: nanos, error: error)
    }

    func retrying(_ index: Int, after error: RemoteError) { backend.reportRetry(error) }

    /// A v2 answer without `Server-Timing` waits for the server's statistics (`StatisticsSplitter`) when they are read.
    func timed(_ index: Int, _ breakdown: RequestBreakdown) {
        if breakdown.server == nil, api == .v2, backend.statistics.unsplit(breakdown) { return }
        backend.observer?.requestTimed(breakdown)
    }

    func endpoint(_ index: Int) -> String {
        guard api == .v2, let batch else { return "POST \(backend.baseURL)/infer" }
        return "POST \(backend.baseURL)/v2/models/\(prefix)\(batch.models[Int(order[starts[index]])])/infer"
    }
}
