import Testing
@testable import Engine

@Suite struct TournamentScoringTests {
    @Test func survivedTicksCreditsWinsWithTheFullCap() {
        let aWins = DuelOutcome(result: .playerAWins, reason: .crash, ticks: 40)
        #expect(TournamentScoring.survivedTicks(aWins, player: 0, tickCap: 300) == 300)
        #expect(TournamentScoring.survivedTicks(aWins, player: 1, tickCap: 300) == 39)
        let bWins = DuelOutcome(result: .playerBWins, reason: .crash, ticks: 1)
        #expect(TournamentScoring.survivedTicks(bWins, player: 0, tickCap: 300) == 0)
        #expect(TournamentScoring.survivedTicks(bWins, player: 1, tickCap: 300) == 300)
        let headOn = DuelOutcome(result: .draw, reason: .headOn, ticks: 12)
        #expect(TournamentScoring.survivedTicks(headOn, player: 0, tickCap: 300) == 11)
        #expect(TournamentScoring.survivedTicks(headOn, player: 1, tickCap: 300) == 11)
        let cap = DuelOutcome(result: .draw, reason: .tickCap, ticks: 300)
        #expect(TournamentScoring.survivedTicks(cap, player: 0, tickCap: 300) == 300)
    }

    @Test func tieBreakStaysBelowHalfADraw() {
        #expect(TournamentScoring.tieBreak(survivedTicks: 0, matches: 10, tickCap: 300) == 0)
        #expect(TournamentScoring.tieBreak(survivedTicks: 3000, matches: 10, tickCap: 300) == TournamentScoring.tieBreakWeight)
        #expect(TournamentScoring.tieBreak(survivedTicks: 1500, matches: 10, tickCap: 300) == TournamentScoring.tieBreakWeight / 2)
        #expect(TournamentScoring.tieBreak(survivedTicks: 5, matches: 0, tickCap: 300) == 0)
        #expect(TournamentScoring.tieBreakWeight < 0.5)
    }

    /// Random records: fitness with the tie-break orders two genomes exactly as their
    /// scores do whenever the scores differ, and `score(fitness:)` gives the score back.
    @Test func tieBreakNeverReordersDifferentScores() {
        var rng = Xoshiro256(seed: 3)
        let tickCap = 300
        var records = [(score: Double, fitness: Double)]()
        for _ in 0..<2000 {
            let matches = 1 + rng.nextInt(below: 12)
            var score = 0.0, survived = 0
            for _ in 0..<matches {
                let result: DuelOutcome.Result = [.playerAWins, .playerBWins, .draw][rng.nextInt(below: 3)]
                let reason: DuelOutcome.Reason = result == .draw ? (rng.chance(0.5) ? .tickCap : .headOn) : .crash
                let o = DuelOutcome(result: result, reason: reason, ticks: 1 + rng.nextInt(below: tickCap))
                score += o.score(player: 0)
                survived += TournamentScoring.survivedTicks(o, player: 0, tickCap: 300)
            }
            let f = score + TournamentScoring.tieBreak(survivedTicks: survived, matches: matches, tickCap: tickCap)
            #expect(TournamentScoring.score(fitness: f) == score)
            records.append((score, f))
        }
        for i in 0..<200 {
            for j in 0..<records.count where records[i].score != records[j].score {
                #expect((records[i].score < records[j].score) == (records[i].fitness < records[j].fitness))
            }
        }
    }

    @Test func referenceSurvivalIsWeightedShareOfTheCap() {
        #expect(TournamentScoring.referenceSurvival(survivedTicks: 150, weight: 2, tickCap: 300) == 1)
        #expect(TournamentScoring.referenceSurvival(survivedTicks: 600, weight: 2, tickCap: 300) == 4)  // two bot matches won
        #expect(TournamentScoring.referenceSurvival(survivedTicks: 150, weight: 0, tickCap: 300) == 0)
        #expect(TournamentScoring.referenceSurvival(survivedTicks: 0, weight: 2, tickCap: 300) == 0)
        let d = TournamentScoring()
        #expect(d.survivalTieBreak && d.referenceSurvivalWeight == TournamentScoring.defaultReferenceSurvivalWeight)
        #expect(!TournamentScoring.plain.survivalTieBreak && TournamentScoring.plain.referenceSurvivalWeight == 0)
    }
}
