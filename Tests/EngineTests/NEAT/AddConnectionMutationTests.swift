import Testing
@testable import Engine

@Suite struct AddConnectionMutationTests {
    typealias F = NEATFixture

    /// Property: over many random genomes, adding connections never makes a cycle,
    /// a duplicate, or a link into an input (`Genome.validate()`).
    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func neverCreatesACycle(semantics: NEATConfig.Semantics) {
        var config = F.paper(inputs: 3, outputs: 2)
        config.semantics = semantics
        var added = 0, hiddenToHidden = 0
        for seed in UInt64(0)..<150 {
            var t = F.factory(config).makeTracker()
            var g = F.grown(seed: seed, steps: 25, config: config, tracker: &t)
            #expect(g.validate() == nil)
            var rng = Xoshiro256(seed: seed &+ 1000)
            for _ in 0..<30 {
                let before = g.connections.count
                t.startGeneration()
                if F.addConnection(config).mutate(&g, config: config, tracker: &t, rng: &rng), g.connections.count > before {
                    added += 1
                    if let new = g.connections.first(where: { $0.innovation == t.nextInnovation - 1 }),
                       new.from >= config.numOutputs, new.to >= config.numOutputs { hiddenToHidden += 1 }
                }
                if let problem = g.validate() {
                    Issue.record("seed \(seed): \(problem)")
                    break
                }
            }
        }
        // The property was exercised, including links between hidden nodes (where cycles can arise).
        #expect(added > 1000)
        #expect(hiddenToHidden > 100)
    }

    @Test func newLinkUsesTrackerAndInitialWeight() {
        var config = F.paper(inputs: 2)
        config.weight = AttributeConfig(initMean: 0.7, initStdev: 0, maxValue: 8, minValue: -8, mutatePower: 0.5, mutateRate: 0.9, replaceRate: 0.1)
        var t = InnovationTracker(nextInnovation: 4, nextNodeID: 2)
        var g = F.genome(hidden: [1], [F.conn(0, -1, 1), F.conn(1, 1, 0), F.conn(2, -1, 0), F.conn(3, -2, 1)])
        var rng = Xoshiro256(seed: 5)
        #expect(AddConnectionMutation(attempts: 500).mutate(&g, config: config, tracker: &t, rng: &rng))
        // The only missing feed-forward link is −2 → 0.
        #expect(g.connections.last == F.conn(4, -2, 0, 0.7))
        // Now full: nothing to add.
        #expect(!AddConnectionMutation(attempts: 500).mutate(&g, config: config, tracker: &t, rng: &rng))
        #expect(g.connections.count == 5)
    }

    @Test func paperNeverLinksOutputToOutput() {
        let config = F.paper(inputs: 1, outputs: 3)
        var rng = Xoshiro256(seed: 11)
        for _ in 0..<200 {
            var t = InnovationTracker(nextInnovation: 0, nextNodeID: 3)
            var g = F.genome(inputs: 1, outputs: 3, [])
            F.addConnection(config).mutate(&g, config: config, tracker: &t, rng: &rng)
            for c in g.connections { #expect(!(c.from >= 0 && c.from < 3)) }
        }
    }

    /// neat-python 2.0 draws the source among inputs and hidden nodes only.
    @Test func neatPythonNeverStartsAtAnOutput() {
        let config = F.neatPython(inputs: 2, outputs: 2)
        var fromHidden = 0
        for seed in UInt64(0)..<300 {
            var t = InnovationTracker(nextInnovation: 10, nextNodeID: 4)
            // Outputs 0, 1; hidden 2, 3 (connected -1 → 2 → 0, -2 → 3 → 1).
            var g = F.genome(outputs: 2, hidden: [2, 3], [F.conn(0, -1, 2), F.conn(1, 2, 0), F.conn(2, -2, 3), F.conn(3, 3, 1)])
            var rng = Xoshiro256(seed: seed)
            guard F.addConnection(config).mutate(&g, config: config, tracker: &t, rng: &rng) else { continue }
            let new = g.connections.last!
            #expect(new.innovation == 10)
            #expect(new.from < 0 || new.from >= 2, "output \(new.from) used as a source")
            if new.from >= 2 { fromHidden += 1 }
            #expect(g.validate() == nil)
        }
        #expect(fromHidden > 10)
    }

    @Test func neatPythonTriesOnePairOnly() {
        // The only legal pair is −1 → 0 out of 2 targets × (1 input + 1 hidden) sources.
        let config = F.neatPython(inputs: 1)
        var successes = 0
        for seed in UInt64(0)..<400 {
            var t = InnovationTracker(nextInnovation: 5, nextNodeID: 2)
            var g = F.genome(inputs: 1, hidden: [1], [F.conn(0, -1, 1), F.conn(1, 1, 0)])
            var rng = Xoshiro256(seed: seed)
            if F.addConnection(config).mutate(&g, config: config, tracker: &t, rng: &rng) {
                successes += 1
                #expect(g.connections.last.map { [$0.from, $0.to] } == [-1, 0])
            }
        }
        // One try succeeds with probability 1/4 (the paper mode's retries would nearly always succeed).
        #expect(successes > 60 && successes < 140)
    }

    @Test func neatPythonSurerReenablesAnExistingLink() {
        var config = F.neatPython(inputs: 1)
        var t = InnovationTracker(nextInnovation: 1, nextNodeID: 1)
        var rng = Xoshiro256(seed: 1)
        // The only pair neat-python can draw is −1 → 0, which exists, disabled.
        var g = F.genome(inputs: 1, [F.conn(0, -1, 0, 0.5, enabled: false)])
        config.structuralMutationSurer = false
        #expect(!F.addConnection(config).mutate(&g, config: config, tracker: &t, rng: &rng))
        #expect(g.connections == [F.conn(0, -1, 0, 0.5, enabled: false)])
        config.structuralMutationSurer = true
        #expect(F.addConnection(config).mutate(&g, config: config, tracker: &t, rng: &rng))
        #expect(g.connections == [F.conn(0, -1, 0, 0.5, enabled: true)])
        #expect(t.nextInnovation == 1)
    }
}
