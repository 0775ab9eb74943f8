/// Writes text at a raw pointer with no per-byte bounds or exclusivity checks:
/// the request encoders reserve room for a whole body once
/// (`ByteBuffer.writeWithUnsafeMutableBytes`), then write every byte through
/// this cursor. Writing byte by byte through `ByteBuffer` costs a dynamic
/// exclusivity check per call (its storage is a class), which profiled at a
/// quarter of the client's time for batch-8 bodies.
package struct RawCursor {
    package let base: UnsafeMutableRawPointer
    /// Bytes written so far.
    package private(set) var count = 0

    /// Most bytes `float` writes.
    package static let maxFloatLength = 16
    /// Most bytes `decimal` writes.
    package static let maxDecimalLength = 20

    @inline(__always)
    package init(_ base: UnsafeMutableRawPointer) { self.base = base }

    @inline(__always)
    package mutating func byte(_ b: UInt8) {
        base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    package mutating func text(_ s: StaticString) {
        (base + count).copyMemory(from: s.utf8Start, byteCount: s.utf8CodeUnitCount)
        count += s.utf8CodeUnitCount
    }

    /// The UTF-8 bytes of `s`, unescaped (model ids and names the caller controls).
    @inline(__always)
    package mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            (base + count).copyMemory(from: utf8.baseAddress!, byteCount: utf8.count)
            count += utf8.count
        }
    }

    /// A decimal integer.
    @inline(__always)
    package mutating func decimal(_ value: Int) {
        var v = value.magnitude
        if value < 0 { byte(UInt8(ascii: "-")) }
        var digits = 1
        var probe = v
        while probe >= 10 { probe /= 10; digits += 1 }
        count += digits
        var at = count
        repeat {
            at -= 1
            base.storeBytes(of: UInt8(ascii: "0") &+ UInt8(v % 10), toByteOffset: at, as: UInt8.self)
            v /= 10
        } while v > 0
    }

    /// Decimal text that parses back to exactly `v` (finite).
    ///
    /// Whole thousandths below a million in magnitude (every value of a duel
    /// observation: 0, 1, 0.5, 0.75) are written digit by digit (`0`, `1`, `0.5`,
    /// `0.75`): `Double(v) × 1000` is exact, so when it is a whole number the text
    /// denotes `v` itself, at the cost of a few divisions instead of the
    /// shortest-digits search. Everything else, and `-0.0`, is `Float.description`,
    /// the shortest round-trip text.
    @inline(__always)
    package mutating func float(_ v: Float) {
        let scaled = Double(v) * 1000
        if scaled == scaled.rounded(.towardZero), abs(scaled) < 1e9, !(v == 0 && v.sign == .minus) {
            var m = Int(scaled)
            if m < 0 { byte(UInt8(ascii: "-")); m = -m }
            decimal(m / 1000)
            var fraction = m % 1000
            guard fraction != 0 else { return }
            byte(UInt8(ascii: "."))
            var digits = 3
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            var divisor = digits == 3 ? 100 : (digits == 2 ? 10 : 1)
            while divisor > 0 {
                byte(UInt8(ascii: "0") &+ UInt8(fraction / divisor % 10))
                divisor /= 10
            }
            return
        }
        var text = v.description
        text.withUTF8 { utf8 in
            (base + count).copyMemory(from: utf8.baseAddress!, byteCount: utf8.count)
            count += utf8.count
        }
    }
}
