extension DuelMatch {
    /// Widest board that keeps a bitboard of its empty cells (`freeRows`).
    public static let bitboardWidthLimit = 64

    /// Rebuilds `freeRows` from `cells`: bit x of row y is set when cell (x, y) is
    /// empty. Boards wider than `bitboardWidthLimit` keep no bitboard (empty array).
    ///
    /// - Complexity: O(width × height); allocates only when the row count grows.
    mutating func rebuildFreeRows() {
        let w = rules.width, h = rules.height
        guard w <= Self.bitboardWidthLimit else {
            freeRows.removeAll()
            return
        }
        if freeRows.count != h { freeRows = [UInt64](repeating: 0, count: h) }
        let empty = DuelCell.empty.rawValue
        cells.withUnsafeBufferPointer { c in
            freeRows.withUnsafeMutableBufferPointer { f in
                for y in 0..<h {
                    var bits: UInt64 = 0
                    for x in 0..<w { bits |= UInt64(c[y * w + x] == empty ? 1 : 0) << UInt64(x) }
                    f[y] = bits
                }
            }
        }
    }

    /// Marks the cell at flat index `i` as no longer empty in `freeRows`.
    @inline(__always) mutating func clearFreeBit(_ i: Int) {
        guard !freeRows.isEmpty else { return }
        let w = rules.width
        freeRows[i / w] &= ~(1 << UInt64(i % w))
    }
}
