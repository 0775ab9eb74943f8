import Testing
@testable import Engine

@Suite struct DynamicThresholdTests {
    typealias F = NEATFixture

    /// NEAT's reference rule: a step up with too many species, a step down with too
    /// few, none on target, never below the floor; no target, no change.
    @Test func stepsTowardTheTarget() {
        var c = F.paper()
        c.targetSpecies = 10
        c.compatibilityThresholdStep = 0.3
        c.compatibilityThresholdFloor = 0.5
        #expect(c.nextCompatibilityThreshold(after: 3.0, speciesCount: 11) == 3.3)
        #expect(c.nextCompatibilityThreshold(after: 3.0, speciesCount: 40) == 3.3)
        #expect(c.nextCompatibilityThreshold(after: 3.0, speciesCount: 9) == 2.7)
        #expect(c.nextCompatibilityThreshold(after: 3.0, speciesCount: 10) == 3.0)
        #expect(c.nextCompatibilityThreshold(after: 0.6, speciesCount: 1) == 0.5)
        #expect(c.nextCompatibilityThreshold(after: 0.5, speciesCount: 1) == 0.5)
        c.targetSpecies = 0
        #expect(c.nextCompatibilityThreshold(after: 3.0, speciesCount: 1) == 3.0)
        #expect(c.nextCompatibilityThreshold(after: 3.0, speciesCount: 90) == 3.0)
    }

    /// The duel's genomes (100 inputs, a sparse 10% start, small weight steps): at the
    /// paper's fixed δt = 3.0 they stay one species generation after generation;
    /// steered toward 6, δt comes down to where they split and the species count
    /// stays near the target. neat-python's distance, steered the same way, too.
    /// Fitness is a fixed function of the genome, so the run is exact.
    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func sparseWideGenomesSplitOnlyWithATarget(semantics: NEATConfig.Semantics) {
        var options = DuelTrainingOptions()
        options.population = 60
        var config = options.neatConfig
        config.targetSpecies = 0
        if semantics == .neatPython {
            config = F.neatPython(inputs: 100, outputs: 3, population: 60)
            config.initialConnection = .partialDirect(0.1)
            config.compatibilityThreshold = 3.0
        }
        func run(target: Int) -> (species: [Int], thresholds: [Double]) {
            var c = config
            c.targetSpecies = target
            var pop = Population(config: c, seed: 5)
            var species = [Int](), thresholds = [Double]()
            for _ in 0..<15 {
                let stats = pop.advance(fitnesses: pop.genomes.map { g in g.connections.reduce(0) { $0 + abs($1.weight) } })
                species.append(stats.speciesCount)
                thresholds.append(stats.compatibilityThreshold)
            }
            return (species, thresholds)
        }
        let fixed = run(target: 0), steered = run(target: 6)
        #expect(fixed.thresholds.allSatisfy { $0 == 3.0 })
        #expect(steered.thresholds.first == 3.0)
        #expect(steered.thresholds.min()! < 3.0)
        #expect(steered.species.suffix(5).allSatisfy { $0 >= 3 }, "species \(steered.species), δt \(steered.thresholds)")
        #expect(steered.species.suffix(5).max()! > fixed.species.suffix(5).max()!)
        if semantics == .paper { #expect(fixed.species.allSatisfy { $0 == 1 }, "\(fixed.species)") }
        // The threshold is population state: the same seed steers the same way.
        #expect(run(target: 6).thresholds == steered.thresholds)
    }
}
