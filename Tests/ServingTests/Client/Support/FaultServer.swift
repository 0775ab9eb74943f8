import Engine
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
        /// Answer every request with `Connection: close`, then close the connection.
        case closeAfterEach
        /// v2 answers: `"datatype": "FP64"`.
        case v2WrongDatatype
        /// v2 answers: a shape of one row too many.
        case v2WrongShape
        /// v2 binary answers: `binary_data_size` 4 bytes short of the shape.
        case v2BadBinarySize
        /// v2 binary answers: `Inference-Header-Content-Length` past the body's end.
        case v2HeaderPastBody
        /// `/infer`: 404 `{"error", "missing": [the first row's model id]}` every time,
        /// whatever the request carries inline (a replica that drops inline networks).
        case alwaysMissing
    }

    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }
    let state: State
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    final class State: Sendable {
        let fault = Locked<Fault>(.none)
        let served = Atomic<Int>(0)
        let inFlight = Atomic<Int>(0)
        let maxInFlight = Atomic<Int>(0)
        let rowsPerRequest = Locked<[Int]>([])
        let uploads = Locked<[String]>([])
        /// v2 repository calls, in order: "load NAME BODY" / "unload NAME".
        let repositoryCalls = Locked<[String]>([])
        /// v2 infer calls: "NAME json|binary ROWS".
        let v2Requests = Locked<[String]>([])
        /// Paths of the statistics GETs, in order.
        let statsRequests = Locked<[String]>([])
        /// `GET /v2`'s extensions.
        let v2Extensions = Locked<[String]>(["binary_tensor_data", "model_repository"])
        /// The ids under `"networks"` of each `/infer` request, in order.
        let inlineIDs = Locked<[[String]]>([])
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
    var repositoryCalls: [String] { state.repositoryCalls.withLock { $0 } }
    var v2Requests: [String] { state.v2Requests.withLock { $0 } }
    var statsRequests: [String] { state.statsRequests.withLock { $0 } }
    func setV2Extensions(_ e: [String]) { state.v2Extensions.withLock { $0 = e } }
}

/// What the fault server answers: a status and body, possibly late, or a broken response.
private enum FaultAnswer {
    case full(status: Int, body: String, after: Duration?)
    /// A v2 binary answer: JSON header then raw bytes.
    case binary(header: String, bytes: [UInt8], headerLength: Int, after: Duration?)
    /// Promises 1000 bytes, sends 5, then closes the connection.
    case drop
}

