import Testing
@testable import Engine
@testable import EngineKernels

@Suite struct DuelObservationTests {
    /// Window index of the cell `ahead` cells forward and `side` cells to the right of the head.
    static func index(ahead: Int, side: Int) -> Int { (DuelRules.headRow - ahead) * DuelRules.viewSize + DuelRules.headColumn + side }

    @Test func writesExactlyOneHundredFloats() {
        let m = DuelMatch(rules: DuelRules(), seed: 3)
        var buffer = [Float](repeating: .nan, count: 102)
        buffer.withUnsafeMutableBufferPointer { m.writeObservation(player: 1, into: $0.baseAddress!) }
        #expect(DuelRules.observationSize == 100)
        #expect(buffer[0..<100].allSatisfy { !$0.isNaN })
        #expect(buffer[100].isNaN && buffer[101].isNaN)
        #expect(m.observation(player: 1) == Array(buffer[0..<100]))
    }

    @Test func moveCellsHaveFixedIndices() {
        #expect(Self.index(ahead: 1, side: 0) == 65)
        #expect(Self.index(ahead: 0, side: -1) == 74)
        #expect(Self.index(ahead: 0, side: 1) == 76)
        #expect(Self.index(ahead: 0, side: 0) == 75)
    }

    /// Places an obstacle 2 ahead, an opponent trail 3 to the left, own trail 1
    /// to the right and 1 behind, for each heading, and checks that the view is
    /// the same whatever the heading.
    @Test(arguments: DuelHeading.allCases)
    func viewIsRotatedSoTheHeadingPointsUp(heading: DuelHeading) throws {
        let (cx, cy) = (10, 10)
        let fx = heading.dx, fy = heading.dy, rx = -fy, ry = fx
        func at(_ ahead: Int, _ side: Int) -> (Int, Int) { (cx + ahead * fx + side * rx, cy + ahead * fy + side * ry) }
        let extra: [(x: Int, y: Int, symbol: Character)] = [
            (at(2, 0).0, at(2, 0).1, "o"),
            (at(0, -3).0, at(0, -3).1, "b"),
            (at(0, 1).0, at(0, 1).1, "a"),
            (at(-1, 0).0, at(-1, 0).1, "a"),
        ]
        // B sits in a corner outside A's window for every heading.
        let board = DuelTestSupport.board(width: 21, height: 21, a: (cx, cy), b: (19, 19), extra: extra)
        let m = try DuelMatch(board: board, headings: (heading, .up))
        var expected = [Float](repeating: 0, count: 100)
        expected[Self.index(ahead: 0, side: 0)] = 1
        expected[Self.index(ahead: 2, side: 0)] = 1
        expected[Self.index(ahead: 0, side: -3)] = 0.5
        expected[Self.index(ahead: 0, side: 1)] = 1
        expected[Self.index(ahead: -1, side: 0)] = 1
        #expect(m.observation(player: 0) == expected)
    }

    @Test func headingLeftSeesSouthOnItsLeft() throws {
        // Facing west, the player's left hand points south (+y) and straight ahead is −x.
        let board = DuelTestSupport.board(width: 21, height: 21, a: (10, 10), b: (19, 19),
                                          extra: [(x: 10, y: 11, symbol: "o"), (x: 9, y: 10, symbol: "b")])
        let m = try DuelMatch(board: board, headings: (.left, .up))
        let obs = m.observation(player: 0)
        #expect(obs[74] == 1, "left move cell is the obstacle")
        #expect(obs[65] == 0.5, "straight move cell is the opponent trail")
        #expect(obs[76] == 0, "right move cell (north) is free")
        #expect(obs.filter { $0 != 0 }.count == 3)
    }

    @Test func windowBeyondTheBorderReadsAsBlocked() throws {
        let board = DuelTestSupport.board(width: 24, height: 24, a: (1, 1), b: (22, 22))
        let m = try DuelMatch(board: board, headings: (.up, .down))
        let obs = m.observation(player: 0)
        // Window spans x −4 … 5, y −6 … 3; free are x 1 … 5, y 1 … 3 minus the head.
        #expect(obs.filter { $0 == 0 }.count == 14)
        #expect(obs.filter { $0 == 1 }.count == 86)
        #expect(obs[0] == 1, "far corner, off the board")
        #expect(obs[65] == 1, "the wall straight ahead")
        #expect(obs[74] == 1, "the wall on the left")
        #expect(obs[76] == 0, "free on the right")
        #expect(obs[99] == 0, "behind and right: (5, 3)")
    }

