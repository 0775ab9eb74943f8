import Testing
@testable import Engine
@testable import EngineKernels

@Suite struct DuelMatchTests {
    @Test func wallCollisionLosesAndNothingMoves() throws {
        var m = try DuelMatch(board: ["#######",
                                      "#A....#",
                                      "#....B#",
                                      "#######"], headings: (.up, .left))
        let before = m.boardLines()
        m.step(actionA: .straight, actionB: .straight)
        #expect(m.outcome == DuelOutcome(result: .playerBWins, reason: .crash, ticks: 1))
        #expect(m.isOver)
        #expect(m.boardLines() == before, "the final tick moves nobody")
    }

    @Test func turningIntoAWallLoses() throws {
        var m = try DuelMatch(board: ["#######",
                                      "#A....#",
                                      "#....B#",
                                      "#######"], headings: (.right, .left))
        // B turns right from heading left: heading up, into the empty cell (5, 1).
        m.step(actionA: .left, actionB: .right)
        #expect(m.outcome == DuelOutcome(result: .playerBWins, reason: .crash, ticks: 1))
    }

    @Test func ownTrailLoses() throws {
        var m = try DuelMatch(board: ["########",
                                      "#A.a...#",
                                      "#.....B#",
                                      "########"], headings: (.right, .left))
        m.step(actionA: .straight, actionB: .straight)
        #expect(!m.isOver)
        m.step(actionA: .straight, actionB: .straight)
        #expect(m.outcome == DuelOutcome(result: .playerBWins, reason: .crash, ticks: 2))
    }

    @Test func opponentTrailLoses() throws {
        var m = try DuelMatch(board: ["########",
                                      "#A.b...#",
                                      "#.....B#",
                                      "########"], headings: (.right, .left))
        m.step(actionA: .straight, actionB: .straight)
        m.step(actionA: .straight, actionB: .straight)
        #expect(m.outcome == DuelOutcome(result: .playerBWins, reason: .crash, ticks: 2))
    }

    @Test func obstacleLosesForB() throws {
        var m = try DuelMatch(board: ["#######",
                                      "#A...o#",
                                      "#...oB#",
                                      "#######"], headings: (.right, .left))
        m.step(actionA: .straight, actionB: .straight)
        #expect(m.outcome == DuelOutcome(result: .playerAWins, reason: .crash, ticks: 1))
    }

    @Test func enteringTheCellTheOpponentLeavesLoses() throws {
        // A moves into B's head cell while B moves on: the cell is B's trail.
        var m = try DuelMatch(board: ["######",
                                      "#AB..#",
                                      "######"], headings: (.right, .right))
        m.step(actionA: .straight, actionB: .straight)
        #expect(m.outcome == DuelOutcome(result: .playerBWins, reason: .crash, ticks: 1))
    }

    @Test func headOnIntoTheSameCellIsADraw() throws {
        var m = try DuelMatch(board: ["#####",
                                      "#A.B#",
                                      "#####"], headings: (.right, .left))
        m.step(actionA: .straight, actionB: .straight)
        #expect(m.outcome == DuelOutcome(result: .draw, reason: .headOn, ticks: 1))
    }

    @Test func headOnAfterTurningIsADraw() throws {
        var m = try DuelMatch(board: ["#####",
                                      "#A..#",
                                      "#..B#",
                                      "#####"], headings: (.right, .up))
        // A: right → turn right → down into (1, 2). B: up → turn left → west into (2, 2). Different cells: no draw.
        m.step(actionA: .right, actionB: .left)
        #expect(!m.isOver)
        var n = try DuelMatch(board: ["#####",
                                      "#A..#",
                                      "#.B.#",
                                      "#####"], headings: (.down, .left))
        // A: down → straight into (1, 2); B: left → straight into (1, 2).
        n.step(actionA: .straight, actionB: .straight)
        #expect(n.outcome == DuelOutcome(result: .draw, reason: .headOn, ticks: 1))
    }

    @Test func swappingCellsIsADraw() throws {
        var m = try DuelMatch(board: ["####",
                                      "#AB#",
                                      "####"], headings: (.right, .left))
        m.step(actionA: .straight, actionB: .straight)
        #expect(m.outcome == DuelOutcome(result: .draw, reason: .swap, ticks: 1))
    }

    @Test func bothCrashingInTheSameTickIsADraw() throws {
        var m = try DuelMatch(board: ["#######",
                                      "#A....#",
                                      "#....B#",
                                      "#######"], headings: (.up, .down))
        m.step(actionA: .straight, actionB: .straight)
        #expect(m.outcome == DuelOutcome(result: .draw, reason: .bothCrashed, ticks: 1))
    }

