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

    /// The header's value, written in one allocation: it goes out with every inference answer.
    public var headerValue: String {
        String(unsafeUninitializedCapacity: 160) { out in
            var n = 0
            func put(_ s: StaticString) {
                for k in 0..<s.utf8CodeUnitCount { out[n] = s.utf8Start[k]; n += 1 }
            }
            func put(_ d: Duration) {
                let (seconds, attos) = d.components
                let micros = Swift.max(0, Swift.min(seconds, 1_000_000_000) * 1_000_000 + (attos + 500_000_000_000) / 1_000_000_000_000)
                var whole = micros / 1000, digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                var count = 0
                withUnsafeMutableBytes(of: &digits) { buf in
                    repeat { buf[count] = UInt8(ascii: "0") + UInt8(whole % 10); whole /= 10; count += 1 } while whole > 0 && count < buf.count
                    while count > 0 { count -= 1; out[n] = buf[count]; n += 1 }
                }
                let fraction = micros % 1000
                out[n] = UInt8(ascii: "."); out[n + 1] = UInt8(ascii: "0") + UInt8(fraction / 100)
                out[n + 2] = UInt8(ascii: "0") + UInt8(fraction / 10 % 10); out[n + 3] = UInt8(ascii: "0") + UInt8(fraction % 10)
                n += 4
            }
            put("decode;dur="); put(decode); put(", queue;dur="); put(queue)
            put(", compute;dur="); put(compute); put(", encode;dur="); put(encode)
            return n
        }
    }

    /// Milliseconds with three decimals, without Foundation: 112_400 ns → "0.112".
    static func milliseconds(_ d: Duration) -> String {
        let (seconds, attos) = d.components
        let micros = max(0, seconds * 1_000_000 + (attos + 500_000_000_000) / 1_000_000_000_000)
        let fraction = micros % 1000
        let pad = fraction < 10 ? "00" : fraction < 100 ? "0" : ""
        return "\(micros / 1000).\(pad)\(fraction)"
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
