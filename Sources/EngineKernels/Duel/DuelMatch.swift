/// One light-cycles duel: a grid, two cycles and the simultaneous-move rules.
///
/// The board is a flat row-major `[UInt8]` of `DuelCell` values allocated once
/// (by `init`, and reused by `reset(seed:)`); `step` and `writeObservation` then
/// allocate nothing, so a runner can keep a pool of matches and advance them in
/// lockstep:
///
/// ```swift
/// var match = DuelMatch(rules: DuelRules(), seed: 42)
/// while !match.isOver {
///     match.writeObservation(player: 0, into: obsA)   // 100 floats each
///     match.writeObservation(player: 1, into: obsB)
///     // … run both networks …
///     match.step(actionA: DuelAction(outputs: outA), actionB: DuelAction(outputs: outB))
/// }
/// let scoreA = match.outcome!.score(player: 0)         // 1, ½ or 0
/// ```
///
/// Rules of one tick (see `docs/duel.md`): both players turn (or not) relative to
/// their heading, then both move one cell at once. A cycle crashes if its new cell
/// is not empty: wall, obstacle or any trail, its own or the other's, including
/// the cell the other's head is leaving (trails stay where they are laid). Then:
/// - both move into the same cell → draw (`.headOn`), whatever that cell holds;
/// - each moves into the other's head cell → draw (`.swap`);
/// - both crash into different cells → draw (`.bothCrashed`);
/// - exactly one crashes → the other wins (`.crash`);
/// - nobody crashes and `rules.tickCap` ticks have been played → draw (`.tickCap`).
/// On the final tick nobody moves: the board keeps its state from before it.
///
/// Player 0 is A, player 1 is B. The seeded layout is point-symmetric (a 180°
/// rotation maps the board onto itself and A's start onto B's), so both seats see
/// exactly the same game: swapping two policies swaps the result.
public struct DuelMatch: Sendable {
    /// The rules this match is played under (for a board match: its size and tick cap).
    public private(set) var rules: DuelRules
    /// The seed the layout came from (0 for a match built from a board).
    public private(set) var seed: UInt64
    /// Row-major `DuelCell` raw values, `rules.width × rules.height`.
    @usableFromInline var cells: [UInt8]
    /// Bitboard of the empty cells, one word per row (bit x = column x), kept in
    /// step with `cells` on boards up to 64 wide; empty on wider boards.
    @usableFromInline var freeRows: [UInt64] = []
    /// Flat cell index of each head.
    @usableFromInline var headA: Int
    @usableFromInline var headB: Int
    @usableFromInline var headingA: DuelHeading
    @usableFromInline var headingB: DuelHeading
    /// Ticks played so far.
    public private(set) var tick: Int
    /// How the match ended, or nil while it runs.
    public private(set) var outcome: DuelOutcome?

    /// A new match laid out from `seed` (see `reset(seed:)`).
    ///
    /// - Precondition: `rules.validate()` does not throw (validate user input first).
    public init(rules: DuelRules, seed: UInt64) {
        do { try rules.validate() } catch { fatalError("\(error)") }
        self.rules = rules
        self.seed = seed
        cells = [UInt8](repeating: 0, count: rules.cellCount)
        headA = 0; headB = 0
        headingA = .up; headingB = .down
        tick = 0
        outcome = nil
        layOut(seed: seed)
    }

    /// A match with explicit state (used by the board constructor).
    init(rules: DuelRules, cells: [UInt8], headA: Int, headB: Int, headingA: DuelHeading, headingB: DuelHeading) {
        self.rules = rules
        self.seed = 0
        self.cells = cells
        self.headA = headA; self.headB = headB
        self.headingA = headingA; self.headingB = headingB
        tick = 0
        outcome = nil
        rebuildFreeRows()
    }

    /// Starts over with a new layout from `seed`, reusing the grid storage.
    ///
    /// - Complexity: O(width × height); allocates nothing.
    public mutating func reset(seed: UInt64) {
        self.seed = seed
        tick = 0
        outcome = nil
        layOut(seed: seed)
    }

    /// Whether the match has ended.
    @inline(__always) public var isOver: Bool { outcome != nil }

    /// Board width, walls included.
    @inline(__always) public var width: Int { rules.width }
    /// Board height, walls included.
    @inline(__always) public var height: Int { rules.height }

    /// What occupies cell (`x`, `y`); (0, 0) is the top-left wall corner.
    public func cell(x: Int, y: Int) -> DuelCell {
        require(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) is off the \(width)×\(height) board")
        return DuelCell(rawValue: cells[y * width + x])!
    }

    /// Position of `player`'s head (0 = A, 1 = B).
    public func head(player: Int) -> (x: Int, y: Int) {
        let h = player == 0 ? headA : headB
        return (h % width, h / width)
    }

    /// Current heading of `player` (0 = A, 1 = B).
    public func heading(player: Int) -> DuelHeading { player == 0 ? headingA : headingB }

    /// Plays one tick: both players act at once, then the rules above decide.
    ///
    /// - Precondition: the match is not over.
    /// - Complexity: O(1); allocates nothing.
    public mutating func step(actionA: DuelAction, actionB: DuelAction) {
        require(outcome == nil, "step(actionA:actionB:) called on a finished duel")
        let w = width
        let hA = headingA.applying(actionA), hB = headingB.applying(actionB)
        // Heads are always inside the border wall, so a neighbour is always on the board.
        let nA = headA + hA.dx + hA.dy * w
        let nB = headB + hB.dx + hB.dy * w
        tick += 1
        if nA == nB {
            outcome = DuelOutcome(result: .draw, reason: .headOn, ticks: tick)
            return
        }
        if nA == headB && nB == headA {
            outcome = DuelOutcome(result: .draw, reason: .swap, ticks: tick)
            return
        }
        let crashA = cells[nA] != DuelCell.empty.rawValue
        let crashB = cells[nB] != DuelCell.empty.rawValue
        switch (crashA, crashB) {
        case (true, true):
            outcome = DuelOutcome(result: .draw, reason: .bothCrashed, ticks: tick)
        case (true, false):
            outcome = DuelOutcome(result: .playerBWins, reason: .crash, ticks: tick)
        case (false, true):
            outcome = DuelOutcome(result: .playerAWins, reason: .crash, ticks: tick)
        case (false, false):
            cells[nA] = DuelCell.trailA.rawValue
            cells[nB] = DuelCell.trailB.rawValue
            clearFreeBit(nA)
            clearFreeBit(nB)
            headA = nA; headB = nB
            headingA = hA; headingB = hB
            if tick >= rules.tickCap {
                outcome = DuelOutcome(result: .draw, reason: .tickCap, ticks: tick)
            }
        }
    }
}
