import Testing
@testable import Engine

@Suite struct GenomeFactoryTests {
    typealias F = NEATFixture

    static func make(_ connection: NEATConfig.InitialConnection, hidden: Int = 2, seed: UInt64 = 1, count: Int = 1) -> [Genome] {
        var config = F.neatPython(inputs: 3, outputs: 2)
        config.numHidden = hidden
        config.initialConnection = connection
        let factory = F.factory(config)
        var t = factory.makeTracker()
        var rng = Xoshiro256(seed: seed)
        return (0..<count).map { factory.makeGenome(id: $0, tracker: &t, rng: &rng) }
    }

    static func pairs(_ g: Genome) -> Set<[Int]> { Set(g.connections.map { [$0.from, $0.to] }) }

    @Test func fullConnections() {
        let direct = Self.make(.fullDirect)[0]
        #expect(direct.nodes.map(\.id) == [0, 1, 2, 3])
        #expect(direct.connections.count == 3 * 2 + 2 * 2 + 3 * 2)
        #expect(direct.validate() == nil)
        let noDirect = Self.make(.fullNoDirect)[0]
        #expect(noDirect.connections.count == 3 * 2 + 2 * 2)
        #expect(!Self.pairs(noDirect).contains { $0[0] < 0 && $0[1] < 2 })
        // Without hidden nodes, full_nodirect still links inputs to outputs (neat-python).
        #expect(Self.make(.fullNoDirect, hidden: 0)[0].connections.count == 6)
        #expect(Self.make(.unconnected)[0].connections.isEmpty)
    }

    @Test func fsNEAT() {
        for seed in UInt64(0)..<10 {
            let g = Self.make(.fsNEATNoHidden, seed: seed)[0]
            #expect(g.connections.count == 2)
            #expect(Set(g.connections.map(\.from)).count == 1)
            let h = Self.make(.fsNEATHidden, seed: seed)[0]
            #expect(h.connections.count == 4)
            #expect(Set(h.connections.map(\.to)) == [0, 1, 2, 3])
        }
    }

    /// neat-python's partial connection takes exactly round(n·fraction) links at random
    /// (Python's round, halves to even): 16 links × 0.5 = 8, 16 × 0.3 = 4.8 → 5,
    /// and without direct links 10 × 0.25 = 2.5 → 2.
    @Test func partialTakesAnExactCount() {
        var subsets = Set<Set<[Int]>>()
        for g in Self.make(.partialDirect(0.5), count: 20) {
            #expect(g.connections.count == 8)
            #expect(g.validate() == nil)
            subsets.insert(Self.pairs(g))
        }
        #expect(subsets.count > 10)
        #expect(Self.make(.partialDirect(0.3), count: 5).allSatisfy { $0.connections.count == 5 })
        #expect(Self.make(.partialNoDirect(0.25), count: 5).allSatisfy { $0.connections.count == 2 })
    }

    /// Every genome of the first generation shares the innovation numbers of equal links.
    @Test func initialInnovationsAreShared() {
        let genomes = Self.make(.partialDirect(0.5), count: 30)
        var byPair = [[Int]: Int]()
        for g in genomes {
            for c in g.connections {
                if let i = byPair[[c.from, c.to]] { #expect(i == c.innovation) } else { byPair[[c.from, c.to]] = c.innovation }
            }
        }
        #expect(byPair.count == 16)
        #expect(Set(byPair.values).count == 16)
    }

    @Test func paperNodesUseConstantsNeatPythonDraws() {
        var paper = F.paper(inputs: 2, outputs: 3)
        paper.bias = AttributeConfig(initMean: 0.5, initStdev: 1, maxValue: 8, minValue: -8, mutatePower: 0, mutateRate: 0, replaceRate: 0)
        var t = F.factory(paper).makeTracker()
        var rng = Xoshiro256(seed: 4)
        let g = F.factory(paper).makeGenome(id: 0, tracker: &t, rng: &rng)
        #expect(g.nodes.allSatisfy { $0.bias == 0.5 })
        var np = paper
        np.semantics = .neatPython
        let h = F.factory(np).makeGenome(id: 0, tracker: &t, rng: &rng)
        #expect(Set(h.nodes.map(\.bias)).count == 3)
    }
}
