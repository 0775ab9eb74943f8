import Testing
@testable import Engine

@Suite struct CrossoverTests {
    typealias F = NEATFixture

    /// The paper's figure 4: parent 1 has genes 1–5 and 8, parent 2 genes 1–7, 9, 10;
    /// hidden nodes 4, 5 (parent 1) and 4, 5, 6 (parent 2). Weights tell the parents apart.
    static func parent1(fitness: Double) -> Genome {
        Genome(id: 1, numInputs: 3, numOutputs: 1, nodes: [F.node(0, bias: 0.1), F.node(4, bias: 0.1), F.node(5, bias: 0.1)],
               connections: [F.conn(1, -1, 0, 1.1), F.conn(2, -2, 0, 2.1, enabled: false), F.conn(3, -3, 0, 3.1),
                             F.conn(4, -2, 4, 4.1), F.conn(5, 4, 0, 5.1), F.conn(8, -1, 4, 8.1)],
               fitness: fitness)
    }

    static func parent2(fitness: Double) -> Genome {
        Genome(id: 2, numInputs: 3, numOutputs: 1, nodes: [F.node(0, bias: 0.2), F.node(4, bias: 0.2), F.node(5, bias: 0.2), F.node(6, bias: 0.2)],
               connections: [F.conn(1, -1, 0, 1.2), F.conn(2, -2, 0, 2.2, enabled: false), F.conn(3, -3, 0, 3.2),
                             F.conn(4, -2, 4, 4.2), F.conn(5, 4, 0, 5.2, enabled: false), F.conn(6, 4, 5, 6.2),
                             F.conn(7, 5, 0, 7.2), F.conn(9, -3, 4, 9.2), F.conn(10, -1, 5, 10.2)],
               fitness: fitness)
    }

    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func alignmentFitterParentOne(semantics: NEATConfig.Semantics) {
        var config = F.paper(inputs: 3)
        config.semantics = semantics
        let p1 = Self.parent1(fitness: 10), p2 = Self.parent2(fitness: 5)
        var fromP1 = [Int: Int](), fromP2 = [Int: Int]()
        var rng = Xoshiro256(seed: 1)
        for trial in 0..<400 {
            // Argument order must not matter.
            let child = trial % 2 == 0 ? F.cross(p1, p2, childID: 77, config: config, rng: &rng)
                                       : F.cross(p2, p1, childID: 77, config: config, rng: &rng)
            #expect(child.id == 77)
            #expect(child.fitness == nil)
            #expect(child.validate() == nil)
            // Disjoint (8) and excess genes only from the fitter parent: its structure exactly.
            #expect(child.connections.map(\.innovation) == [1, 2, 3, 4, 5, 8])
            #expect(child.nodes.map(\.id) == [0, 4, 5])
            #expect(child.connections.last?.weight == 8.1)
            for c in child.connections where c.innovation <= 5 {
                let fraction = c.weight - Double(c.innovation)
                if abs(fraction - 0.1) < 1e-9 { fromP1[c.innovation, default: 0] += 1 }
                else if abs(fraction - 0.2) < 1e-9 { fromP2[c.innovation, default: 0] += 1 }
                else { Issue.record("gene \(c.innovation) has weight \(c.weight) from neither parent") }
            }
        }
        // Matching genes come from either parent at random (each ≈ 200 of 400).
        for i in 1...5 {
            #expect((140...260).contains(fromP1[i, default: 0]), "gene \(i) from parent 1: \(fromP1[i, default: 0])")
            #expect((140...260).contains(fromP2[i, default: 0]), "gene \(i) from parent 2: \(fromP2[i, default: 0])")
        }
    }

    @Test func alignmentFitterParentTwo() {
        let config = F.paper(inputs: 3)
        var rng = Xoshiro256(seed: 2)
        for _ in 0..<50 {
            let child = F.cross(Self.parent1(fitness: 1), Self.parent2(fitness: 2), childID: 3, config: config, rng: &rng)
            #expect(child.connections.map(\.innovation) == [1, 2, 3, 4, 5, 6, 7, 9, 10])
            #expect(child.nodes.map(\.id) == [0, 4, 5, 6])
            #expect(child.connections.filter { $0.innovation > 5 }.map(\.weight) == [6.2, 7.2, 9.2, 10.2])
            // Node 6 only in parent 2; the others from either.
            #expect(child.nodes[3].bias == 0.2)
            #expect(child.validate() == nil)
        }
    }

    /// On equal fitness the first argument counts as the fitter parent.
    @Test func equalFitnessTakesFirstArgument() {
        var rng = Xoshiro256(seed: 3)
        let a = F.cross(Self.parent1(fitness: 4), Self.parent2(fitness: 4), childID: 0, config: F.paper(inputs: 3), rng: &rng)
        #expect(a.connections.map(\.innovation) == [1, 2, 3, 4, 5, 8])
        let b = F.cross(Self.parent2(fitness: 4), Self.parent1(fitness: 4), childID: 0, config: F.paper(inputs: 3), rng: &rng)
        #expect(b.connections.map(\.innovation) == [1, 2, 3, 4, 5, 6, 7, 9, 10])
        // An unevaluated parent counts as less fit.
        let c = F.cross(Self.parent2(fitness: -1e9), { var p = Self.parent1(fitness: 0); p.fitness = nil; return p }(),
                                  childID: 0, config: F.paper(inputs: 3), rng: &rng)
        #expect(c.connections.count == 9)
    }

