import Testing
@testable import Engine

@Suite struct ReferenceBotTests {
    @Test func avoidsImmediateDeath() throws {
        // Heading up into the wall; left (west) is a wall too; only right is free.
        let m = try DuelMatch(board: ["#######",
                                      "#A....#",
                                      "#....B#",
                                      "#######"], headings: (.up, .left))
        #expect(ReferenceBot().action(match: m, player: 0) == .right)
    }

    @Test func prefersTheLargerRegion() throws {
        // Straight is blocked; left (north) is a 1-cell pocket, right (south) opens up.
        let m = try DuelMatch(board: ["#########",
                                      "##.######",
                                      "#aA#....#",
                                      "#......B#",
                                      "#.......#",
                                      "#########"], headings: (.right, .left))
        #expect(ReferenceBot().action(match: m, player: 0) == .right)
    }

    @Test func goesStraightWhenAllMovesAreEquallyGood() {
        let m = DuelMatch(rules: DuelRules(width: 40, height: 40, obstaclePairs: 0), seed: 4)
        #expect(ReferenceBot().action(match: m, player: 0) == .straight)
        #expect(ReferenceBot().action(match: m, player: 1) == .straight)
    }

    @Test func avoidsAPossibleHeadOnWhenASafeMoveIsAsGood() throws {
        // A heads right; B is two cells ahead heading left: straight risks a head-on.
        let m = try DuelMatch(board: ["###########",
                                      "#.........#",
                                      "#.........#",
                                      "#...A.B...#",
                                      "#.........#",
                                      "#.........#",
                                      "###########"], headings: (.right, .left))
        let bot = ReferenceBot(areaLimit: 16)
        #expect(bot.action(match: m, player: 0) == .left)
        #expect(bot.action(match: m, player: 1) == .left, "the same from B's seat")
    }

    @Test func beatsARandomPlayerMostOfTheTime() {
        let bot = ReferenceBot()
        var wins = 0, losses = 0
        let seeds = 0..<60 as Range<UInt64>
        for seed in seeds {
            let o = DuelTestSupport.play(seed: seed, a: { m, p, _ in bot.action(match: m, player: p) },
                                         b: RandomDuelPlayer(seed: seed &+ 1000).policy)
            if o.result == .playerAWins { wins += 1 }
            if o.result == .playerBWins { losses += 1 }
        }
        #expect(wins >= 48, "won \(wins) of \(seeds.count), lost \(losses)")
        #expect(losses <= 3, "won \(wins) of \(seeds.count), lost \(losses)")
    }

    @Test func nearlyAlwaysBeatsAStraightPlayer() {
        let bot = ReferenceBot()
        var wins = 0
        for seed in 0..<60 as Range<UInt64> {
            let o = DuelTestSupport.play(seed: seed, a: DuelTestSupport.straight, b: { m, p, _ in bot.action(match: m, player: p) })
            if o.result == .playerBWins { wins += 1 }
        }
        #expect(wins >= 57, "won \(wins) of 60")
    }

    @Test func isDeterministicAndReusable() {
        let m = DuelMatch(rules: DuelRules(), seed: 99)
        let bot = ReferenceBot()
        let first = bot.action(match: m, player: 0)
        for _ in 0..<5 { #expect(bot.action(match: m, player: 0) == first) }
        // A bigger board after a smaller one grows the buffers.
        let big = DuelMatch(rules: DuelRules(width: 60, height: 60), seed: 1)
        #expect(bot.action(match: big, player: 1) == ReferenceBot().action(match: big, player: 1))
    }
}
