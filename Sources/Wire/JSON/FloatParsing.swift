/// Decimal → `Float` conversion for JSON numbers, exact and mostly allocation-free.
///
/// The fastest path is Clinger's in `Float`: a mantissa `m` ≤ 2^24 and an
/// exponent in −10…10 are both exact floats, so `m ÷ 10^−e` (or `× 10^e`) is
/// one correctly rounded operation. The next is Clinger's in `Double`: with at
/// most 19 significant digits `m` and a
/// decimal exponent `e` in −22…22, `Double(m) × 10^e` (or `÷ 10^−e`, where 10^|e|
/// is exact in a `Double`) lies within about one double ulp of the true value.
/// Rounding that double to `Float` gives the correctly rounded `Float` unless the
/// double sits within a few ulps of a halfway point between two floats (the low
/// 29 of its 52 fraction bits near `1 << 28`); those rare inputs, and everything
/// outside the fast range, go to `Float(String)`, which is correctly rounded.
/// So the result always equals `Float(String)` of the same text (tested).
package enum FloatParsing {
    /// The significant digits and exponent of a scanned JSON number.
    package struct Decimal {
        package init() {}
        package var negative = false
        /// Up to 19 significant digits.
        package var mantissa: UInt64 = 0
        package var digits = 0
        /// Decimal exponent applied to `mantissa`.
        package var exponent = 0
        /// Whether nonzero digits beyond the 19th were dropped.
        package var truncated = false

        // `digits` counts every digit kept, leading zeros included: at most 19
        // fit a UInt64. (Many leading zeros only send a number to the slow path.)
        @inline(__always)
        package mutating func addIntegerDigit(_ d: UInt8) {
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                digits += 1
            } else {
                exponent += 1
                if d != 0 { truncated = true }
            }
        }

        @inline(__always)
        package mutating func addFractionDigit(_ d: UInt8) {
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                digits += 1
                exponent -= 1
            } else if d != 0 {
                truncated = true
            }
        }
    }

    /// 10^0 … 10^10, exact in `Float`.
    package static let floatPowersOfTen: [Float] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]

    package static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The `Float` for `d` when the fast path is provably exact, else nil.
    @inline(__always)
    package static func fastFloat(_ d: Decimal) -> Float? {
        if d.mantissa == 0 { return d.truncated ? nil : (d.negative ? -0.0 : 0.0) }
        guard d.exponent >= -22 && d.exponent <= 22 else { return nil }
        if d.mantissa <= 1 << 24 && d.exponent >= -10 && d.exponent <= 10 {
            // Both operands exact in Float: one correctly rounded Float operation.
            let m = Float(d.mantissa)
            let p = floatPowersOfTen.withUnsafeBufferPointer { $0[d.exponent < 0 ? -d.exponent : d.exponent] }
            let f = d.exponent < 0 ? m / p : m * p
            return d.negative ? -f : f
        }
        var x = Double(d.mantissa)
        let p = powersOfTen.withUnsafeBufferPointer { $0[d.exponent < 0 ? -d.exponent : d.exponent] }
        if d.exponent < 0 { x /= p } else { x *= p }
        // Within 16 double ulps of a float halfway point: let strtof decide.
        let low = Int64(bitPattern: x.bitPattern & 0x1FFF_FFFF)
        let distance = low - 0x1000_0000
        if distance > -16 && distance < 16 { return nil }
        let f = Float(x)
        guard f.isFinite else { return nil }
        return d.negative ? -f : f
    }
}
