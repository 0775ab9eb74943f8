#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-blocking TCP socket used from one thread, with deadlines done by `poll`.
///
/// The remote backend's hot path runs on the tournament's worker thread: it
/// writes a tick's requests and reads their answers on sockets it owns, so no
/// request crosses a thread (the event-loop client this replaces handed every
/// request to a loop thread and every answer back). Errors are `errno` texts.
final class TCPSocket {
    private(set) var fd: Int32

    /// Outcome of waiting for a socket.
    enum Readiness { case ready, timedOut }

    private init(fd: Int32) { self.fd = fd }

    deinit { close() }

    /// Opens a connection to `address`, waiting at most until `deadline`
    /// (monotonic ns). `TCP_NODELAY` is set: requests are written whole.
    static func connect(to address: SocketAddress, deadline: UInt64) throws(TransportError) -> TCPSocket {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system("socket", errno) }
        let s = TCPSocket(fd: fd)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let rc = address.withSockaddr { systemConnect(fd, $0, $1) }
        if rc != 0 {
            let e = errno
            guard e == EINPROGRESS || e == EINTR else { throw .system("connect", e) }
            guard try s.wait(events: Int16(POLLOUT), deadline: deadline) == .ready else { throw .connectTimeout }
            var err: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
            if err != 0 { throw .system("connect", err) }
        }
        return s
    }

    func close() {
        if fd >= 0 {
            _ = systemClose(fd)
            fd = -1
        }
    }

    var isOpen: Bool { fd >= 0 }

    /// Writes what it can without blocking; returns the bytes written (0 if the
    /// socket buffer is full).
    func writeSome(_ bytes: UnsafeRawBufferPointer) throws(TransportError) -> Int {
        while true {
            let n = send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if n >= 0 { return n }
            let e = errno
            if e == EINTR { continue }
            if e == EAGAIN || e == EWOULDBLOCK { return 0 }
            throw .system("send", e)
        }
    }

    /// Reads what is there without blocking into `into`: the count, 0 at end of
    /// stream, nil if nothing is available yet.
    func readSome(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int? {
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, 0)
            if n >= 0 { return n }
            let e = errno
            if e == EINTR { continue }
            if e == EAGAIN || e == EWOULDBLOCK { return nil }
            throw .system("recv", e)
        }
    }

    /// Waits for `events` until `deadline` (monotonic ns).
    func wait(events: Int16, deadline: UInt64) throws(TransportError) -> Readiness {
        var p = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let rc = poll(&p, 1, Self.pollTimeout(until: deadline))
            if rc > 0 { return .ready }
            if rc == 0 {
                if Monotonic.now() >= deadline { return .timedOut }
                continue
            }
            if errno == EINTR { continue }
            throw .system("poll", errno)
        }
    }

    /// Milliseconds for `poll` until `deadline`, rounded up (so a wait never ends early).
    static func pollTimeout(until deadline: UInt64) -> Int32 {
        let now = Monotonic.now()
        guard deadline > now else { return 0 }
        let ms = (deadline - now + 999_999) / 1_000_000
        return Int32(min(ms, UInt64(Int32.max)))
    }
}

/// `connect(2)` and `close(2)` by other names: inside `TCPSocket` the bare names
/// mean its own members.
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}

private func systemClose(_ fd: Int32) -> Int32 { close(fd) }

/// The monotonic clock in nanoseconds (CLOCK_MONOTONIC), for deadlines.
enum Monotonic {
    @inline(__always)
    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
    }
}

/// A failure below HTTP: the socket calls, a connect timeout, a bad address.
enum TransportError: Error, CustomStringConvertible {
    case system(String, Int32)
    case connectTimeout
    case closed
    case address(String)

    var description: String {
        switch self {
        case .system(let call, let e): return "\(call): \(String(cString: strerror(e))) (errno \(e))"
        case .connectTimeout: return "no connection within the connect timeout"
        case .closed: return "the server closed the connection"
        case .address(let m): return m
        }
    }
}

/// A resolved IPv4 or IPv6 address and port.
struct SocketAddress: Sendable {
    let family: Int32
    private let storage: [UInt8]

    /// Resolves `host` (a name, an IPv4 address or a bracketed IPv6 address) and
    /// `port` with `getaddrinfo`: the first TCP address.
    static func resolve(host: String, port: Int) throws(TransportError) -> SocketAddress {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var result: UnsafeMutablePointer<addrinfo>?
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let rc = getaddrinfo(bare, String(port), &hints, &result)
        guard rc == 0, let first = result else {
            throw .address("cannot resolve host '\(host)': \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(result) }
        let bytes = UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen))
        return SocketAddress(family: first.pointee.ai_family, storage: Array(bytes))
    }

    private init(family: Int32, storage: [UInt8]) {
        self.family = family
        self.storage = storage
    }

    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        storage.withUnsafeBytes { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
    }
}
