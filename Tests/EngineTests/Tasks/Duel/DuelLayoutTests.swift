import Testing
@testable import Engine
@testable import EngineKernels

@Suite struct DuelLayoutTests {
    @Test func sameSeedGivesTheSameBoard() {
        for seed: UInt64 in [0, 1, 42, .max] {
            let a = DuelMatch(rules: DuelRules(), seed: seed), b = DuelMatch(rules: DuelRules(), seed: seed)
            #expect(a.boardLines() == b.boardLines())
            #expect(a.heading(player: 0) == b.heading(player: 0))
        }
    }

    @Test func seedsGiveVariedBoards() {
        let boards = Set((0..<20).map { DuelMatch(rules: DuelRules(), seed: UInt64($0)).boardLines() })
        #expect(boards.count == 20)
        let headings = Set((0..<20).map { DuelMatch(rules: DuelRules(), seed: UInt64($0)).heading(player: 0) })
        #expect(headings.count >= 3)
    }

    @Test(arguments: [DuelRules(), DuelRules(width: 8, height: 8, obstaclePairs: 2), DuelRules(width: 31, height: 17, obstaclePairs: 10)])
    func boardIsPointSymmetric(rules: DuelRules) {
        for seed in 0..<30 as Range<UInt64> {
            let m = DuelMatch(rules: rules, seed: seed)
            let w = rules.width, h = rules.height
            let a = m.head(player: 0), b = m.head(player: 1)
            #expect(b.x == w - 1 - a.x && b.y == h - 1 - a.y)
            #expect(m.heading(player: 1) == m.heading(player: 0).reversed)
            #expect(a.x >= 2 && a.x <= w / 2 - 2 && a.y >= 2 && a.y <= h - 3)
            var obstacles = 0
            for y in 0..<h {
                for x in 0..<w {
                    let c = m.cell(x: x, y: y), r = m.cell(x: w - 1 - x, y: h - 1 - y)
                    switch c {
                    case .trailA: #expect(r == .trailB)
                    case .trailB: #expect(r == .trailA)
                    default: #expect(r == c)
                    }
                    if c == .obstacle {
                        obstacles += 1
                        #expect(max(abs(x - a.x), abs(y - a.y)) > 2 && max(abs(x - b.x), abs(y - b.y)) > 2, "starts keep a clear 5×5 box")
                    }
                    let border = x == 0 || y == 0 || x == w - 1 || y == h - 1
                    #expect(border == (c == .wall))
                }
            }
            #expect(obstacles <= 2 * rules.obstaclePairs && obstacles % 2 == 0)
            if rules == DuelRules() { #expect(obstacles == 12) }
            // Two free cells straight ahead of each start.
            let d = m.heading(player: 0)
            #expect(m.cell(x: a.x + d.dx, y: a.y + d.dy) == .empty && m.cell(x: a.x + 2 * d.dx, y: a.y + 2 * d.dy) == .empty)
            // Both seats see the same thing.
            #expect(m.observation(player: 0) == m.observation(player: 1))
        }
    }

    @Test func resetReusesTheMatchForANewSeed() {
        var m = DuelMatch(rules: DuelRules(), seed: 5)
        let bot = ReferenceBot()
        while !m.isOver { m.step(actionA: bot.action(match: m, player: 0), actionB: .straight) }
        m.reset(seed: 77)
        let fresh = DuelMatch(rules: DuelRules(), seed: 77)
        #expect(m.boardLines() == fresh.boardLines())
        #expect(m.tick == 0 && m.outcome == nil && m.seed == 77)
        #expect(m.heading(player: 0) == fresh.heading(player: 0) && m.heading(player: 1) == fresh.heading(player: 1))
    }

    @Test func matchesAreDeterministic() {
        func run() -> (DuelOutcome, [String]) {
            var m = DuelMatch(rules: DuelRules(), seed: 1234)
            let bot = ReferenceBot(), random = RandomDuelPlayer(seed: 9)
            let outcome = DuelEvaluator.play(&m, a: { m, p, _ in bot.action(match: m, player: p) }, b: random.policy)
            return (outcome, m.boardLines())
        }
        let (o1, b1) = run(), (o2, b2) = run()
        #expect(o1 == o2 && b1 == b2)
    }

    @Test func swappingSeatsMirrorsTheOutcome() {
        let bot = ReferenceBot()
        let botPolicy: DuelEvaluator.Policy = { m, p, _ in bot.action(match: m, player: p) }
        var decisive = 0
        for seed in 0..<25 as Range<UInt64> {
            let ab = DuelTestSupport.play(seed: seed, a: botPolicy, b: RandomDuelPlayer(seed: seed).policy)
            let ba = DuelTestSupport.play(seed: seed, a: RandomDuelPlayer(seed: seed).policy, b: botPolicy)
            #expect(ba == ab.seatsSwapped, "seed \(seed)")
            let s1 = DuelTestSupport.play(seed: seed, a: botPolicy, b: DuelTestSupport.straight)
            let s2 = DuelTestSupport.play(seed: seed, a: DuelTestSupport.straight, b: botPolicy)
            #expect(s2 == s1.seatsSwapped, "seed \(seed)")
            if ab.result != .draw { decisive += 1 }
        }
        #expect(decisive > 0, "the comparison must include wins, not only draws")
    }

    @Test func identicalPoliciesAlwaysDraw() {
        // A consequence of the symmetry: a deterministic policy playing itself.
        let bot = ReferenceBot()
        for seed in 0..<10 as Range<UInt64> {
            let o = DuelTestSupport.play(seed: seed, a: { m, p, _ in bot.action(match: m, player: p) },
                                         b: { m, p, _ in bot.action(match: m, player: p) })
            #expect(o.result == .draw, "seed \(seed): \(o)")
        }
    }

    @Test func rulesValidationNamesTheField() {
        #expect(throws: DuelRulesError(field: "width", expected: "8…1024", received: 5)) { try DuelRules(width: 5).validate() }
        #expect(throws: DuelRulesError(field: "height", expected: "8…1024", received: 2000)) { try DuelRules(height: 2000).validate() }
        #expect(throws: DuelRulesError(field: "tickCap", expected: "at least 1", received: 0)) { try DuelRules(tickCap: 0).validate() }
        #expect(throws: DuelRulesError(field: "obstaclePairs", expected: "0…30 for a 24×24 board", received: 31)) {
            try DuelRules(obstaclePairs: 31).validate()
        }
        #expect(throws: Never.self) { try DuelRules().validate() }
    }
}
