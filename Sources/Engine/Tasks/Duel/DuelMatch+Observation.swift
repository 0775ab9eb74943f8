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
        // The window reaches at most 7 cells from the head in any direction: when all
        // of it lies on the board, walk it by index steps with no bounds checks.
        let reach = DuelRules.headRow
        if hx >= reach && hx + reach < w && hy >= reach && hy + reach < h {
            let forward = fx + fy * w, right = rx + ry * w
            cells.withUnsafeBufferPointer { c in
                var k = 0
                for row in 0..<size {
                    var i = head + (DuelRules.headRow - row) * forward - DuelRules.headColumn * right
                    for _ in 0..<size {
                        let cell = c[i]
                        var v = DuelObservation.blocked
                        if cell == DuelCell.empty.rawValue {
                            v = DuelObservation.empty
                        } else if cell == opponentTrail {
                            v = i == opponentHead ? DuelObservation.opponentHead : DuelObservation.opponentTrail
                        }
                        out[k] = v
                        k += 1
                        i += right
                    }
                }
            }
            return
        }
        cells.withUnsafeBufferPointer { c in
            var k = 0
            for row in 0..<size {
                let ahead = DuelRules.headRow - row
                for column in 0..<size {
                    let side = column - DuelRules.headColumn
                    let x = hx + ahead * fx + side * rx
                    let y = hy + ahead * fy + side * ry
                    var v = DuelObservation.blocked
                    if x >= 0 && x < w && y >= 0 && y < h {
                        let i = y * w + x
                        let cell = c[i]
                        if cell == DuelCell.empty.rawValue {
                            v = DuelObservation.empty
                        } else if cell == opponentTrail {
                            v = i == opponentHead ? DuelObservation.opponentHead : DuelObservation.opponentTrail
                        }
                    }
                    out[k] = v
                    k += 1
                }
            }
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