    @Test func reachingTheTickCapIsADraw() throws {
        var m = try DuelMatch(board: ["##########",
                                      "#A.......#",
                                      "#.......B#",
                                      "##########"], headings: (.right, .left), tickCap: 7)
        for _ in 0..<6 {
            m.step(actionA: .straight, actionB: .straight)
            #expect(!m.isOver)
        }
        m.step(actionA: .straight, actionB: .straight)
        #expect(m.outcome == DuelOutcome(result: .draw, reason: .tickCap, ticks: 7))
        #expect(m.head(player: 0) == (8, 1) && m.head(player: 1) == (1, 2), "the capping tick still moves both")
    }

    @Test func aCrashOnTheCappingTickIsNotACapDraw() throws {
        var m = try DuelMatch(board: ["##########",
                                      "#A.......#",
                                      "#......Bb#",
                                      "##########"], headings: (.right, .left), tickCap: 7)
        for _ in 0..<6 { m.step(actionA: .straight, actionB: .straight) }
        #expect(!m.isOver)
        // Tick 7: A would reach (8, 1) safely, B would enter (0, 2), the wall.
        m.step(actionA: .straight, actionB: .straight)
        #expect(m.outcome == DuelOutcome(result: .playerAWins, reason: .crash, ticks: 7))
    }

    @Test func movingLeavesTrailsAndTurnsHeadings() throws {
        var m = try DuelMatch(board: ["#######",
                                      "#A....#",
                                      "#.....#",
                                      "#....B#",
                                      "#######"], headings: (.right, .left))
        m.step(actionA: .right, actionB: .right)
        #expect(m.boardLines() == ["#######",
                                   "#a....#",
                                   "#A...B#",
                                   "#....b#",
                                   "#######"])
        #expect(m.heading(player: 0) == .down && m.heading(player: 1) == .up)
        #expect(m.tick == 1 && m.outcome == nil)
        #expect(m.cell(x: 1, y: 1) == .trailA && m.cell(x: 1, y: 2) == .trailA && m.cell(x: 5, y: 3) == .trailB)
    }

    @Test func boardErrorsNameTheProblem() {
        #expect(throws: DuelBoardError(row: 1, column: 3, "unknown symbol 'x', expected one of . # o A B a b")) {
            try DuelMatch(board: ["#####", "#A.x#", "#.B.#", "#####"], headings: (.up, .up))
        }
        #expect(throws: DuelBoardError(row: 2, "has 4 columns, expected 5 like row 0")) {
            try DuelMatch(board: ["#####", "#A..#", "#.B#", "#####"], headings: (.up, .up))
        }
        #expect(throws: DuelBoardError(row: 1, column: 4, "the outer ring must be walls '#', found '.'")) {
            try DuelMatch(board: ["#####", "#AB..", "#####"], headings: (.up, .up))
        }
        #expect(throws: DuelBoardError("no head 'B'")) {
            try DuelMatch(board: ["#####", "#A..#", "#####"], headings: (.up, .up))
        }
        #expect(throws: DuelBoardError(row: 1, column: 3, "second head 'A' (one per board)")) {
            try DuelMatch(board: ["#####", "#ABA#", "#####"], headings: (.up, .up))
        }
    }

    /// The empty-cell bitboard follows the grid through layouts, resets and moves,
    /// and is absent on boards wider than 64.
    @Test func freeRowsFollowTheGrid() throws {
        func consistent(_ m: DuelMatch) -> Bool {
            let w = m.width
            for y in 0..<m.height {
                for x in 0..<w where ((m.freeRows[y] >> UInt64(x)) & 1 == 1) != (m.cells[y * w + x] == DuelCell.empty.rawValue) { return false }
            }
            return true
        }
        for (w, h) in [(24, 24), (64, 12), (9, 40)] {
            var m = DuelMatch(rules: DuelRules(width: w, height: h, tickCap: 500, obstaclePairs: 2), seed: 3)
            #expect(m.freeRows.count == h && consistent(m))
            let random = RandomDuelPlayer(seed: 8)
            for seed in 0..<5 as Range<UInt64> {
                m.reset(seed: seed)
                #expect(consistent(m))
                while !m.isOver { m.step(actionA: random.next(), actionB: random.next()); #expect(consistent(m)) }
            }
        }
        let board = try DuelMatch(board: ["#####", "#A.B#", "#####"], headings: (a: .right, b: .left))
        #expect(board.freeRows == [0, 0b00100, 0])
        #expect(DuelMatch(rules: DuelRules(width: 65, height: 10, tickCap: 10, obstaclePairs: 0), seed: 1).freeRows.isEmpty)
    }
}