    /// Counts, over `trials` seeded crossovers, how often each gene comes out disabled.
    static func disabledCounts(_ semantics: NEATConfig.Semantics, trials: Int, seed: UInt64) -> [Int: Int] {
        var config = F.paper(inputs: 3)
        config.semantics = semantics
        let p1 = Self.parent1(fitness: 10), p2 = Self.parent2(fitness: 5)
        var counts = [Int: Int]()
        var rng = Xoshiro256(seed: seed)
        for _ in 0..<trials {
            let child = F.cross(p1, p2, childID: 0, config: config, rng: &rng)
            for c in child.connections where !c.enabled { counts[c.innovation, default: 0] += 1 }
        }
        return counts
    }

    /// Paper: a gene disabled in either parent is disabled with probability 0.75
    /// (gene 2 disabled in both, gene 5 in parent 2 only); genes enabled in both
    /// stay enabled. 10 000 trials, fixed seed: the counts are exact, the bands ±5σ.
    @Test func paperDisabledGeneInheritance() {
        let counts = Self.disabledCounts(.paper, trials: 10_000, seed: 75)
        for gene in [2, 5] {
            #expect((7280...7720).contains(counts[gene, default: 0]), "gene \(gene) disabled \(counts[gene, default: 0]) / 10000, expected ≈ 7500")
        }
        #expect(counts[1] == nil && counts[3] == nil && counts[4] == nil && counts[8] == nil)
    }

    /// neat-python (genes.py): the flag is inherited at random, then a gene disabled in
    /// either parent is disabled with probability 0.75 on top: P = 0.75 + 0.25·P(inherited off),
    /// 0.875 for gene 5 (off in one parent) and 1 for gene 2 (off in both).
    @Test func neatPythonDisabledGeneInheritance() {
        let counts = Self.disabledCounts(.neatPython, trials: 10_000, seed: 75)
        #expect(counts[2] == 10_000)
        #expect((8585...8915).contains(counts[5, default: 0]), "gene 5 disabled \(counts[5, default: 0]) / 10000, expected ≈ 8750")
        #expect(counts[1] == nil && counts[3] == nil && counts[4] == nil && counts[8] == nil)
    }

    /// neat-python (genes.py BaseGene.crossover) draws a matching gene's weight and
    /// enabled flag from the parents independently. Gene 5 is enabled with weight 5.1 in
    /// parent 1 and disabled with weight 5.2 in parent 2, so a child has it enabled with
    /// parent 2's weight with probability ½ (flag from parent 1) · ¼ (not disabled by the
    /// 0.75 rule) · ½ (weight from parent 2) = 1/16. Taking the gene whole never does that.
    @Test func neatPythonMatchingGeneAttributesAreIndependent() {
        var config = F.paper(inputs: 3)
        config.semantics = .neatPython
        let p1 = Self.parent1(fitness: 10), p2 = Self.parent2(fitness: 5)
        var rng = Xoshiro256(seed: 16)
        var enabledWith = [Double: Int]()
        for _ in 0..<10_000 {
            let child = F.cross(p1, p2, childID: 0, config: config, rng: &rng)
            let gene = child.connections.first { $0.innovation == 5 }!
            if gene.enabled { enabledWith[gene.weight, default: 0] += 1 }
        }
        // 625 expected each, σ ≈ 24: bands of ±5σ.
        #expect((504...746).contains(enabledWith[5.2, default: 0]), "enabled with parent 2's weight: \(enabledWith[5.2, default: 0]) / 10000")
        #expect((504...746).contains(enabledWith[5.1, default: 0]), "enabled with parent 1's weight: \(enabledWith[5.1, default: 0]) / 10000")
    }

    /// The same for node genes: bias and response of a matching node come from either
    /// parent on their own draws (each combination ¼); the paper mode copies a node whole.
    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func nodeAttributesInheritance(semantics: NEATConfig.Semantics) {
        var config = F.paper(inputs: 3)
        config.semantics = semantics
        var p1 = Self.parent1(fitness: 10), p2 = Self.parent2(fitness: 5)
        p1.nodes[0].response = 1.1
        p2.nodes[0].response = 1.2
        var rng = Xoshiro256(seed: 17)
        var combos = [String: Int]()
        for _ in 0..<4_000 {
            let n = F.cross(p1, p2, childID: 0, config: config, rng: &rng).nodes[0]
            combos["\(n.bias) \(n.response)", default: 0] += 1
        }
        switch semantics {
        case .paper:
            #expect(Set(combos.keys) == ["0.1 1.1", "0.2 1.2"])
        case .neatPython:
            // 1000 expected each, σ ≈ 27: bands of ±5σ.
            for key in ["0.1 1.1", "0.1 1.2", "0.2 1.1", "0.2 1.2"] {
                #expect((863...1137).contains(combos[key, default: 0]), "bias response \(key): \(combos[key, default: 0]) / 4000")
            }
        }
    }

    @Test func disjointDisabledGeneIsCopiedAsIs() {
        var rng = Xoshiro256(seed: 4)
        // Gene 5 is disabled in parent 2 and matched; gene 6 exists only in the fitter parent 2 (enabled).
        var p2 = Self.parent2(fitness: 9)
        p2.connections[5].enabled = false  // innovation 6, disjoint
        for _ in 0..<20 {
            let child = F.cross(Self.parent1(fitness: 1), p2, childID: 0, config: F.paper(inputs: 3), rng: &rng)
            #expect(child.connections.first { $0.innovation == 6 }?.enabled == false)
        }
    }
}
