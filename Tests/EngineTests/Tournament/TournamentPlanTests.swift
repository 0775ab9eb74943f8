import Testing
@testable import Engine

@Suite struct TournamentPlanTests {
    @Test func plainPlanIsTheSchedule() {
        let plan = TournamentPlan(schedule: .ring(opponents: 2), population: 4)
        #expect(plan.pairs.map { [$0.0, $0.1] } == TournamentSchedule.ring(opponents: 2).pairs(population: 4).map { [$0.0, $0.1] })
        #expect(plan.matchesPerGenome() == [4, 4, 4, 4])
    }

    /// Extra opponents come after the schedule, so the schedule's match indices (and seeds) do not move.
    @Test func extraOpponentsFollowTheSchedule() {
        let plan = TournamentPlan(schedule: .ring(opponents: 2), population: 4, generation: 7,
                                  hallOfFame: 2, hallOfFameCount: 3, referenceMatches: 1)
        let ring = TournamentSchedule.ring(opponents: 2).pairs(population: 4).map { [$0.0, $0.1] }
        let pairs = plan.pairs.map { [$0.0, $0.1] }
        #expect(Array(pairs.prefix(8)) == ring)
        // Hall of fame: opponent j of genome i is entry (i + j + generation) mod 3, model index 4 + entry.
        #expect(Array(pairs[8..<16]) == [[0, 5], [0, 6], [1, 6], [1, 4], [2, 4], [2, 5], [3, 5], [3, 6]])
        #expect(Array(pairs[16...]) == [[0, -1], [1, -1], [2, -1], [3, -1]])
        #expect(plan.matchesPerGenome() == [7, 7, 7, 7])
    }

    @Test func noHallOfFameYetMeansNoMatches() {
        let plan = TournamentPlan(schedule: .ring(opponents: 1), population: 3, hallOfFame: 2, hallOfFameCount: 0)
        #expect(plan.pairs.count == 3)
    }
}
