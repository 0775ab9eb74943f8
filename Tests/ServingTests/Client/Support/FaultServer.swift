import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An in-process HTTP server (plain SwiftNIO) speaking the `/infer` API that can
/// be told to misbehave: slow answers, error statuses, wrong shapes, garbage,
/// dropped connections, or dying after a number of requests.
///
/// `/infer` answers row r with `[sum of inputs, first input, model index]`,
/// where the model index is the number after the `-` of the row's model id.
final class FaultServer: Sendable {
    enum Fault: Sendable, Equatable {
        case none
        /// Wait this long before answering (on the event loop's timer: nothing blocks).
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
    let state: State
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

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

        /// The fault for the next request (a `.status` fault counts down).
        func takeFault() -> Fault {
            fault.withLock { f in
                if case .status(let code, let times) = f {
                    f = times > 1 ? .status(code: code, times: times - 1) : .none
                    return .status(code: code, times: 1)
                }
                return f
            }
        }

        func enter() {
            let now = inFlight.add(1, ordering: .relaxed).newValue
            var seen = maxInFlight.load(ordering: .relaxed)
            while now > seen {
                let (exchanged, original) = maxInFlight.compareExchange(expected: seen, desired: now, ordering: .relaxed)
                if exchanged { break }
                seen = original
            }
        }
    }

    private init(port: Int, state: State, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.port = port
        self.state = state
        self.group = group
        self.channel = channel
    }

    static func start(kind: String = "dashboard") async throws -> FaultServer {
        let state = State(kind: kind)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FaultHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FaultServer(port: channel.localAddress!.port!, state: state, group: group, channel: channel)
    }

    func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    func setFault(_ fault: Fault) { state.fault.withLock { $0 = fault } }
    func failUploads(_ count: Int) { state.failingUploads.store(count, ordering: .relaxed) }
    var served: Int { state.served.load(ordering: .relaxed) }
    var maxInFlight: Int { state.maxInFlight.load(ordering: .relaxed) }
    var rowsPerRequest: [Int] { state.rowsPerRequest.withLock { $0 } }
    var uploads: [String] { state.uploads.withLock { $0 } }
}

/// What the fault server answers: a status and body, possibly late, or a broken response.
private enum FaultAnswer {
    case full(status: Int, body: String, after: Duration?)
    /// Promises 1000 bytes, sends 5, then closes the connection.
    case drop
}

private final class FaultHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let state: FaultServer.State
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(state: FaultServer.State) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h; body.clear()
        case .body(var chunk): body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            self.head = nil
            send(answer(head, body), context: context)
        }
    }

    private func answer(_ head: HTTPRequestHead, _ body: ByteBuffer) -> FaultAnswer {
        switch (head.method, head.uri) {
        case (.GET, "/healthz"):
            return .full(status: 200, body: "{\"status\":\"ok\",\"server\":\"\(state.kind)\"}", after: nil)
        case (.PUT, "/v1/population"):
            if state.failingUploads.load(ordering: .relaxed) > 0 {
                state.failingUploads.subtract(1, ordering: .relaxed)
                return .full(status: 503, body: "{\"error\":\"busy\"}", after: nil)
            }
            state.uploads.withLock { $0.append(String(buffer: body)) }
            return .full(status: 200, body: "{\"loaded\":true}", after: nil)
        case (.POST, "/infer"):
            return infer(body)
        default:
            return .full(status: 404, body: "{\"error\":\"no such route\"}", after: nil)
        }
    }

    private struct InferBody: Decodable {
        var inputs: [[Float]]
        var model: String?
        var models: [String]?
    }

    private func infer(_ body: ByteBuffer) -> FaultAnswer {
        let fault = state.takeFault()
        var delay: Duration?
        switch fault {
        case .slow(let d): delay = d
        case .status(let code, _): return .full(status: code, body: "{\"error\":\"injected \(code)\"}", after: nil)
        case .dropConnection: return .drop
        case .dieAfter(let count) where state.served.load(ordering: .relaxed) >= count: return .drop
        default: break
        }
        guard let request = try? JSONDecoder().decode(InferBody.self, from: Data(body.readableBytesView)) else {
            return .full(status: 400, body: "{\"error\":\"bad body\"}", after: nil)
        }
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
        case .garbage: return .full(status: 200, body: "<html>oops</html>", after: delay)
        default: break
        }
        let text = "[" + rows.map { "[" + $0.map(\.description).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
        return .full(status: 200, body: text, after: delay)
    }

    private func send(_ answer: FaultAnswer, context: ChannelHandlerContext) {
        state.enter()
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        switch answer {
        case .full(let status, let body, let after?):
            let nanos = after.components.seconds * 1_000_000_000 + after.components.attoseconds / 1_000_000_000
            context.eventLoop.scheduleTask(in: .nanoseconds(nanos)) {
                let (handler, context) = bound.value
                handler.write(status: status, body: body, context: context)
            }
        case .full(let status, let body, nil):
            write(status: status, body: body, context: context)
        case .drop:
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: "1000")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "[[1,2"))))).whenComplete { _ in
                bound.value.0.state.inFlight.subtract(1, ordering: .relaxed)
                bound.value.1.close(promise: nil)
            }
        }
    }

    private func write(status: Int, body: String, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers))),
                      promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        state.inFlight.subtract(1, ordering: .relaxed)
    }
}
