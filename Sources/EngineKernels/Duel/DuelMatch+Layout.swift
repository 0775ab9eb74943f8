extension DuelMatch {
    /// Attempts per obstacle before that obstacle is skipped (keeps layout bounded).
    static let obstacleAttempts = 64

    /// Lays out the board from `seed`: border walls, A's start, B's start as A's
    /// 180° rotation, then `rules.obstaclePairs` point-symmetric obstacle pairs.
    ///
    /// Draw order (fixed, so a seed always gives the same board):
    /// 1. A's column `x` uniform in 2 … width/2 − 2 (left half, clear of the wall),
    ///    row `y` uniform in 2 … height − 3;
    /// 2. A's heading uniform among those with two free interior cells ahead
    ///    (there is always at least one: `right`);
    /// 3. B starts at (width−1−x, height−1−y) heading the opposite way;
    /// 4. each obstacle: a uniform interior cell, retried (at most 64 times, then
    ///    skipped) while it or its rotation is taken, it is its own rotation, or it
    ///    lies within Chebyshev distance 2 of a start (each start keeps a clear 5×5 box).
    mutating func layOut(seed: UInt64) {
        let w = rules.width, h = rules.height
        var rng = Xoshiro256(seed: seed)
        cells.withUnsafeMutableBufferPointer { c in
            for y in 0..<h {
                for x in 0..<w {
                    let border = x == 0 || y == 0 || x == w - 1 || y == h - 1
                    c[y * w + x] = border ? DuelCell.wall.rawValue : DuelCell.empty.rawValue
                }
            }
        }
        let ax = 2 + rng.nextInt(below: w / 2 - 3)
        let ay = 2 + rng.nextInt(below: h - 4)
        // Headings with two interior cells ahead, counted then picked without allocating.
        func clearAhead(_ d: DuelHeading) -> Bool {
            let x2 = ax + 2 * d.dx, y2 = ay + 2 * d.dy
            return x2 >= 1 && x2 <= w - 2 && y2 >= 1 && y2 <= h - 2
        }
        var valid = 0
        for d in DuelHeading.allCases where clearAhead(d) { valid += 1 }
        var pick = rng.nextInt(below: valid)
        var heading = DuelHeading.right
        for d in DuelHeading.allCases where clearAhead(d) {
            if pick == 0 { heading = d; break }
            pick -= 1
        }
        headA = ay * w + ax
        headB = mirror(headA)
        headingA = heading
        headingB = heading.reversed
        cells[headA] = DuelCell.trailA.rawValue
        cells[headB] = DuelCell.trailB.rawValue

        let bx = w - 1 - ax, by = h - 1 - ay
        for _ in 0..<rules.obstaclePairs {
            for _ in 0..<Self.obstacleAttempts {
                let x = 1 + rng.nextInt(below: w - 2), y = 1 + rng.nextInt(below: h - 2)
                let i = y * w + x, m = mirror(i)
                if i == m || cells[i] != DuelCell.empty.rawValue || cells[m] != DuelCell.empty.rawValue { continue }
                if max(abs(x - ax), abs(y - ay)) <= 2 || max(abs(x - bx), abs(y - by)) <= 2 { continue }
                cells[i] = DuelCell.obstacle.rawValue
                cells[m] = DuelCell.obstacle.rawValue
                break
            }
        }
        rebuildFreeRows()
    }

    /// The cell a 180° rotation of the board maps `index` to.
    @inline(__always) func mirror(_ index: Int) -> Int { rules.cellCount - 1 - index }
}
