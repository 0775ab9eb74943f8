/// Sparklines: the last `width` samples as one row of bar glyphs.
public enum Sparkline {
    /// Levels 0...7 for the last `width` values, scaled from 0 to the largest value shown.
    /// Fewer values than `width` are right-aligned (the newest sample is always at the right edge).
    public static func levels(_ values: [Double], width: Int) -> [Int] {
        guard width > 0, !values.isEmpty else { return [] }
        let shown = values.suffix(width)
        let top = shown.reduce(0) { Swift.max($0, $1.isFinite ? $1 : 0) }
        return shown.map { v in
            guard top > 0, v.isFinite, v > 0 else { return 0 }
            return Swift.min(7, Swift.max(0, Int((v / top * 7).rounded())))
        }
    }

    /// Draws the sparkline right-aligned in `rect`'s first row.
    public static func draw(_ values: [Double], into buffer: inout CellBuffer, x: Int, y: Int, width: Int,
                            glyphs: Glyphs, role: StyleRole = .graph) {
        let lv = levels(values, width: width)
        let start = x + width - lv.count
        for (i, l) in lv.enumerated() { buffer.put(start + i, y, glyphs.spark[l], role: role) }
    }
}
