extension DuelMatch {
    /// Writes `player`'s view into `out`: exactly `DuelRules.observationSize` (100) floats.
    ///
    /// The view is a 10×10 window turned so that the player's heading points up:
    /// index `row * 10 + column`, row 0 farthest ahead, column 0 leftmost. The head
    /// sits at row 7, column 5 (`DuelRules.headRow`, `.headColumn`), so the window
    /// shows 7 cells ahead and 2 behind, 5 to the left and 4 to the right; the cells
    /// a `.left`, `.straight` or `.right` move enters are always indices 74, 65, 76.
    /// Values are those of `DuelObservation`; cells beyond the board read as blocked.
    ///
    /// - Complexity: O(100); allocates nothing.
    public func writeObservation(player: Int, into out: UnsafeMutablePointer<Float>) {
        let w = rules.width, h = rules.height
        let head = player == 0 ? headA : headB
        let heading = player == 0 ? headingA : headingB
        let opponentHead = player == 0 ? headB : headA
        let opponentTrail = player == 0 ? DuelCell.trailB.rawValue : DuelCell.trailA.rawValue
        let hx = head % w, hy = head / w
        // Forward and right unit vectors in board coordinates (rows grow downwards).
        let fx = heading.dx, fy = heading.dy
        let rx = -fy, ry = fx
        let size = DuelRules.viewSize
        // Cell value by cell kind: empty 0, the opponent's trail ½, anything else 1.
        // The opponent's head (part of its trail) is set to ¾ afterwards.
        var table = SIMD8<Float>(repeating: DuelObservation.blocked)
        table[Int(DuelCell.empty.rawValue)] = DuelObservation.empty
        table[Int(opponentTrail)] = DuelObservation.opponentTrail
        // The window reaches at most 7 cells from the head in any direction: when all
        // of it lies on the board, walk it by index steps with no bounds checks.
        let reach = DuelRules.headRow
        cells.withUnsafeBufferPointer { c in
            if hx >= reach && hx + reach < w && hy >= reach && hy + reach < h {
                let forward = fx + fy * w, right = rx + ry * w
                var k = 0
                for row in 0..<size {
                    var i = head + (DuelRules.headRow - row) * forward - DuelRules.headColumn * right
                    for _ in 0..<size {
                        out[k] = table[Int(c[i])]
                        k += 1
                        i += right
                    }
                }
            } else {
                // Near the edge: per window row, the columns on the board form one
                // interval (the row runs along x or along y); the rest read as blocked.
                let right = rx + ry * w
                for row in 0..<size {
                    let ahead = DuelRules.headRow - row
                    let x0 = hx + ahead * fx - DuelRules.headColumn * rx
                    let y0 = hy + ahead * fy - DuelRules.headColumn * ry
                    var lo = 0, hi = size
                    Self.clip(start: x0, step: rx, bound: w, lo: &lo, hi: &hi)
                    Self.clip(start: y0, step: ry, bound: h, lo: &lo, hi: &hi)
                    let k = row * size
                    if lo >= hi {
                        for column in 0..<size { out[k + column] = DuelObservation.blocked }
                        continue
                    }
                    for column in 0..<lo { out[k + column] = DuelObservation.blocked }
                    var i = (y0 + lo * ry) * w + x0 + lo * rx
                    for column in lo..<hi {
                        out[k + column] = table[Int(c[i])]
                        i += right
                    }
                    for column in hi..<size { out[k + column] = DuelObservation.blocked }
                }
            }
        }
        // The opponent's head, if it is in the window.
        let dx = opponentHead % w - hx, dy = opponentHead / w - hy
        let ahead = dx * fx + dy * fy, side = dx * rx + dy * ry
        let row = DuelRules.headRow - ahead, column = DuelRules.headColumn + side
        if row >= 0 && row < size && column >= 0 && column < size {
            let k = row * size + column
            if out[k] == DuelObservation.opponentTrail { out[k] = DuelObservation.opponentHead }
        }
    }

    /// Narrows the column interval [lo, hi) to the columns c with
    /// 0 ≤ start + c × step < bound (`step` is −1, 0 or 1).
    @inline(__always)
    static func clip(start: Int, step: Int, bound: Int, lo: inout Int, hi: inout Int) {
        switch step {
        case 0:
            if start < 0 || start >= bound { hi = lo }
        case 1:
            lo = max(lo, -start)
            hi = min(hi, bound - start)
        default:
            lo = max(lo, start - bound + 1)
            hi = min(hi, start + 1)
        }
    }

    /// `player`'s observation as a new array (convenience for tests and tools; allocates).
    public func observation(player: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: DuelRules.observationSize) { buffer, count in
            writeObservation(player: player, into: buffer.baseAddress!)
            count = DuelRules.observationSize
        }
    }
}
