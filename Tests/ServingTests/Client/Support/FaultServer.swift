import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// An in-process HTTP server speaking the `/infer` API that can be told to
/// misbehave: slow answers, error statuses, wrong shapes, garbage, dropped
/// connections, or dying after a number of requests.
///
/// `/infer` answers row r with `[sum of inputs, first input, model index]`,
/// where the model index is the number after the `-` of the row's model id.
final class FaultServer: Sendable {
    enum Fault: Sendable, Equatable {
        case none
        /// Sleep this long before answering.
        case slow(Duration)
        /// Answer `code` to the next `times` requests (then behave).
        case status(code: Int, times: Int)
        /// One number too many in every row.
        case wrongWidth
        /// One row too few.
        case wrongRows
        /// A body that is not JSON.
        case garbage
        /// Start a response and drop the connection.
        case dropConnection
        /// Serve `count` requests, then drop every connection.
        case dieAfter(count: Int)
    }

    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }
    private let state: State
    private let task: Task<Void, any Error>

    final class State: Sendable {
        let fault = Mutex<Fault>(.none)
        let served = Atomic<Int>(0)
        let inFlight = Atomic<Int>(0)
        let maxInFlight = Atomic<Int>(0)
        let rowsPerRequest = Mutex<[Int]>([])
        let uploads = Mutex<[String]>([])
        /// Uploads still to answer with 503.
        let failingUploads = Atomic<Int>(0)
        let kind: String
        init(kind: String) { self.kind = kind }
    }

    private init(port: Int, state: State, task: Task<Void, any Error>) {
        self.port = port
        self.state = state
        self.task = task
    }

    static func start(kind: String = "dashboard") async throws -> FaultServer {
        let state = State(kind: kind)
        let router = Router()
        router.get("/healthz") { _, _ in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\",\"server\":\"\(state.kind)\"}")))
        }
        router.put("/v1/population") { request, _ in
            let body = try await request.body.collect(upTo: 64 << 20)
            if state.failingUploads.load(ordering: .relaxed) > 0 {
                state.failingUploads.subtract(1, ordering: .relaxed)
                return json(.serviceUnavailable, "{\"error\":\"busy\"}")
            }
            state.uploads.withLock { $0.append(String(buffer: body)) }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "{\"loaded\":true}")))
        }
        router.post("/infer") { request, _ in
            let body = try await request.body.collect(upTo: 64 << 20)
            return try await FaultServer.infer(body, state: state)
        }
        var logger = Logger(label: "fault-server")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress!.port!) },
            logger: logger)
        let task = Task { try await app.run() }
        guard let port = await ports.first(where: { _ in true }) else { throw CancellationError() }
        return FaultServer(port: port, state: state, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    func setFault(_ fault: Fault) { state.fault.withLock { $0 = fault } }
    func failUploads(_ count: Int) { state.failingUploads.store(count, ordering: .relaxed) }
    var served: Int { state.served.load(ordering: .relaxed) }
    var maxInFlight: Int { state.maxInFlight.load(ordering: .relaxed) }
    var rowsPerRequest: [Int] { state.rowsPerRequest.withLock { $0 } }
    var uploads: [String] { state.uploads.withLock { $0 } }

    private struct InferBody: Decodable {
        var inputs: [[Float]]
        var model: String?
        var models: [String]?
    }

    private static func infer(_ body: ByteBuffer, state: State) async throws -> Response {
        let now = state.inFlight.add(1, ordering: .relaxed).newValue
        defer { state.inFlight.subtract(1, ordering: .relaxed) }
        var seen = state.maxInFlight.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = state.maxInFlight.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
        let fault: Fault = state.fault.withLock { f in
            if case .status(let code, let times) = f {
                f = times > 1 ? .status(code: code, times: times - 1) : .none
                return .status(code: code, times: 1)
            }
            return f
        }
        switch fault {
        case .slow(let d):
            try await Task.sleep(for: d)
        case .status(let code, _):
            return json(HTTPResponse.Status(code: code), "{\"error\":\"injected \(code)\"}")
        case .dropConnection:
            return dropped()
        case .dieAfter(let count):
            if state.served.load(ordering: .relaxed) >= count { return dropped() }
        default:
            break
        }
        let request = try JSONDecoder().decode(InferBody.self, from: Data(buffer: body))
        state.rowsPerRequest.withLock { $0.append(request.inputs.count) }
        state.served.add(1, ordering: .relaxed)
        var rows: [[Float]] = request.inputs.enumerated().map { r, x in
            let id = request.models?[r] ?? request.model ?? "-0"
            let model = Float(id.split(separator: "-").last.flatMap { Int($0) } ?? -1)
            return [x.reduce(0, +), x.first ?? 0, model]
        }
        switch fault {
        case .wrongWidth: rows = rows.map { $0 + [1] }
        case .wrongRows: rows.removeLast()
        case .garbage: return json(.ok, "<html>oops</html>")
        default: break
        }
        let text = "[" + rows.map { "[" + $0.map(\.description).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
        return json(.ok, text)
    }

    private static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Promises 1000 bytes, sends 5, then fails: the server closes the connection.
    private static func dropped() -> Response {
        struct Drop: Error {}
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(contentLength: 1000) { writer in
            try await writer.write(ByteBuffer(string: "[[1,2"))
            throw Drop()
        })
    }
}
