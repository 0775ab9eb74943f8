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

    /// The header's value.
    public var headerValue: String {
        "decode;dur=\(Self.milliseconds(decode)), queue;dur=\(Self.milliseconds(queue)), "
            + "compute;dur=\(Self.milliseconds(compute)), encode;dur=\(Self.milliseconds(encode))"
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
