import Testing
@testable import Engine

@Suite struct NeatPythonRankingTests {
    /// The first k by descending (fitness, id) are those of a full sort, for any k.
    @Test func topKMatchesFullSort() {
        var rng = Xoshiro256(seed: 4)
        let genomes = (0..<80).map { i in
            Genome(id: (i * 53) % 97, numInputs: 1, numOutputs: 1, nodes: [], connections: [],
                   fitness: Double(rng.nextInt(below: 6)))  // many ties: ids decide
        }
        let members = Array(genomes.indices.shuffled(using: &rng))
        let full = members.sorted {
            let a = genomes[$0].fitness!, b = genomes[$1].fitness!
            return a != b ? a > b : genomes[$0].id > genomes[$1].id
        }
        var ranking = NeatPythonRanking(), order = [Int]()
        for top in [0, 1, 2, 5, 16, 33, 80, 200] {
            ranking.top(top, of: members, genomes: genomes, into: &order)
            #expect(order == Array(full.prefix(top)))
        }
    }

    /// With a NaN fitness the order is not total: the members are ordered exactly as the
    /// standard library's sort with neat-python's comparison orders them.
    @Test func nanFitnessFallsBackToTheFullSort() {
        var rng = Xoshiro256(seed: 9)
        let genomes = (0..<40).map { i in
            Genome(id: (i * 31) % 41, numInputs: 1, numOutputs: 1, nodes: [], connections: [],
                   fitness: i % 7 == 3 ? .nan : Double(rng.nextInt(below: 5)))
        }
        let members = Array(genomes.indices.shuffled(using: &rng))
        let full = members.sorted {
            let a = genomes[$0].fitness!, b = genomes[$1].fitness!
            return a != b ? a > b : genomes[$0].id > genomes[$1].id
        }
        var ranking = NeatPythonRanking(), order = [Int]()
        for top in [1, 3, 8, 40] {
            ranking.top(top, of: members, genomes: genomes, into: &order)
            #expect(order == Array(full.prefix(top)), "top \(top)")
        }
    }
}
