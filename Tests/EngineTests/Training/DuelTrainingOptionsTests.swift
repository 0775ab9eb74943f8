import Testing
@testable import Engine

@Suite struct DuelTrainingOptionsTests {
    /// Every duel option reaches the NEAT config a run evolves with (an option that
    /// is not carried over changes nothing).
    @Test func neatConfigCarriesEveryOption() {
        var o = DuelTrainingOptions()
        o.population = 37
        o.weightMutatePower = 1.25
        o.weightMutateRate = 0.35
        o.weightReplaceRate = 0.15
        o.initialConnections = 0.4
        o.activation = .tanh
        o.addConnectionProbability = 0.07
        o.addNodeProbability = 0.09
        let c = o.neatConfig
        #expect(c.numInputs == DuelRules.observationSize && c.numOutputs == DuelRules.actionCount)
        #expect(c.populationSize == 37)
        #expect(c.weight.mutatePower == 1.25 && c.weight.mutateRate == 0.35 && c.weight.replaceRate == 0.15)
        #expect(c.initialConnection == .partialDirect(0.4))
        #expect(c.activationDefault == .tanh && c.activationOptions == [.tanh])
        #expect(c.connAddProb == 0.07 && c.nodeAddProb == 0.09)
        o.initialConnections = 1
        #expect(o.neatConfig.initialConnection == .fullDirect)
    }

    /// The plain tournament plays the schedule's matches only (no bot, no hall of fame)
    /// and scores exactly wins + ½ draws; the defaults add the bot's matches.
    @Test func plainPlaysTheScheduleOnly() {
        func matches(_ o: DuelTrainingOptions) -> Int {
            TournamentPlan(schedule: o.schedule, population: o.population, hallOfFame: o.hallOfFame, hallOfFameCount: 10,
                           referenceMatches: o.referenceMatches).pairs.count
        }
        let plain = DuelTrainingOptions.plain, defaults = DuelTrainingOptions()
        #expect(matches(plain) == plain.schedule.pairs(population: plain.population).count)
        #expect(matches(defaults) == matches(plain) + defaults.population * defaults.referenceMatches)
        #expect(plain.scoring.referenceSurvivalWeight == 0 && !plain.scoring.survivalTieBreak)
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
