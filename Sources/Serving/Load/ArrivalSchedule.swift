#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Engine

/// When each open-loop request is meant to leave: offsets in nanoseconds from
/// the start of a run, one per request, never decreasing.
///
/// The load generator sends request `k` at `offset(k)` if a connection is free
/// then, or as soon as one is; either way its latency is measured from this
/// intended time, so a server that stalls is charged for every request it kept
/// waiting, not only for the few that were in flight (coordinated omission).
///
/// Constant spacing computes each offset from its index (`k / rate`), so
/// rounding never accumulates; Poisson spacing adds exponential gaps drawn from
/// a seeded generator, so the same seed gives the same schedule.
///
/// ```swift
/// var s = ArrivalSchedule(rate: 1000, arrivals: .constant)
/// s.next()   // 0
/// s.next()   // 1_000_000 (1 ms)
/// ```
public struct ArrivalSchedule: Sendable {
    /// Requests per second.
    public let rate: Double
    public let arrivals: LoadArrivals
    private var rng: Xoshiro256
    private var index: UInt64 = 0
    /// The Poisson clock, in nanoseconds (a Double: gaps are fractions of a ns at high rates).
    private var elapsed: Double = 0

    /// - Precondition: `rate` is finite and positive (the command line checks it).
    public init(rate: Double, arrivals: LoadArrivals, seed: UInt64 = 1) {
        precondition(rate.isFinite && rate > 0, "rate must be positive")
        self.rate = rate
        self.arrivals = arrivals
        rng = Xoshiro256(seed: seed)
    }

    /// The offset of the next request, in nanoseconds from the start.
    public mutating func next() -> UInt64 {
        defer { index += 1 }
        switch arrivals {
        case .constant:
            return UInt64((Double(index) * 1e9 / rate).rounded())
        case .poisson:
            if index > 0 { elapsed += Self.exponentialGap(unit: rng.nextUnit(), rate: rate) }
            return UInt64(elapsed.rounded())
        }
    }

    /// An exponential gap of mean 1/rate seconds, in nanoseconds, from a uniform
    /// draw in [0, 1) (inverse transform: -ln(1 - u) / rate).
    static func exponentialGap(unit u: Double, rate: Double) -> Double {
        -log1p(-u) / rate * 1e9
    }
}
