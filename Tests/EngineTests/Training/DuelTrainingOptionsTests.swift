import Testing
@testable import Engine

@Suite struct DuelTrainingOptionsTests {
    @Test func defaultsAndPlain() {
        let o = DuelTrainingOptions()
        #expect(o.schedule == .ring(opponents: 5) && o.population == 150)
        #expect(o.scoring.survivalTieBreak && o.referenceMatches == 8 && o.hallOfFame == 0)
        #expect(o.scoring.referenceSurvivalWeight == 2 && o.addConnectionProbability == 0.5 && o.neatConfig.connAddProb == 0.5)
        let c = o.neatConfig
        #expect(c.numInputs == 100 && c.numOutputs == 3 && c.populationSize == 150)
        #expect(c.initialConnection == .partialDirect(0.1))
        #expect(c.activationDefault == .identity && c.activationOptions == [.identity])
        #expect(c.weight.mutatePower == 0.5 && c.weight.mutateRate == 0.2 && c.weight.replaceRate == 0.1)
        let p = DuelTrainingOptions.plain
        #expect(p.scoring == .plain && p.referenceMatches == 0 && p.hallOfFame == 0)
        #expect(p.schedule == .ring(opponents: 5))
        var full = DuelTrainingOptions()
        full.initialConnections = 1
        #expect(full.neatConfig.initialConnection == .fullDirect)
    }

    /// The duel's per-weight rates must reach the mutation: paper mode's default
    /// reference schedule ignores them and perturbs about 85% of the weights.
    @Test func weightRatesApplyPerWeight() {
        var o = DuelTrainingOptions()
        o.initialConnections = 1
        o.addConnectionProbability = 0.4
        o.addNodeProbability = 0.02
        let c = o.neatConfig
        #expect(c.weightSchedule == .perGene && c.connAddProb == 0.4 && c.nodeAddProb == 0.02)
        let factory = NEATFixture.factory(c)
        var tracker = factory.makeTracker()
        var rng = Xoshiro256(seed: 7)
        var changed = 0, total = 0
        for id in 0..<40 {
            var g = factory.makeGenome(id: id, tracker: &tracker, rng: &rng)
            let before = g.connections.map(\.weight)
            WeightMutation().mutate(&g, config: c, tracker: &tracker, rng: &rng)
            changed += zip(before, g.connections.map(\.weight)).filter { $0 != $1 }.count
            total += before.count
        }
        let share = Double(changed) / Double(total)
        #expect(total == 40 * 300)
        #expect(share > 0.27 && share < 0.33, "perturb 0.2 + replace 0.1 per weight, got \(share)")
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
