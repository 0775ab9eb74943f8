import Testing
@testable import Engine

@Suite struct WeightMutationTests {
    typealias F = NEATFixture

    static func manyGenes(_ n: Int, weight: Double) -> Genome {
        Genome(id: 0, numInputs: n, numOutputs: 1, nodes: [F.node(0)],
               connections: (0..<n).map { F.conn($0, -1 - $0, 0, weight) })
    }

    /// The per-gene schedule: each weight is perturbed with 90% and replaced with 10%. Fixed seed,
    /// so the counts are exact; the bands are ±5σ around the expected counts.
    @Test func perturbOrReplaceRates() {
        var config = F.paper()
        config.weightSchedule = .perGene
        // Replacement draws exactly 5 (stdev 0); perturbation is small and never lands on 5.
        config.weight = AttributeConfig(initMean: 5, initStdev: 0, maxValue: 8, minValue: -8, mutatePower: 0.5, mutateRate: 0.9, replaceRate: 0.1)
        var g = Self.manyGenes(10_000, weight: -3)
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        var rng = Xoshiro256(seed: 42)
        #expect(WeightMutation().mutate(&g, config: config, tracker: &t, rng: &rng))
        let replaced = g.connections.filter { $0.weight == 5 }.count
        let untouched = g.connections.filter { $0.weight == -3 }.count
        #expect(untouched == 0)
        #expect((850...1150).contains(replaced), "replaced \(replaced) of 10000, expected ≈ 1000")
        // Perturbations are N(0, 0.5): their spread matches.
        let deltas = g.connections.filter { $0.weight != 5 }.map { $0.weight + 3 }
        let mean = deltas.reduce(0, +) / Double(deltas.count)
        let sd = (deltas.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(deltas.count)).squareRoot()
        #expect(abs(mean) < 0.05)
        #expect(abs(sd - 0.5) < 0.05)
    }

    @Test func keepRateLeavesWeights() {
        var config = F.paper()
        config.weightSchedule = .perGene
        config.weight = AttributeConfig(initMean: 0, initStdev: 1, maxValue: 8, minValue: -8, mutatePower: 0.5, mutateRate: 0.3, replaceRate: 0.2)
        var g = Self.manyGenes(10_000, weight: 1.25)
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        var rng = Xoshiro256(seed: 7)
        WeightMutation().mutate(&g, config: config, tracker: &t, rng: &rng)
        let kept = g.connections.filter { $0.weight == 1.25 }.count
        #expect((4750...5250).contains(kept), "kept \(kept), expected ≈ 5000")
        // Structure never changes.
        #expect(g.connections.map(\.innovation) == Array(0..<10_000))
        #expect(g.connections.allSatisfy { $0.enabled })
    }

    @Test func weightsStayClamped() {
        var config = F.paper()
        config.weight = AttributeConfig(initMean: 0, initStdev: 20, maxValue: 8, minValue: -8, mutatePower: 5, mutateRate: 0.5, replaceRate: 0.5)
        var g = Self.manyGenes(2_000, weight: 7.9)
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        var rng = Xoshiro256(seed: 3)
        for _ in 0..<5 { WeightMutation().mutate(&g, config: config, tracker: &t, rng: &rng) }
        #expect(g.connections.allSatisfy { (-8...8).contains($0.weight) })
        #expect(g.connections.contains { $0.weight == 8 })
        #expect(g.connections.contains { $0.weight == -8 })
    }

    @Test func emptyGenomeIsUnchanged() {
        var g = F.genome([])
        var t = InnovationTracker(nextInnovation: 0, nextNodeID: 1)
        var rng = Xoshiro256(seed: 1)
        #expect(!WeightMutation().mutate(&g, config: F.paper(), tracker: &t, rng: &rng))
        // The reference schedule draws nothing either (not even whether the call is severe).
        let before = rng
        #expect(!ReferenceWeightMutation().mutate(&g, config: F.paper(), tracker: &t, rng: &rng))
        #expect(rng == before)
    }
}
