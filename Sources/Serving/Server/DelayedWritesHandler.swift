import NIOCore

/// Holds every outbound write and flush of a connection for a fixed time before
/// passing it to the socket: an emulated network hop (`dashboard serve --add-latency`).
///
/// It sits next to the socket, below the HTTP handlers, so the server works as
/// usual (the connection handler sees each answer written at once and moves on to
/// the next request); only the bytes leave later. Each write and flush is a task
/// scheduled on the connection's event loop at now + delay: the loop keeps
/// serving, and tasks with increasing deadlines keep the bytes in order.
final class DelayedWritesHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    private let delay: TimeAmount

    init(delay: TimeAmount) { self.delay = delay }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            context.write(data, promise: promise)
        }
    }

    func flush(context: ChannelHandlerContext) {
        context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            context.flush()
        }
    }
}
