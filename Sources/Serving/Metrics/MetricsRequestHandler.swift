import NIOCore
import NIOHTTP1

/// One connection to the metrics endpoint: answers each request from its head
/// alone, once the request has ended.
///
/// | request | answer |
/// |---|---|
/// | `GET /metrics` (any query) | 200, Prometheus text from `render` |
/// | `HEAD /metrics` | 200, the same headers, no body |
/// | `GET /` | 200, a line pointing at `/metrics` |
/// | any other path | 404 |
/// | any other method | 405 with `Allow: GET, HEAD` |
///
/// Bodies are dropped as they arrive, so a client cannot make the endpoint hold
/// more than one request head per connection (NIO's decoder bounds the head).
final class MetricsRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let render: @Sendable () -> String
    private var head: HTTPRequestHead?

    init(render: @escaping @Sendable () -> String) { self.render = render }

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// What to answer: status, content type, body text, extra headers. Pure, for tests.
    static func answer(method: HTTPMethod, uri: String, render: () -> String)
        -> (status: HTTPResponseStatus, contentType: String, body: String, headers: [(String, String)]) {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
        guard method == .GET || method == .HEAD else {
            return (.methodNotAllowed, "text/plain; charset=utf-8", "method \(method.rawValue) not allowed: use GET\n",
                    [("Allow", "GET, HEAD")])
        }
        switch path {
        case "/metrics": return (.ok, contentType, render(), [])
        case "/": return (.ok, "text/plain; charset=utf-8", "dashboard metrics: GET /metrics (Prometheus text format)\n", [])
        default:
            let shown = path.count > 64 ? String(path.prefix(64)) + "…" : path
            return (.notFound, "text/plain; charset=utf-8", "not found: \(shown); the metrics are at /metrics\n", [])
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent { context.close(promise: nil) }
        else { context.fireUserInboundEventTriggered(event) }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let a = Self.answer(method: head.method, uri: head.uri, render: render)
        let body = context.channel.allocator.buffer(string: a.body)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: a.contentType)
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        for (name, value) in a.headers { headers.add(name: name, value: value) }
        let keepAlive = head.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: a.status, headers: headers))), promise: nil)
        if head.method != .HEAD { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
        }
    }
}
