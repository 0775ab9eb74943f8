/// The fixed, hand-written duel opponent the champion is measured against.
///
/// Strategy (deterministic, and the same from either seat):
/// 1. For each move, in the order straight, left, right, find the cell it enters.
///    A blocked cell (wall, obstacle, any trail, the opponent's head) scores −1.
/// 2. Otherwise the score is the free area reachable from that cell: a
///    breadth-first flood fill over empty cells, the entered cell included,
///    stopped at `areaLimit` cells (so open space ties and the bot goes straight).
/// 3. If the opponent could also enter that cell this tick (a possible head-on
///    draw), the score is divided by 4 (integer division): the bot prefers a safe
///    move unless the safe ones lead into a pocket under a quarter the size.
/// 4. The highest score wins; ties go to the earlier move in step 1's order.
///
/// It therefore never moves into a blocked cell while a free one exists, avoids
/// sealing itself into small regions, and spirals along walls and trails.
/// It does not try to cut the opponent off: an evolved player can beat it by
/// taking territory.
///
/// The bot keeps flood-fill buffers sized for the largest board it has seen, so
/// `action` allocates nothing after the first call on a board of that size. It is
/// not `Sendable`: give each thread its own.
///
/// On boards up to 64 cells wide the fills run on bitboards (one `UInt64` per row:
/// each pass grows the region by one cell in every direction, row by row, and
/// stops once it holds `areaLimit` cells or stops growing); wider boards use a
/// breadth-first fill. Both give min(region size, `areaLimit`), so the moves are
/// the same (tested against a plain fill on every tick of many matches).
///
/// ```swift
/// let bot = ReferenceBot()
/// match.step(actionA: net(match), actionB: bot.action(match: match, player: 1))
/// ```
public final class ReferenceBot {
    /// Flood fills stop after this many cells.
    public let areaLimit: Int
    /// Visit marks: a cell is visited in the current fill when its mark equals `epoch`.
    private var marks: [UInt32] = []
    private var queue: [Int32] = []
    private var epoch: UInt32 = 0
    /// The region of the current bitboard fill (boards ≤ 64 wide; the empty cells
    /// come from `DuelMatch.freeRows`).
    private var regionRows: [UInt64] = []
    /// Use bitboards when the board allows (tests turn them off to compare).
    let bitboards: Bool

    public convenience init(areaLimit: Int = 128) {
        self.init(areaLimit: areaLimit, bitboards: true)
    }

    init(areaLimit: Int, bitboards: Bool) {
        require(areaLimit >= 1, "ReferenceBot.areaLimit must be at least 1, got \(areaLimit)")
        self.areaLimit = areaLimit
        self.bitboards = bitboards
    }

    /// The bot's move for `player` (0 = A, 1 = B) in `match`'s current state.
    ///
    /// - Complexity: O(`areaLimit`) per candidate move; allocates nothing once the
    ///   buffers fit the board.
    public func action(match: DuelMatch, player: Int) -> DuelAction {
        let w = match.width, h = match.height
        let useBitboards = bitboards && !match.freeRows.isEmpty
        if useBitboards {
            if regionRows.count < h { regionRows = [UInt64](repeating: 0, count: h) }
        } else if marks.count < match.cells.count {
            marks = [UInt32](repeating: 0, count: match.cells.count)
            queue = [Int32](repeating: 0, count: match.cells.count)
            epoch = 0
        }
        let head = player == 0 ? match.headA : match.headB
        let heading = player == 0 ? match.headingA : match.headingB
        let opponentHead = player == 0 ? match.headB : match.headA
        let opponentHeading = player == 0 ? match.headingB : match.headingA
        var best = DuelAction.straight
        var bestScore = Int.min
        // The last fill's score. Its cells (marked with `epoch`, or set in `regionRows`)
        // are a connected part of one empty region: the whole region when the fill
        // stopped short of the limit, at least `areaLimit` cells otherwise. A later
        // candidate among them is in the same region and gets the same score without
        // a fill of its own.
        var lastScore: Int? = nil
        for action in DuelAction.tieBreakOrder {
            let d = heading.applying(action)
            let next = head + d.dx + d.dy * w
            var score = -1
            if match.cells[next] == DuelCell.empty.rawValue {
                if let known = lastScore, inLastFill(next, width: w, bitboards: useBitboards) {
                    score = known
                } else {
                    score = useBitboards ? bitboardArea(x: next % w, y: next / w, free: match.freeRows, height: h)
                                         : floodArea(from: next, cells: match.cells, width: w)
                    lastScore = score
                }
                if Self.reachable(next, from: opponentHead, heading: opponentHeading, width: w) { score /= 4 }
            }
            if score > bestScore {
                bestScore = score
                best = action
                // No later move can score more than the limit, and ties go to the earlier one.
                if score >= areaLimit { break }
            }
        }
        return best
    }

