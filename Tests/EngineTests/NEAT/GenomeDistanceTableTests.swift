import Testing
@testable import Engine

@Suite struct GenomeDistanceTableTests {
    typealias F = NEATFixture

    static func genomes() -> [Genome] {
        var config = F.neatPython(inputs: 3)
        config.nodeDeleteProb = 0.05
        config.connDeleteProb = 0.05
        var tracker = F.factory(config).makeTracker()
        return (0..<24).map { F.grown(seed: UInt64(40 + $0), steps: $0 % 9, config: config, tracker: &tracker) }
    }

    @Test func appendingAGenerationMatchesAppendingOneByOne() {
        let gs = Self.genomes()
        var one = GenomeDistanceTable(), all = GenomeDistanceTable()
        for g in gs { one.append(g) }
        // Reused storage: fill, reset, fill again.
        all.append(contentsOf: Array(gs.reversed()))
        all.reset()
        all.append(contentsOf: gs)
        #expect(all.count == gs.count)
        #expect(all.nodes == one.nodes)
        #expect(all.connections == one.connections)
        #expect(all.rows == one.rows)
    }

    @Test func boundedDistancesAreTheDistance() {
        let gs = Self.genomes()
        let distance = NeatPythonDistance(), config = F.neatPython(inputs: 3)
        var table = GenomeDistanceTable()
        table.append(contentsOf: gs)
        table.withView { view in
            for a in 0..<gs.count {
                for b in 0..<gs.count {
                    let d = distance.distance(view, a, b, config: config)
                    #expect(d == distance.distance(gs[a], gs[b], config: config))
                    for bound in [0.0, d / 2, d, d.nextUp, d + 1, .infinity] {
                        let below = distance.distance(view, a, b, below: bound, config: config)
                        #expect(below == (d < bound ? d : nil))
                    }
                }
            }
        }
    }
}
