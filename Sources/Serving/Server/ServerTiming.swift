import NIOCore
import Wire

/// Where a request's time went inside the server, sent back as the W3C
/// `Server-Timing` header: `decode;dur=0.112, queue;dur=0.000, compute;dur=0.087, encode;dur=0.019`
/// (milliseconds).
///
/// - `queue`: from the request's last byte read to its handling starting (time
///   waiting for the work pool; about zero on the event loop),
/// - `decode`: parsing and checking the body,
/// - `compute`: evaluating the networks,
/// - `encode`: writing the answer's bytes.
///
/// A client subtracts their sum from its round trip to get the transport's share.
public struct ServerTiming: Sendable, Equatable {
    public var queue: Duration = .zero
    public var decode: Duration = .zero
    public var compute: Duration = .zero
    public var encode: Duration = .zero

    public init(queue: Duration = .zero, decode: Duration = .zero, compute: Duration = .zero, encode: Duration = .zero) {
        self.queue = queue
        self.decode = decode
        self.compute = compute
        self.encode = encode
    }

    /// The parts in nanoseconds, as the header writes and a client reads them (negative durations are 0).
    package var header: ServerTimingHeader {
        ServerTimingHeader(decodeNanos: Self.nanos(decode), queueNanos: Self.nanos(queue),
                           computeNanos: Self.nanos(compute), encodeNanos: Self.nanos(encode))
    }

    /// The header's value as text (the server writes it into the answer's head in place,
    /// `HTTPResponseHead`; this is for tests and logs).
    public var headerValue: String {
        var out = ByteBuffer()
        header.write(into: &out)
        return String(buffer: out)
    }

    /// Whole nanoseconds of `d`, 0 when negative, at most about 10^10 s.
    @inline(__always)
    static func nanos(_ d: Duration) -> UInt64 {
        guard d > .zero else { return 0 }
        let (seconds, attos) = d.components
        return UInt64(min(seconds, 10_000_000_000)) &* 1_000_000_000 &+ UInt64(attos / 1_000_000_000)
    }

    /// Stopwatch for one request: `lap()` returns the time since the previous lap.
    /// Keeps the calling thread busy for `duration` (`dashboard serve --add-compute-latency`):
    /// a testing aid that makes every inference cost what a heavier model would,
    /// on the thread that evaluates it, so the server shows as busy as such a server.
    static func spin(_ duration: Duration) {
        guard duration > .zero else { return }
        let until = ContinuousClock.now + duration
        while ContinuousClock.now < until {}
    }

    struct Laps {
        private var last: ContinuousClock.Instant
        init(from start: ContinuousClock.Instant = .now) { last = start }
        mutating func lap() -> Duration {
            let now = ContinuousClock.now
            defer { last = now }
            return last.duration(to: now)
        }
    }
}