    @Test func opponentHeadAndTrailAreVisibleFromBothSeats() throws {
        // A at (5, 10) heading up; B at (5, 6) heading up, 4 ahead of A, with trail below its head.
        let board = DuelTestSupport.board(width: 12, height: 14, a: (5, 10), b: (5, 6),
                                          extra: [(x: 5, y: 7, symbol: "b"), (x: 5, y: 8, symbol: "b"), (x: 5, y: 11, symbol: "a")])
        let m = try DuelMatch(board: board, headings: (.up, .up))
        let a = m.observation(player: 0)
        #expect(a[Self.index(ahead: 4, side: 0)] == DuelObservation.opponentHead)
        #expect(a[Self.index(ahead: 3, side: 0)] == DuelObservation.opponentTrail)
        #expect(a[Self.index(ahead: 2, side: 0)] == DuelObservation.opponentTrail)
        #expect(a[Self.index(ahead: -1, side: 0)] == DuelObservation.blocked, "own trail")
        // B faces up too: A's head is 4 behind it, outside its 2-row rear view.
        let b = m.observation(player: 1)
        #expect(b[Self.index(ahead: -1, side: 0)] == DuelObservation.blocked, "own trail")
        #expect(b[Self.index(ahead: -2, side: 0)] == DuelObservation.blocked, "own trail")
        #expect(!b.contains(DuelObservation.opponentHead))
        // Turn B around (heading down): now A's head is 4 ahead of it.
        let m2 = try DuelMatch(board: board, headings: (.up, .down))
        let b2 = m2.observation(player: 1)
        #expect(b2[Self.index(ahead: 4, side: 0)] == DuelObservation.opponentHead)
        #expect(b2[Self.index(ahead: 5, side: 0)] == DuelObservation.opponentTrail)
    }

    @Test func seededObservationsUseOnlyTheDocumentedValues() {
        let allowed: Set<Float> = [DuelObservation.empty, DuelObservation.blocked, DuelObservation.opponentTrail, DuelObservation.opponentHead]
        var m = DuelMatch(rules: DuelRules(), seed: 11)
        let bot = ReferenceBot()
        while !m.isOver {
            for p in 0..<2 {
                let obs = m.observation(player: p)
                #expect(obs.count == 100 && obs.allSatisfy(allowed.contains))
                #expect(obs[75] == DuelObservation.blocked, "own head")
            }
            m.step(actionA: bot.action(match: m, player: 0), actionB: bot.action(match: m, player: 1))
        }
        #expect(m.tick > 50)
    }

    @Test func someStartsShowTheOpponent() {
        // Starts are in opposite halves but can face each other within 7 cells.
        let seen = (0..<50 as Range<UInt64>).filter { DuelMatch(rules: DuelRules(), seed: $0).observation(player: 0).contains(DuelObservation.opponentHead) }
        #expect(!seen.isEmpty)
    }

    /// The observation cell by cell from board coordinates (the documented definition),
    /// against `writeObservation`, which walks windows that fit on the board by index steps.
    @Test func matchesTheCellByCellDefinitionEverywhere() {
        for seed in 0..<20 as Range<UInt64> {
            var m = DuelMatch(rules: DuelRules(width: 30, height: 26), seed: seed)
            let bot = ReferenceBot()
            while !m.isOver {
                for p in 0..<2 {
                    let head = p == 0 ? m.headA : m.headB, heading = p == 0 ? m.headingA : m.headingB
                    let opponentHead = p == 0 ? m.headB : m.headA
                    let opponentTrail = p == 0 ? DuelCell.trailB.rawValue : DuelCell.trailA.rawValue
                    var expected = [Float]()
                    for row in 0..<10 {
                        for column in 0..<10 {
                            let ahead = DuelRules.headRow - row, side = column - DuelRules.headColumn
                            let x = head % m.width + ahead * heading.dx - side * heading.dy
                            let y = head / m.width + ahead * heading.dy + side * heading.dx
                            var v: Float = 1
                            if x >= 0 && x < m.width && y >= 0 && y < m.height {
                                let c = m.cells[y * m.width + x]
                                if c == DuelCell.empty.rawValue { v = 0 }
                                else if c == opponentTrail { v = y * m.width + x == opponentHead ? 0.75 : 0.5 }
                            }
                            expected.append(v)
                        }
                    }
                    #expect(m.observation(player: p) == expected)
                }
                m.step(actionA: bot.action(match: m, player: 0), actionB: bot.action(match: m, player: 1))
            }
        }
    }
}
