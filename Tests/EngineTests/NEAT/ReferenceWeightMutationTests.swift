import Testing
@testable import Engine

@Suite struct ReferenceWeightMutationTests {
    typealias F = NEATFixture

    /// NEAT's reference schedule (the paper mode's default): per weight, 85% perturbed
    /// (uniform ±power), 10% replaced (uniform ±power), 5% kept, on average over calls;
    /// weights stay within the cap.
    @Test func referenceScheduleRates() {
        var config = F.paper()
        config.weight.maxValue = 1000; config.weight.minValue = -1000
        #expect(config.weightSchedule == .reference)
        let power = config.weight.mutatePower
        var perturbed = 0, replaced = 0, kept = 0
        var rng = Xoshiro256(seed: 5)
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        for _ in 0..<2000 {
            var g = WeightMutationTests.manyGenes(5, weight: 100)
            ReferenceWeightMutation().mutate(&g, config: config, tracker: &t, rng: &rng)
            for c in g.connections {
                if c.weight == 100 { kept += 1 }
                else if abs(c.weight - 100) <= power { perturbed += 1 }
                else if abs(c.weight) <= power { replaced += 1 }
                else { Issue.record("weight \(c.weight) is neither perturbed nor replaced") }
            }
        }
        // 10,000 weights; expected 8,500 / 1,000 / 500. Calls are severe or not as a
        // whole, so counts vary more than binomially; the bands allow for that.
        #expect((8_100...8_900).contains(perturbed), "perturbed \(perturbed)")
        #expect((800...1_200).contains(replaced), "replaced \(replaced)")
        #expect((350...650).contains(kept), "kept \(kept)")
        // The cap holds.
        var g = WeightMutationTests.manyGenes(50, weight: 7.9)
        for _ in 0..<50 { ReferenceWeightMutation().mutate(&g, config: F.paper(), tracker: &t, rng: &rng) }
        #expect(g.connections.allSatisfy { abs($0.weight) <= 8 })
    }
}
