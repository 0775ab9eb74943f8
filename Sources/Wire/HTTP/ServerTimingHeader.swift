import NIOCore

/// Reads the server's share of a request from a W3C `Server-Timing` response
/// header: `decode;dur=0.112, queue;dur=0, compute;dur=0.087, encode;dur=0.019`
/// (durations in milliseconds).
///
/// The client subtracts the server's total from its round trip to get the time
/// spent on the wire and in queues, so only the four metrics a server of this
/// kind reports are read (`decode`, `queue`, `compute`, `encode`); any other
/// metric, parameter or description is skipped. The header is a diagnostic: a
/// malformed metric is ignored rather than failing the answer, and a value that
/// is negative, not a plain decimal or over 10^9 ms is not read. No String is
/// made and no memory allocated; the scan is linear in the header's length.
package struct ServerTimingHeader: Equatable, Sendable {
    /// Nanoseconds of each part (0 when absent).
    package var decodeNanos: UInt64 = 0
    package var queueNanos: UInt64 = 0
    package var computeNanos: UInt64 = 0
    package var encodeNanos: UInt64 = 0

    package init(decodeNanos: UInt64 = 0, queueNanos: UInt64 = 0, computeNanos: UInt64 = 0, encodeNanos: UInt64 = 0) {
        self.decodeNanos = decodeNanos; self.queueNanos = queueNanos
        self.computeNanos = computeNanos; self.encodeNanos = encodeNanos
    }

    /// The server's total: the four parts summed.
    package var totalNanos: UInt64 { decodeNanos &+ queueNanos &+ computeNanos &+ encodeNanos }

    /// The parts named in `value` (a header value), or nil when none of the four is there with a readable `dur`.
    package static func parse(_ value: UnsafeRawBufferPointer) -> ServerTimingHeader? {
        var result = ServerTimingHeader()
        var found = false
        var i = 0
        let n = value.count
        while i < n {
            // One metric: up to the next comma outside a quoted string.
            let start = i
            var inQuotes = false
            while i < n {
                let b = value[i]
                if b == UInt8(ascii: "\"") { inQuotes.toggle() } else if b == UInt8(ascii: "\\"), inQuotes { i += 1 }
                else if b == UInt8(ascii: ","), !inQuotes { break }
                i += 1
            }
            let end = min(i, n)
            if read(metric: UnsafeRawBufferPointer(rebasing: value[start..<end]), into: &result) { found = true }
            i = end + 1
        }
        return found ? result : nil
    }

    /// Reads one `name;param=value;…` metric into `result`: true when it was one of the four with a `dur`.
    private static func read(metric m: UnsafeRawBufferPointer, into result: inout ServerTimingHeader) -> Bool {
        let semicolon = UInt8(ascii: ";")
        let nameEnd = m.firstIndex(of: semicolon) ?? m.count
        let name = trimmed(m, 0..<nameEnd)
        let part: WritableKeyPath<ServerTimingHeader, UInt64>
        if HTTPResponseParser.nameIs(m, name, "decode") { part = \.decodeNanos }
        else if HTTPResponseParser.nameIs(m, name, "queue") { part = \.queueNanos }
        else if HTTPResponseParser.nameIs(m, name, "compute") { part = \.computeNanos }
        else if HTTPResponseParser.nameIs(m, name, "encode") { part = \.encodeNanos }
        else { return false }
        var i = nameEnd
        while i < m.count {
            let paramStart = i + 1
            var paramEnd = paramStart
            while paramEnd < m.count, m[paramEnd] != semicolon { paramEnd += 1 }
            i = paramEnd
            let param = trimmed(m, paramStart..<paramEnd)
            guard let eq = UnsafeRawBufferPointer(rebasing: m[param]).firstIndex(of: UInt8(ascii: "=")) else { continue }
            let key = trimmed(m, param.lowerBound..<(param.lowerBound + eq))
            guard HTTPResponseParser.nameIs(m, key, "dur") else { continue }
            guard let nanos = milliseconds(m, trimmed(m, (param.lowerBound + eq + 1)..<param.upperBound)) else { return false }
            result[keyPath: part] = nanos
            return true
        }
        return false
    }

    /// A plain decimal number of milliseconds (`12`, `0.087`, `.5`) in nanoseconds; nil for anything else.
    /// Digits past the sixth decimal (below a nanosecond) are read and dropped.
    static func milliseconds(_ b: UnsafeRawBufferPointer, _ r: Range<Int>) -> UInt64? {
        var whole: UInt64 = 0, fraction: UInt64 = 0, scale: UInt64 = 1_000_000
        var digits = 0, seenDot = false
        for k in r {
            let c = b[k]
            if c == UInt8(ascii: "."), !seenDot { seenDot = true; continue }
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            let d = UInt64(c - UInt8(ascii: "0"))
            digits += 1
            if !seenDot {
                whole = whole * 10 + d
                if whole > 1_000_000_000 { return nil }
            } else if scale > 1 {
                scale /= 10
                fraction += d * scale
            }
        }
        guard digits > 0 else { return nil }
        return whole * 1_000_000 + fraction
    }

    private static func trimmed(_ b: UnsafeRawBufferPointer, _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
        return lo..<hi
    }
}

extension ServerTimingHeader {
    /// Most bytes `write(into:)` writes.
    package static let maxLength = 128

    /// Appends the header's value, `decode;dur=0.112, queue;dur=0.000, compute;dur=0.087, encode;dur=0.019`:
    /// milliseconds with three decimals (each part rounded to the microsecond, at most 10^9 ms),
    /// written in place with no String made.
    package func write(into buffer: inout ByteBuffer) {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: Self.maxLength) { raw in
            var w = RawCursor(raw.baseAddress!)
            w.text("decode;dur="); Self.write(decodeNanos, &w)
            w.text(", queue;dur="); Self.write(queueNanos, &w)
            w.text(", compute;dur="); Self.write(computeNanos, &w)
            w.text(", encode;dur="); Self.write(encodeNanos, &w)
            return w.count
        }
    }

    /// `nanos` as milliseconds with three decimals: 87_400 → `0.087`.
    @inline(__always)
    private static func write(_ nanos: UInt64, _ w: inout RawCursor) {
        let micros = min(nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0), 1_000_000_000_000)
        w.decimal(Int(micros / 1000))
        let fraction = micros % 1000
        w.byte(UInt8(ascii: "."))
        w.byte(UInt8(ascii: "0") &+ UInt8(fraction / 100))
        w.byte(UInt8(ascii: "0") &+ UInt8(fraction / 10 % 10))
        w.byte(UInt8(ascii: "0") &+ UInt8(fraction % 10))
    }
}
