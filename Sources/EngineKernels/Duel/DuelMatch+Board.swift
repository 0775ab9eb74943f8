extension DuelMatch {
    /// Characters of an ASCII board, as read by `init(board:headings:tickCap:)` and
    /// written by `boardLines()`.
    public enum BoardSymbol {
        public static let empty: Character = "."
        public static let wall: Character = "#"
        public static let obstacle: Character = "o"
        public static let headA: Character = "A"
        public static let headB: Character = "B"
        public static let trailA: Character = "a"
        public static let trailB: Character = "b"
    }

    /// A match from a hand-drawn board (for tests and puzzles).
    ///
    /// Rows are strings of equal length: `#` wall, `o` obstacle, `.` empty, `A`/`B`
    /// the heads, `a`/`b` their trails. The outer ring must be all `#` and each head
    /// must appear exactly once. The board may be smaller than
    /// `DuelRules.minimumSide`; it has no obstacles to place, so
    /// `rules.obstaclePairs` is 0 and `seed` is 0.
    ///
    /// ```swift
    /// let m = try DuelMatch(board: ["#####",
    ///                               "#A.B#",
    ///                               "#####"], headings: (.right, .left))
    /// ```
    public init(board: [String], headings: (a: DuelHeading, b: DuelHeading), tickCap: Int = DuelRules().tickCap) throws(DuelBoardError) {
        guard tickCap >= 1 else { throw DuelBoardError("tickCap must be at least 1, got \(tickCap)") }
        guard board.count >= 3 else { throw DuelBoardError("needs at least 3 rows (walls around a playing row), got \(board.count)") }
        let rows = board.map(Array.init)
        let w = rows[0].count
        guard w >= 3 else { throw DuelBoardError(row: 0, "needs at least 3 columns, got \(w)") }
        let h = rows.count
        var cells = [UInt8](repeating: 0, count: w * h)
        var headA: Int?, headB: Int?
        for (y, line) in rows.enumerated() {
            guard line.count == w else { throw DuelBoardError(row: y, "has \(line.count) columns, expected \(w) like row 0") }
            for (x, ch) in line.enumerated() {
                let cell: DuelCell
                switch ch {
                case BoardSymbol.empty: cell = .empty
                case BoardSymbol.wall: cell = .wall
                case BoardSymbol.obstacle: cell = .obstacle
                case BoardSymbol.trailA: cell = .trailA
                case BoardSymbol.trailB: cell = .trailB
                case BoardSymbol.headA:
                    guard headA == nil else { throw DuelBoardError(row: y, column: x, "second head 'A' (one per board)") }
                    headA = y * w + x; cell = .trailA
                case BoardSymbol.headB:
                    guard headB == nil else { throw DuelBoardError(row: y, column: x, "second head 'B' (one per board)") }
                    headB = y * w + x; cell = .trailB
                default:
                    throw DuelBoardError(row: y, column: x, "unknown symbol '\(ch)', expected one of . # o A B a b")
                }
                let border = x == 0 || y == 0 || x == w - 1 || y == h - 1
                if border && cell != .wall {
                    throw DuelBoardError(row: y, column: x, "the outer ring must be walls '#', found '\(ch)'")
                }
                cells[y * w + x] = cell.rawValue
            }
        }
        guard let a = headA else { throw DuelBoardError("no head 'A'") }
        guard let b = headB else { throw DuelBoardError("no head 'B'") }
        self.init(rules: DuelRules(width: w, height: h, tickCap: tickCap, obstaclePairs: 0),
                  cells: cells, headA: a, headB: b, headingA: headings.a, headingB: headings.b)
    }

    /// The board as ASCII rows in the symbols of `init(board:headings:tickCap:)`.
    public func boardLines() -> [String] {
        (0..<height).map { y in
            String((0..<width).map { x -> Character in
                let i = y * width + x
                if i == headA { return BoardSymbol.headA }
                if i == headB { return BoardSymbol.headB }
                switch DuelCell(rawValue: cells[i])! {
                case .empty: return BoardSymbol.empty
                case .wall: return BoardSymbol.wall
                case .obstacle: return BoardSymbol.obstacle
                case .trailA: return BoardSymbol.trailA
                case .trailB: return BoardSymbol.trailB
                }
            })
        }
    }
}
