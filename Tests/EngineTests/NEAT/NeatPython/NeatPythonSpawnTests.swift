import Testing
@testable import Engine

@Suite struct NeatPythonSpawnTests {
    /// Expected values printed by neat-python 2.0.0's `DefaultReproduction.compute_spawn`
    /// and `_adjust_spawn_exact` on the same inputs.
    static let cases: [(af: [Double], sizes: [Int], pop: Int, min: Int, spawn: [Int], exact: [Int])] = [
        ([0.9, 0.3, 0.0], [50, 60, 40], 150, 2, [80, 49, 21], [80, 49, 21]),
        ([0.0, 0.0], [70, 80], 150, 2, [70, 80], [70, 80]),
        ([1.0, 0.5, 0.25, 0.125], [10, 20, 100, 20], 150, 2, [45, 30, 60, 15], [45, 30, 60, 15]),
        ([0.5, 0.5], [74, 76], 150, 1, [75, 75], [75, 75]),
        ([0.7, 0.2, 0.1], [3, 3, 144], 150, 2, [54, 17, 79], [54, 17, 79]),
        ([0.33, 0.33, 0.34], [50, 50, 50], 100, 1, [33, 33, 33], [34, 33, 33]),
        ([0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2], [21, 21, 21, 21, 21, 21, 24], 150, 2,
         [21, 21, 21, 21, 21, 21, 22], [22, 22, 21, 21, 21, 21, 22]),
        ([0.0, 1.0, 0.0, 0.0], [1, 147, 1, 1], 150, 2, [2, 144, 2, 2], [2, 144, 2, 2]),
        ([0.05, 0.9, 0.05], [10, 130, 10], 150, 5, [9, 132, 9], [9, 132, 9]),
        ([0.5, 0.25, 0.25], [30, 30, 30], 150, 1, [65, 42, 42], [65, 43, 42]),
        ([0.9, 0.05, 0.05], [148, 1, 1], 150, 2, [142, 4, 4], [142, 4, 4]),
        ([0.1, 0.2, 0.3, 0.4], [37, 37, 38, 38], 150, 1, [26, 33, 42, 49], [26, 33, 42, 49]),
    ]

    @Test func computeSpawnMatchesNeatPython() {
        for c in Self.cases {
            let spawn = NeatPythonSpawn.compute(adjustedFitness: c.af, previousSizes: c.sizes, popSize: c.pop, minSpeciesSize: c.min)
            #expect(spawn == c.spawn, "compute_spawn(\(c.af), \(c.sizes), \(c.pop), \(c.min))")
            #expect(NeatPythonSpawn.adjustExact(spawn, popSize: c.pop, minSpeciesSize: c.min) == c.exact, "_adjust_spawn_exact \(spawn)")
        }
    }

    /// neat-python gives [10, 143] for ([0.01, 0.99], [5, 145], 150, 10) and then raises in
    /// `_adjust_spawn_exact` (one pass over the species cannot remove 3); this keeps
    /// removing from the largest species, never below the minimum.
    @Test func adjustSpawnExactKeepsPassing() {
        #expect(NeatPythonSpawn.compute(adjustedFitness: [0.01, 0.99], previousSizes: [5, 145], popSize: 150, minSpeciesSize: 10) == [10, 143])
        #expect(NeatPythonSpawn.adjustExact([10, 143], popSize: 150, minSpeciesSize: 10) == [10, 140])
        #expect(NeatPythonSpawn.adjustExact([12, 12, 140], popSize: 150, minSpeciesSize: 10) == [10, 10, 130])
        // Impossible minimum: stops at the minimum rather than looping.
        #expect(NeatPythonSpawn.adjustExact([10, 10], popSize: 15, minSpeciesSize: 10) == [10, 10])
    }
}
