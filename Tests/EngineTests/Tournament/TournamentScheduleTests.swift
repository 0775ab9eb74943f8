import Testing
@testable import Engine

@Suite struct TournamentScheduleTests {
    @Test func ringIsTheGuidesSchedule() {
        let pairs = TournamentSchedule.ring(opponents: 2).pairs(population: 4)
        #expect(pairs.map { [$0.0, $0.1] } == [[0, 1], [0, 2], [1, 2], [1, 3], [2, 3], [2, 0], [3, 0], [3, 1]])
        // Every genome plays 2k matches: k at home, k away.
        var count = [Int](repeating: 0, count: 4)
        for (a, b) in pairs { count[a] += 1; count[b] += 1 }
        #expect(count == [4, 4, 4, 4])
        #expect(TournamentSchedule.ring(opponents: 2).matchesPerGenome(population: 4) == 4)
    }

    @Test func roundRobinPlaysEveryPairOnce() {
        let pairs = TournamentSchedule.roundRobin.pairs(population: 5)
        #expect(pairs.count == 10)
        #expect(Set(pairs.map { [$0.0, $0.1] }).count == 10)
        #expect(pairs.allSatisfy { $0.0 < $0.1 })
    }

    @Test func badSchedulesAreRejected() {
        #expect(throws: TournamentSchedule.Invalid.self) { try TournamentSchedule.ring(opponents: 5).validate(population: 5) }
        #expect(throws: TournamentSchedule.Invalid.self) { try TournamentSchedule.ring(opponents: 0).validate(population: 5) }
        #expect(throws: TournamentSchedule.Invalid.self) { try TournamentSchedule.roundRobin.validate(population: 1) }
        do {
            try TournamentSchedule.ring(opponents: 150).validate(population: 150)
            Issue.record("k = population accepted")
        } catch {
            #expect(error.description.contains("less than the population size"))
        }
        #expect(throws: Never.self) { try TournamentSchedule.ring(opponents: 4).validate(population: 5) }
    }
}
