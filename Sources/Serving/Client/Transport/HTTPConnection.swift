import NIOCore
import Wire

/// One keep-alive HTTP/1.1 connection owned by one thread: requests are
/// appended to `output` and written together (pipelined), answers are framed
/// from `input` in the order the requests were sent (`outstanding`).
final class HTTPConnection {
    let target: HTTPTarget
    private(set) var socket: TCPSocket?
    /// Bytes written by callers and not yet sent.
    var output = ByteBuffer()
    /// Bytes received and not yet framed.
    var input = ByteBuffer()
    /// Request indices sent (or queued in `output`) and not yet answered, oldest first.
    private(set) var outstanding: [Int] = []
    private var outstandingHead = 0
    /// Monotonic ns when the last answer was read (or the connection made).
    private var lastActivity: UInt64 = 0
    /// The peer closed its side (answers already read stay framable).
    private(set) var peerClosed = false

    init(target: HTTPTarget) {
        self.target = target
        output.reserveCapacity(64 * 1024)
        input.reserveCapacity(64 * 1024)
    }

    var outstandingCount: Int { outstanding.count - outstandingHead }
    var oldestOutstanding: Int? { outstandingHead < outstanding.count ? outstanding[outstandingHead] : nil }
    var hasOutput: Bool { output.readableBytes > 0 }
    var fd: Int32 { socket?.fd ?? -1 }

    /// Connects if needed. A connection idle for a while is checked first: a
    /// server that closed it (keep-alive timeout) gets a fresh one instead of a
    /// request that would fail.
    func ensureOpen(now: UInt64) throws(TransportError) {
        if let s = socket, s.isOpen {
            guard outstandingCount == 0, now &- lastActivity > 500_000_000 else { return }
            if !isStillOpen() { close() } else { return }
        }
        socket = try TCPSocket.connect(to: target.address, deadline: now &+ target.connectTimeoutNanos)
        peerClosed = false
        input.clear()
        lastActivity = now
    }

    /// Whether an idle socket is still open (nothing to read, no end of stream).
    private func isStillOpen() -> Bool {
        guard let s = socket else { return false }
        var probe: UInt8 = 0
        let result = withUnsafeMutableBytes(of: &probe) { raw in Result { () throws(TransportError) in try s.readSome(into: raw) } }
        if case .success(nil) = result { return true }  // would block: open and idle
        return false                                    // end of stream, an error, or stray bytes
    }

    /// Marks request `index` as written to `output`.
    func enqueued(_ index: Int) { outstanding.append(index) }

    /// Removes the oldest outstanding request (its answer was framed).
    func popOldest() {
        outstandingHead += 1
        if outstandingHead == outstanding.count {
            outstanding.removeAll(keepingCapacity: true)
            outstandingHead = 0
        }
    }

    /// Closes the socket and returns the requests that were outstanding, oldest first.
    @discardableResult
    func close() -> ArraySlice<Int> {
        socket?.close()
        socket = nil
        let lost = outstanding[outstandingHead...]
        outstanding.removeAll(keepingCapacity: true)
        outstandingHead = 0
        output.clear()
        input.clear()
        peerClosed = false
        return lost
    }

    /// Sends as much of `output` as the socket takes now.
    func flush() throws(TransportError) {
        guard let s = socket else { throw .closed }
        while output.readableBytes > 0 {
            let r = output.withUnsafeReadableBytes { raw in Result { () throws(TransportError) in try s.writeSome(raw) } }
            let n = try r.get()
            if n == 0 { return }
            output.moveReaderIndex(forwardBy: n)
        }
        output.clear()
    }

    /// Reads what is available into `input`. Returns false when nothing was there.
    func receive(now: UInt64) throws(TransportError) -> Bool {
        guard let s = socket else { throw .closed }
        if input.readerIndex > 0, input.readableBytes == 0 { input.clear() }
        var got = false
        while true {
            if input.writableBytes < 16 * 1024 {
                if input.readerIndex > input.capacity / 2 { input.discardReadBytes() }
                input.reserveCapacity(minimumWritableBytes: max(64 * 1024, input.capacity))
            }
            var result: Result<Int?, TransportError> = .success(nil)
            input.writeWithUnsafeMutableBytes(minimumWritableBytes: 1) { raw in
                result = Result { () throws(TransportError) in try s.readSome(into: raw) }
                return (try? result.get()).flatMap { $0 } ?? 0
            }
            guard let n = try result.get() else { break }
            if n == 0 { peerClosed = true; break }
            got = true
            lastActivity = now
            if input.writableBytes > 0 { break }  // the socket had less than the space: drained
        }
        return got || peerClosed
    }

    /// Frames the answer at the front of `input`, if complete.
    func frame() -> HTTPResponseParser.Outcome {
        input.withUnsafeReadableBytes { raw in
            HTTPResponseParser.frame(raw, maxBodyBytes: target.maxResponseBytes, atEndOfStream: peerClosed)
        }
    }

    /// Calls `body` with the answer framed by `frame()` and drops its bytes.
    func consume<R>(_ response: HTTPResponseParser.Response, _ body: (ClientResponse) -> R) -> R {
        let result = input.withUnsafeMutableReadableBytes { raw -> R in
            if response.chunked { HTTPResponseParser.dechunk(raw, response) }
            let bytes = UnsafeRawBufferPointer(rebasing: raw[response.body])
            return body(ClientResponse(head: response, body: bytes))
        }
        input.moveReaderIndex(forwardBy: response.consumed)
        return result
    }
}

/// An answer as the caller sees it: its status and head fields, and the body's
/// bytes (valid only inside the call that receives it).
struct ClientResponse {
    let head: HTTPResponseParser.Response
    let body: UnsafeRawBufferPointer

    var status: Int { head.status }
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Where requests go: the resolved address, the `Host` header, a base path and limits.
struct HTTPTarget: Sendable {
    let address: SocketAddress
    /// `host:port` as written in the URL.
    let hostHeader: String
    /// Path prefix from the URL (no trailing slash; "" for none).
    let basePath: String
    let connectTimeoutNanos: UInt64
    /// Largest answer body accepted.
    let maxResponseBytes: Int
}
