/// A small, fast, seedable generator (xoshiro256**), seeded through SplitMix64.
///
/// Every random choice in the engine takes one of these (or any
/// `RandomNumberGenerator`) so that the same seed gives the same run, bit for bit.
///
/// ```swift
/// var rng = Xoshiro256(seed: 42)
/// let w = rng.nextGaussian()
/// ```
public struct Xoshiro256: RandomNumberGenerator, Sendable, Equatable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// The generator's four state words, for saving it (a checkpoint) and restoring it
    /// with `init(state:)`: the restored generator continues the same stream.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    /// A generator at exactly `state` (from `state` of another). The all-zero state
    /// is xoshiro's one fixed point (it would only ever return 0): checkpoint readers
    /// refuse it before calling this.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// A new generator whose stream is independent of this one (for child tasks).
    public mutating func split() -> Xoshiro256 { Xoshiro256(seed: next()) }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64: used to expand one seed into a generator state.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RandomNumberGenerator {
    /// Uniform in [0, 1), 53 bits of precision; platform independent.
    @inline(__always)
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [lo, hi).
    @inline(__always)
    public mutating func nextUniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * nextUnit() }

    /// True with probability `p`.
    @inline(__always)
    public mutating func chance(_ p: Double) -> Bool { p > 0 && nextUnit() < p }

    /// Uniform integer in 0..<n (n > 0), without modulo bias.
    @inline(__always)
    public mutating func nextInt(below n: Int) -> Int {
        require(n > 0, "nextInt(below:) needs a positive bound")
        return Int(next(upperBound: UInt64(n)))
    }

    /// Standard normal deviate by the ziggurat method (Marsaglia & Tsang 2000, 256
    /// layers): one 64-bit draw and no `log`/`exp` for about 99% of values (8 bits pick
    /// the layer, 53 bits give the position); the rest test the wedge or sample the
    /// tail. Exact normal distribution; platform independent.
    @inline(__always)
    public mutating func nextGaussian() -> Double {
        while true {
            let bits = next()
            let i = Int(bits & 0xFF)
            let u = 2.0 * (Double(bits >> 11) * 0x1.0p-53) - 1.0
            if let x = NormalZiggurat.table.fast(i, u) { return x }
            if let x = slowGaussian(i, u) { return x }
        }
    }

    /// The ziggurat's rare cases: the tail beyond R (layer 0) and the wedges.
    @inline(never)
    mutating func slowGaussian(_ i: Int, _ u: Double) -> Double? {
        let z = NormalZiggurat.table
        if i == 0 {
            // Marsaglia's tail method.
            var a = 0.0, b = 0.0
            repeat {
                a = -_log(1.0 - nextUnit()) / NormalZiggurat.r
                b = -_log(1.0 - nextUnit())
            } while b + b < a * a
            return u < 0 ? -(NormalZiggurat.r + a) : NormalZiggurat.r + a
        }
        let x = u * z.x[i]
        return z.f[i + 1] + (z.f[i] - z.f[i + 1]) * nextUnit() < _exp(-0.5 * x * x) ? x : nil
    }
}

/// Layer edges of the 256-layer normal ziggurat: x[0] = V/f(R) (the base layer's
/// width), x[1] = R, x[256] = 0; f[i] = exp(−x[i]²/2).
struct NormalZiggurat: Sendable {
    static let r = 3.6541528853610088
    static let v = 0.00492867323399
    static let table = NormalZiggurat()

    let x: [Double]
    let f: [Double]

    init() {
        var x = [Double](repeating: 0, count: 257)
        var fx = _exp(-0.5 * Self.r * Self.r)
        x[0] = Self.v / fx
        x[1] = Self.r
        for i in 2..<256 {
            x[i] = (-2.0 * _log(Self.v / x[i - 1] + fx)).squareRoot()
            fx = _exp(-0.5 * x[i] * x[i])
        }
        self.x = x
        f = x.map { _exp(-0.5 * $0 * $0) }
    }

    /// The value when the point lies inside layer `i`'s rectangle (u in [−1, 1)).
    @inline(__always)
    func fast(_ i: Int, _ u: Double) -> Double? {
        x.withUnsafeBufferPointer { t in
            let v = u * t[i]
            return abs(v) < t[i + 1] ? v : nil
        }
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func _exp(_ x: Double) -> Double { Glibc.exp(x) }
#else
import Foundation
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _exp(_ x: Double) -> Double { Foundation.exp(x) }
#endif
