/// Number formatting for panels and summaries, without Foundation's `String(format:)`.
enum Format {
    /// `value` with `digits` decimals (rounded half away from zero).
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let neg = value < 0
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e15 else { return String(Int64(value)) }
        let n = Int64(scaled)
        let s1 = Int64(scale)
        let whole = n / s1
        var out = (neg && n != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            var frac = String(n % s1)
            while frac.count < digits { frac = "0" + frac }
            out += "." + frac
        }
        return out
    }

    /// A duration given in microseconds, with a unit that keeps it short: 70ns, 850µs, 12.3ms, 1.25s.
    static func micros(_ us: Double, glyphs: Glyphs) -> String {
        if us > 0 && us < 1 { return fixed(us * 1000, 0) + "ns" }
        if us < 1000 { return fixed(us, us < 10 ? 1 : 0) + glyphs.micro + "s" }
        if us < 1_000_000 { return fixed(us / 1000, us < 100_000 ? 1 : 0) + "ms" }
        return fixed(us / 1_000_000, 2) + "s"
    }

    /// A rate with k/M suffixes: 950, 12.3k, 4.56M.
    static func rate(_ v: Double) -> String {
        if v < 1000 { return fixed(v, v < 10 ? 2 : (v < 100 ? 1 : 0)) }
        if v < 1_000_000 { return fixed(v / 1000, 1) + "k" }
        return fixed(v / 1_000_000, 2) + "M"
    }

    /// Bytes in MiB/GiB.
    static func bytes(_ b: UInt64) -> String {
        let mib = Double(b) / 1_048_576
        if mib < 1024 { return fixed(mib, 1) + " MiB" }
        return fixed(mib / 1024, 2) + " GiB"
    }

    static func percent(_ fraction: Double, digits: Int = 1) -> String { fixed(fraction * 100, digits) + "%" }

    /// hh:mm:ss
    static func clock(_ seconds: Double) -> String {
        let s = Int(max(0, seconds))
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(s / 3600)):\(two((s / 60) % 60)):\(two(s % 60))"
    }

    /// Pads or cuts `s` to exactly `width` cells (left-aligned).
    static func pad(_ s: String, _ width: Int) -> String {
        let n = s.unicodeScalars.count
        if n >= width { return String(String.UnicodeScalarView(s.unicodeScalars.prefix(width))) }
        return s + String(repeating: " ", count: width - n)
    }

    /// Right-aligns `s` in `width` cells (cut on the left if longer).
    static func padLeft(_ s: String, _ width: Int) -> String {
        let n = s.unicodeScalars.count
        if n >= width { return String(String.UnicodeScalarView(s.unicodeScalars.suffix(width))) }
        return String(repeating: " ", count: width - n) + s
    }
}

extension Format {
    /// Keeps the end of `s` (a path's file name matters most), marking a cut with an ellipsis.
    static func cutLeft(_ s: String, _ width: Int, glyphs: Glyphs) -> String {
        guard width > 0 else { return "" }
        let n = s.unicodeScalars.count
        if n <= width { return s }
        var v = String.UnicodeScalarView([glyphs.ellipsis])
        v.append(contentsOf: s.unicodeScalars.suffix(width - 1))
        return String(v)
    }
}

extension Format {
    /// Keeps the start of `s` (a thread name's distinctive part comes first), marking a cut with an ellipsis.
    static func cutRight(_ s: String, _ width: Int, glyphs: Glyphs) -> String {
        guard width > 0 else { return "" }
        let n = s.unicodeScalars.count
        if n <= width { return s }
        var v = String.UnicodeScalarView(s.unicodeScalars.prefix(width - 1))
        v.append(glyphs.ellipsis)
        return String(v)
    }
}