private final class FaultHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let state: FaultServer.State
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    private var dropped = false

    init(state: FaultServer.State) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h; body.clear()
        case .body(var chunk): body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            self.head = nil
            // Requests pipelined behind a dropped answer reach the handler while the
            // channel closes: they get no answer (the client sends them again).
            guard !dropped, context.channel.isActive else { return }
            let answer = answer(head, body)
            if case .drop = answer { dropped = true }
            send(answer, context: context)
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
        case (.GET, "/v2/health/ready"):
            return state.kind == "v2" ? .full(status: 200, body: "", after: nil) : .full(status: 404, body: "{\"error\":\"no such route\"}", after: nil)
        case (.GET, "/v2"):
            guard state.kind == "v2" else { return .full(status: 404, body: "{\"error\":\"no such route\"}", after: nil) }
            let ext = state.v2Extensions.withLock { $0 }.map { "\"\($0)\"" }.joined(separator: ",")
            return .full(status: 200, body: "{\"name\":\"fault\",\"version\":\"1\",\"extensions\":[\(ext)]}", after: nil)
        case (.POST, let uri) where uri.hasPrefix("/v2/repository/models/"):
            let parts = uri.split(separator: "/")
            let name = String(parts[3]), verb = String(parts[4])
            let fault = state.takeFault()
            if case .status(let code, _) = fault { return .full(status: code, body: "{\"error\":\"injected \(code)\"}", after: nil) }
            state.repositoryCalls.withLock { $0.append(verb == "load" ? "load \(name) \(String(buffer: body))" : "unload \(name)") }
            return .full(status: 200, body: "", after: nil)
        case (.GET, let uri) where uri.hasPrefix("/v2/models/") && uri.hasSuffix("/stats"):
            return v2Stats(uri)
        case (.POST, let uri) where uri.hasPrefix("/v2/models/") && uri.hasSuffix("/infer"):
            return v2Infer(name: String(uri.split(separator: "/")[2]), head: head, body: body)
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
        let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        state.inlineIDs.withLock { $0.append(((object?["networks"] as? [String: Any])?.keys).map { $0.sorted() } ?? []) }
        if fault == .alwaysMissing {
            let id = request.models?.first ?? request.model ?? ""
            return .full(status: 404, body: "{\"error\":\"not cached\",\"missing\":[\"\(id)\"]}", after: nil)
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

    /// The statistics extension model by model, as a server without Triton's every-model
    /// route (`/v2/models/stats` is 404): each model's counters count its infers, 1 µs per part.
    private func v2Stats(_ uri: String) -> FaultAnswer {
        state.statsRequests.withLock { $0.append(uri) }
        let parts = uri.split(separator: "/")
        guard parts.count == 4 else { return .full(status: 404, body: "{\"error\":\"unknown model 'stats'\"}", after: nil) }
        let name = String(parts[2])
        let n = state.v2Requests.withLock { $0.filter { $0.hasPrefix(name + " ") }.count }
        let part = "{\"count\":\(n),\"ns\":\(n * 1000)}"
        let stats = "\"success\":{\"count\":\(n),\"ns\":\(n * 4000)},\"queue\":\(part),\"compute_input\":\(part),"
            + "\"compute_infer\":\(part),\"compute_output\":\(part)"
        return .full(status: 200, body: "{\"model_stats\":[{\"name\":\"\(name)\",\"version\":\"1\",\"inference_stats\":{\(stats)}}]}", after: nil)
    }

    /// A v2 infer: rows of `[sum, first input, model index]` (the number after the
    /// name's `-`), JSON or binary as asked, with the injected fault.
    private func v2Infer(name: String, head: HTTPRequestHead, body: ByteBuffer) -> FaultAnswer {
        let fault = state.takeFault()
        var delay: Duration?
        switch fault {
        case .slow(let d): delay = d
        case .status(let code, _): return .full(status: code, body: "{\"error\":\"injected \(code) for model '\(name)'\"}", after: nil)
        case .dropConnection: return .drop
        default: break
        }
        let bytes = Array(body.readableBytesView)
        let headerLength = head.headers.first(name: "Inference-Header-Content-Length").flatMap { Int($0) } ?? bytes.count
        guard headerLength <= bytes.count,
              let json = try? JSONSerialization.jsonObject(with: Data(bytes[..<headerLength])) as? [String: Any],
              let input = (json["inputs"] as? [[String: Any]])?.first, let shape = input["shape"] as? [Int], shape.count == 2
        else { return .full(status: 400, body: "{\"error\":\"bad v2 body\"}", after: nil) }
        let (n, w) = (shape[0], shape[1])
        var values: [Float]
        let binary = (input["parameters"] as? [String: Any])?["binary_data_size"] != nil
        if binary {
            values = stride(from: headerLength, to: bytes.count, by: 4).map { i in
                Float(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
            }
        } else {
            values = (input["data"] as? [Any] ?? []).compactMap { v -> Float? in
                if let d = v as? Double { return Float(d) }
                if let i = v as? Int { return Float(i) }
                return (v as? NSNumber)?.floatValue
            }
        }
        guard values.count == n * w else { return .full(status: 400, body: "{\"error\":\"inputs[0].data has \(values.count) values, shape [\(n), \(w)] needs \(n * w)\"}", after: nil) }
        state.v2Requests.withLock { $0.append("\(name) \(binary ? "binary" : "json") \(n)") }
        state.rowsPerRequest.withLock { $0.append(n) }
        state.served.add(1, ordering: .relaxed)
        let model = Float(name.split(separator: "-").last.flatMap { Int($0) } ?? -1)
        var out = [Float]()
        for r in 0..<n {
            let x = values[(r * w)..<((r + 1) * w)]
            out += [x.reduce(0, +), x.first ?? 0, model]
        }
        let datatype = fault == .v2WrongDatatype ? "FP64" : "FP32"
        let rows = fault == .v2WrongShape ? n + 1 : n
        let wantsBinary = ((json["parameters"] as? [String: Any])?["binary_data_output"] as? Bool) == true
        if wantsBinary {
            let size = out.count * 4 - (fault == .v2BadBinarySize ? 4 : 0)
            let header = "{\"model_name\":\"\(name)\",\"outputs\":[{\"name\":\"output\",\"datatype\":\"\(datatype)\",\"shape\":[\(rows),3],\"parameters\":{\"binary_data_size\":\(size)}}]}"
            var raw = [UInt8]()
            for f in out { withUnsafeBytes(of: f.bitPattern.littleEndian) { raw += $0 } }
            if fault == .v2BadBinarySize { raw.removeLast(4) }
            let length = header.utf8.count + (fault == .v2HeaderPastBody ? raw.count + 100 : 0)
            return .binary(header: header, bytes: raw, headerLength: length, after: delay)
        }
        let data = out.map(\.description).joined(separator: ",")
        return .full(status: 200, body: "{\"model_name\":\"\(name)\",\"outputs\":[{\"name\":\"output\",\"datatype\":\"\(datatype)\",\"shape\":[\(rows),3],\"data\":[\(data)]}]}", after: delay)
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
        case .binary(let header, let bytes, let headerLength, let after):
            let write = {
                let (handler, context) = bound.value
                handler.writeBinary(header: header, bytes: bytes, headerLength: headerLength, context: context)
            }
            if let after {
                let nanos = after.components.seconds * 1_000_000_000 + after.components.attoseconds / 1_000_000_000
                context.eventLoop.scheduleTask(in: .nanoseconds(nanos)) { write() }
            } else {
                write()
            }
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

    private func writeBinary(header: String, bytes: [UInt8], headerLength: Int, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/octet-stream")
        headers.add(name: "Inference-Header-Content-Length", value: String(headerLength))
        headers.add(name: "Content-Length", value: String(header.utf8.count + bytes.count))
        var body = ByteBuffer(string: header)
        body.writeBytes(bytes)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        state.inFlight.subtract(1, ordering: .relaxed)
    }

    private func write(status: Int, body: String, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        let closing = state.fault.withLock { $0 } == .closeAfterEach
        if closing { headers.add(name: "Connection", value: "close"); dropped = true }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers))),
                      promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if closing {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            done.whenComplete { _ in bound.value.close(promise: nil) }
        }
        state.inFlight.subtract(1, ordering: .relaxed)
    }
}
