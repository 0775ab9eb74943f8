import Testing
@testable import Engine

@Suite struct DuelTrainingOptionsTests {
    @Test func defaultsAndPlain() {
        let o = DuelTrainingOptions()
        #expect(o.schedule == .ring(opponents: 5) && o.population == 150)
        #expect(o.scoring.survivalTieBreak && o.referenceMatches == 2 && o.hallOfFame == 0)
        let c = o.neatConfig
        #expect(c.numInputs == 100 && c.numOutputs == 3 && c.populationSize == 150)
        #expect(c.initialConnection == .partialDirect(0.1))
        #expect(c.activationDefault == .identity && c.activationOptions == [.identity])
        #expect(c.weight.mutatePower == 0.5 && c.weight.mutateRate == 0.2 && c.weight.replaceRate == 0.1)
        let p = DuelTrainingOptions.plain
        #expect(!p.scoring.survivalTieBreak && p.referenceMatches == 0 && p.hallOfFame == 0)
        #expect(p.schedule == .ring(opponents: 5))
        var full = DuelTrainingOptions()
        full.initialConnections = 1
        #expect(full.neatConfig.initialConnection == .fullDirect)
    }

    @Test func badValuesAreNamed() {
        var o = DuelTrainingOptions()
        o.referenceMatches = -1
        #expect(throws: TournamentSchedule.Invalid(description: "--reference-matches must be 0…100 (got -1)")) { try o.validate() }
        o = DuelTrainingOptions()
        o.hallOfFame = 101
        #expect(throws: TournamentSchedule.Invalid(description: "--hall-of-fame must be 0…100 (got 101)")) { try o.validate() }
        o = DuelTrainingOptions()
        o.initialConnections = 0
        #expect(throws: TournamentSchedule.Invalid.self) { try o.validate() }
        #expect(throws: Never.self) { try DuelTrainingOptions().validate() }
    }
}