    /// Whether the last fill of this `action` call found `cell`.
    @inline(__always)
    private func inLastFill(_ cell: Int, width w: Int, bitboards: Bool) -> Bool {
        bitboards ? regionRows[cell / w] & (1 << UInt64(cell % w)) != 0 : marks[cell] == epoch
    }

    /// min(size of the empty region holding (x, y), `areaLimit`), leaving the region
    /// found (all of it, or a connected part of at least `areaLimit` cells) in `regionRows`.
    private func bitboardArea(x: Int, y: Int, free: [UInt64], height h: Int) -> Int {
        let limit = areaLimit
        return free.withUnsafeBufferPointer { f in
            regionRows.withUnsafeMutableBufferPointer { r in
                for i in 0..<h { r[i] = 0 }
                r[y] = 1 << UInt64(x)
                var count = 1, top = y, bottom = y
                // Every empty cell is inside the border wall, so the region never
                // reaches row 0, row h − 1 or the edge bits, and shifts cannot leak;
                // each pass looks at the rows next to the region, within 1…h − 2.
                while count < limit {
                    var grew = false
                    let from = max(top - 1, 1), to = min(bottom + 1, h - 2)
                    var above = r[from - 1]  // row i − 1 as it was before this pass
                    for i in from...to {
                        let old = r[i]
                        let grown = (old | old << 1 | old >> 1 | above | r[i + 1]) & f[i]
                        above = old
                        if grown != old {
                            r[i] = grown
                            grew = true
                            var added = grown & ~old  // usually a few cells: clear them one by one
                            while added != 0 { added &= added - 1; count += 1 }
                            if i < top { top = i }
                            if i > bottom { bottom = i }
                            if count >= limit { break }  // a connected part is enough
                        }
                    }
                    if !grew { break }
                }
                return min(count, limit)
            }
        }
    }

    /// Whether a cycle at `head` moving `heading` can enter `cell` in one step.
    @inline(__always)
    private static func reachable(_ cell: Int, from head: Int, heading: DuelHeading, width w: Int) -> Bool {
        for action in DuelAction.allCases {
            let d = heading.applying(action)
            if head + d.dx + d.dy * w == cell { return true }
        }
        return false
    }

    /// Number of empty cells reachable from the empty cell `start` (itself included),
    /// at most `areaLimit`.
    private func floodArea(from start: Int, cells: [UInt8], width w: Int) -> Int {
        epoch &+= 1
        if epoch == 0 {
            // Marks wrapped around: clear them once every 2³² fills.
            for i in marks.indices { marks[i] = 0 }
            epoch = 1
        }
        let limit = areaLimit
        let e = epoch
        return cells.withUnsafeBufferPointer { c in
            marks.withUnsafeMutableBufferPointer { m in
                queue.withUnsafeMutableBufferPointer { q in
                    var read = 0, write = 0
                    m[start] = e
                    q[write] = Int32(start); write += 1
                    // Every empty cell is inside the border wall, so its neighbours are on the board.
                    @inline(__always) func visit(_ n: Int) {
                        if write < limit && c[n] == DuelCell.empty.rawValue && m[n] != e {
                            m[n] = e
                            q[write] = Int32(n); write += 1
                        }
                    }
                    while read < write && write < limit {
                        let i = Int(q[read]); read += 1
                        visit(i - w); visit(i + 1); visit(i + w); visit(i - 1)
                    }
                    return write
                }
            }
        }
    }
}
