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
                var k = 0
                for row in 0..<size {
                    let ahead = DuelRules.headRow - row
                    for column in 0..<size {
                        let side = column - DuelRules.headColumn
                        let x = hx + ahead * fx + side * rx
                        let y = hy + ahead * fy + side * ry
                        out[k] = x >= 0 && x < w && y >= 0 && y < h ? table[Int(c[y * w + x])] : DuelObservation.blocked
                        k += 1
                    }
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

    /// `player`'s observation as a new array (convenience for tests and tools; allocates).
    public func observation(player: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: DuelRules.observationSize) { buffer, count in
            writeObservation(player: player, into: buffer.baseAddress!)
            count = DuelRules.observationSize
        }
    }
}
