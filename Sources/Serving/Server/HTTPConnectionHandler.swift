import NIOCore
import NIOHTTP1
import Wire

/// One connection of the server: gathers each request's head and body from NIO's
/// decoder (dropping a body over the limit, to answer 413 at its end), answers the
/// requests in the order they came, and writes each answer's bytes itself.
///
/// - **Order.** Requests read while an answer is with the work pool wait in
///   `waiting`; one answer is in progress at a time, so pipelined requests get
///   their answers in order. Reading stops while `maxWaiting` requests wait.
/// - **Writing.** The head is written by `HTTPResponseHead` into the buffer that
///   carries a small body too, with `Server-Timing` written from the four
///   durations: no header list and no String per answer. Each answer is flushed
///   as it is written: holding answers to the end of a read (one flush for a
///   pipelined burst) added 30 µs to our pipelining client's round trip.
/// - **Errors.** A request NIO cannot parse gets `400` (after the answers to the
///   requests before it) and the connection is closed. An answer with
///   `Connection: close` (an HTTP/1.0 request, or one that asked for it) is the
///   connection's last. A `HEAD` request is answered as `GET`, with the head alone.
/// - **`Expect: 100-continue`.** The client waits for `100 Continue` before it sends
///   the body (curl does for bodies over 1 MB, and waits a second without one). It
///   is sent when the request's turn comes (every earlier answer written); a body
///   declared over the limit is refused then with its `413` and the connection
///   closed, without reading the body.
final class HTTPConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Requests read and not yet answered beyond which reading stops.
    static let maxWaiting = 16
    /// Bodies up to this many bytes go out in the head's buffer (one write); larger ones follow it.
    static let inlineBodyBytes = 4096

    private struct Pending {
        var request: ServerRequest
        var http10: Bool
        var keepAlive: Bool
        /// A `HEAD` request: answered as `GET`, without the body.
        var headOnly: Bool
    }

    private let routes: ServerRoutes
    private let pool: WorkPool
    private let maxBodyBytes: Int
    private var head: NIOHTTP1.HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false
    /// The request being read asked for `100 Continue`, not yet sent.
    private var continueOwed = false
    private var waiting = CircularBuffer<Pending>()
    /// An answer is with the work pool.
    private var answering = false
    /// `read` was asked for while too many requests waited.
    private var readHeld = false
    /// The connection's last answer is written (or it is failing): nothing more is read or answered.
    private var closing = false
    /// A request could not be parsed: answer 400 once the requests before it are answered.
    private var malformed = false
    /// False once the handler has left the pipeline: a pool answer arriving later is dropped.
    private var attached = true

    init(routes: ServerRoutes, pool: WorkPool, maxBodyBytes: Int) {
        self.routes = routes
        self.pool = pool
        self.maxBodyBytes = maxBodyBytes
    }

    func handlerRemoved(context: ChannelHandlerContext) { attached = false }

    func channelInactive(context: ChannelHandlerContext) {
        waiting.removeAll()
        closing = true
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.clear()
            let declared = h.headers.first(name: "content-length").flatMap { Int($0) }
            tooLarge = declared.map { $0 > maxBodyBytes } ?? false
            // `contains(name:)` first: the value list is split only for the rare request that has the header.
            continueOwed = h.version.major == 1 && h.version.minor >= 1 && h.headers.contains(name: "expect")
                && h.headers[canonicalForm: "expect"].contains { $0.lowercased() == "100-continue" }
            sendContinueIfDue(context: context)
        case .body(var chunk):
            // Over the limit: keep reading (and dropping) so the connection stays usable, answer 413 at the end.
            if tooLarge || chunk.readableBytes > maxBodyBytes - body.readableBytes {
                tooLarge = true
                body.clear()
            } else if body.readableBytes == 0 {
                body = chunk
            } else {
                body.writeBuffer(&chunk)
            }
        case .end:
            continueOwed = false  // the body came without it (the client stopped waiting)
            guard let head, !closing, !malformed else { return }
            self.head = nil
            waiting.append(Self.pending(head, body: body, tooLarge: tooLarge, keepAlive: head.isKeepAlive))
            body = ByteBuffer()
            answerWaiting(context: context)
        }
    }

    private static func pending(_ head: NIOHTTP1.HTTPRequestHead, body: ByteBuffer, tooLarge: Bool, keepAlive: Bool) -> Pending {
        let headOnly = head.method == .HEAD
        let request = ServerRequest(method: headOnly ? "GET" : head.method.rawValue, uri: head.uri,
                                    contentType: head.headers.first(name: "content-type"),
                                    inferenceHeaderLength: head.headers.first(name: "inference-header-content-length"),
                                    body: body, bodyTooLarge: tooLarge, receivedAt: .now)
        return Pending(request: request, http10: head.version.major == 1 && head.version.minor == 0,
                       keepAlive: keepAlive, headOnly: headOnly)
    }

    /// Once every earlier answer is written: `100 Continue` for the request being read, or,
    /// when its declared body is over the limit, its `413` as the connection's last answer.
    private func sendContinueIfDue(context: ChannelHandlerContext) {
        guard continueOwed, !answering, waiting.isEmpty, !closing, !malformed, let head else { return }
        continueOwed = false
        if tooLarge {
            self.head = nil  // what the client sends after this is never answered
            waiting.append(Self.pending(head, body: ByteBuffer(), tooLarge: true, keepAlive: false))
            answerWaiting(context: context)
            return
        }
        var out = context.channel.allocator.buffer(capacity: 32)
        out.writeStaticString("HTTP/1.1 100 Continue\r\n\r\n")
        context.writeAndFlush(wrapOutboundOut(out), promise: nil)
    }

    func read(context: ChannelHandlerContext) {
        if closing || malformed { return }
        if waiting.count >= Self.maxWaiting { readHeld = true; return }
        context.read()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.close(promise: nil)
            return
        }
        // NIO's decoder reads nothing more after this; the requests before it still get their answers.
        malformed = true
        self.head = nil
        answerWaiting(context: context)
    }

    /// Answers waiting requests in order until one goes to the work pool or none is left.
    private func answerWaiting(context: ChannelHandlerContext) {
        while !answering, !closing, let next = waiting.popFirst() {
            if routes.runsOnEventLoop(next.request) {
                write(routes.respond(to: next.request), for: next, context: context)
                continue
            }
            answering = true
            let routes = self.routes, request = next.request
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let accepted = pool.submit(on: context.eventLoop, { routes.respond(to: request) }) { response in
                let (handler, context) = bound.value
                guard handler.attached else { return }
                handler.answering = false
                handler.write(response, for: next, context: context)
                handler.answerWaiting(context: context)
            }
            if !accepted {
                answering = false
                write(routes.busy(request, queued: pool.maxQueued), for: next, context: context)
            }
        }
        if malformed, !answering, !closing, waiting.isEmpty { writeBadRequest(context: context) }
        sendContinueIfDue(context: context)
        if readHeld, !closing, !malformed, waiting.count < Self.maxWaiting {
            readHeld = false
            context.read()
        }
    }

    private func write(_ response: ServerResponse, for pending: Pending, context: ChannelHandlerContext) {
        let length = response.body.readableBytes
        let inline = !pending.headOnly && length <= Self.inlineBodyBytes
        var out = context.channel.allocator.buffer(capacity: 256 + (inline ? length : 0))
        Wire.HTTPResponseHead.write(http10: pending.http10, status: response.status.code, reason: response.status.reasonPhrase,
                               contentType: response.contentType, contentLength: length, headers: response.headers,
                               serverTiming: response.serverTiming?.header,
                               connection: !pending.keepAlive ? .close : pending.http10 ? .keepAliveHTTP10 : .keepAlive,
                               into: &out)
        if inline { out.writeImmutableBuffer(response.body) }
        if !inline, !pending.headOnly {
            context.write(wrapOutboundOut(out), promise: nil)
            out = response.body
        }
        if pending.keepAlive {
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
        } else {
            context.write(wrapOutboundOut(out), promise: nil)
            closeAfterWriting(context: context)
        }
    }

    /// `400 Bad Request`, then the connection is closed.
    private func writeBadRequest(context: ChannelHandlerContext) {
        var out = context.channel.allocator.buffer(capacity: 96)
        Wire.HTTPResponseHead.write(status: 400, reason: "Bad Request", contentType: nil, contentLength: 0, connection: .close, into: &out)
        context.write(wrapOutboundOut(out), promise: nil)
        closeAfterWriting(context: context)
    }

    private func closeAfterWriting(context: ChannelHandlerContext) {
        closing = true
        waiting.removeAll()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer())).whenComplete { _ in loopBound.value.close(promise: nil) }
    }
}
