import Testing
@testable import Engine

@Suite struct NeatPythonSpeciationTests {
    typealias F = NEATFixture

    /// A workspace kept across generations (as `Population` keeps one) gives what a
    /// fresh one gives every time.
    @Test func reusedWorkspaceGivesTheSameSpecies() {
        var config = F.neatPython(inputs: 3, population: 40)
        config.compatibilityThreshold = 1.5
        var tracker = F.factory(config).makeTracker()
        var workspace = SpeciationWorkspace()
        var reused = [Species](), fresh = [Species]()
        var nextReused = 0, nextFresh = 0
        for generation in 0..<6 {
            let genomes = (0..<(30 + 4 * generation)).map { i in
                var g = F.grown(seed: UInt64(generation * 100 + i), steps: 2 + (i + generation) % 6, config: config, tracker: &tracker)
                g.id = 1000 * generation + (i * 7) % 31 + i * 31  // distinct ids, not in index order
                return g
            }
            nextReused = NeatPythonSpeciation().speciate(genomes, species: &reused, nextSpeciesID: nextReused, generation: generation,
                                                         threshold: config.compatibilityThreshold, config: config, workspace: &workspace)
            nextFresh = NeatPythonSpeciation().speciate(genomes, species: &fresh, nextSpeciesID: nextFresh,
                                                        generation: generation, config: config)
            #expect(reused == fresh, "generation \(generation)")
            #expect(nextReused == nextFresh)
            #expect(reused.count > 1)
        }
    }
}
