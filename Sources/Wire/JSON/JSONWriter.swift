import NIOCore

/// Writes the server's JSON responses straight into a `ByteBuffer`.
///
/// Floats are written with `Float.description`, Swift's shortest text that
/// round-trips exactly (`Float(text) == value`); the description of any float
/// fits in a small (inline) string, so writing one allocates nothing.
package enum JSONWriter {
    /// Longest `Float.description` of a finite float ("-1.17549435e-38").
    package static let maxFloatLength = 16

    /// Writes `value` as a JSON string with the required escapes.
    package static func writeString(_ value: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\""))
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            case 0x09: buffer.writeStaticString("\\t")
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                buffer.writeStaticString("\\u00")
                buffer.writeInteger(hex[Int(b >> 4)])
                buffer.writeInteger(hex[Int(b & 0xF)])
            default: buffer.writeInteger(b)
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    /// Writes a finite float at `p`; returns the number of bytes written (≤ `maxFloatLength`).
    @inline(__always)
    package static func writeFloat(_ value: Float, to p: UnsafeMutableRawPointer) -> Int {
        var text = value.description
        return text.withUTF8 { utf8 in
            p.copyMemory(from: utf8.baseAddress!, byteCount: utf8.count)
            return utf8.count
        }
    }

    /// Writes `rows` rows of `widths(r)` floats each as `[[a,b],[c,d]]`.
    ///
    /// `value(r, j)` gives column `j` of row `r`. Throws if a value is not finite
    /// (JSON cannot carry NaN or infinity).
    @inline(__always)
    package static func writeMatrix(
        rows: Int, totalValues: Int, into buffer: inout ByteBuffer,
        width: (Int) -> Int, value: (Int, Int) -> Float
    ) throws(ServingError) {
        let capacity = 2 + rows * 3 + totalValues * (maxFloatLength + 1)
        var failure: ServingError?
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: capacity) { raw in
            let p = raw.baseAddress!
            var at = 0
            p.storeBytes(of: UInt8(ascii: "["), toByteOffset: at, as: UInt8.self); at += 1
            for r in 0..<rows {
                if r > 0 { p.storeBytes(of: UInt8(ascii: ","), toByteOffset: at, as: UInt8.self); at += 1 }
                p.storeBytes(of: UInt8(ascii: "["), toByteOffset: at, as: UInt8.self); at += 1
                let w = width(r)
                for j in 0..<w {
                    let v = value(r, j)
                    guard v.isFinite else {
                        failure = ServingError(.unprocessableContent,
                            "the model produced a non-finite output (\(v)) for row \(r), column \(j); JSON cannot carry it")
                        return 0
                    }
                    if j > 0 { p.storeBytes(of: UInt8(ascii: ","), toByteOffset: at, as: UInt8.self); at += 1 }
                    at += writeFloat(v, to: p + at)
                }
                p.storeBytes(of: UInt8(ascii: "]"), toByteOffset: at, as: UInt8.self); at += 1
            }
            p.storeBytes(of: UInt8(ascii: "]"), toByteOffset: at, as: UInt8.self); at += 1
            return at
        }
        if let failure { throw failure }
    }

    /// Writes `count` floats as one flat array `[a,b,c]`; `value(i)` gives element `i`.
    ///
    /// Returns the index of the first non-finite value (nothing useful is written
    /// then: JSON cannot carry NaN or infinity), or nil.
    @inline(__always)
    package static func writeFlat(count: Int, into buffer: inout ByteBuffer, value: (Int) -> Float) -> Int? {
        var bad: Int?
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 2 + count * (maxFloatLength + 1)) { raw in
            let p = raw.baseAddress!
            var at = 0
            p.storeBytes(of: UInt8(ascii: "["), toByteOffset: at, as: UInt8.self); at += 1
            for i in 0..<count {
                let v = value(i)
                guard v.isFinite else { bad = i; return 0 }
                if i > 0 { p.storeBytes(of: UInt8(ascii: ","), toByteOffset: at, as: UInt8.self); at += 1 }
                at += writeFloat(v, to: p + at)
            }
            p.storeBytes(of: UInt8(ascii: "]"), toByteOffset: at, as: UInt8.self); at += 1
            return at
        }
        return bad
    }
}
