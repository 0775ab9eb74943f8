import Testing
@testable import Engine

@Suite struct CompatibilityDistanceTests {
    typealias F = NEATFixture

    static func paperConfig(c1: Double = 1.5, c2: Double = 0.7, c3: Double = 0.4, small: Int = 20) -> NEATConfig {
        var c = F.paper(inputs: 3)
        c.compatibilityExcessCoefficient = c1
        c.compatibilityDisjointCoefficient = c2
        c.compatibilityWeightCoefficient = c3
        c.smallGenomeThreshold = small
        return c
    }

    @Test func alignmentCountsFigure4() {
        let a = CrossoverTests.parent1(fitness: 0), b = CrossoverTests.parent2(fitness: 0)
        let al = CompatibilityDistance(config: Self.paperConfig()).alignment(a, b)
        #expect(al.matching == 5)
        #expect(al.disjoint == 3)  // 6, 7 (parent 2) and 8 (parent 1)
        #expect(al.excess == 2)    // 9, 10
        #expect(abs(al.weightDifference - 0.5) < 1e-12)  // 5 × 0.1, disabled gene 2 included
    }

    /// δ = c1·E/N + c2·D/N + c3·W̄ with E = 2, D = 3, W̄ = 0.1; both genomes have
    /// fewer than 20 genes, so N = 1.
    @Test func paperSmallGenomes() {
        let a = CrossoverTests.parent1(fitness: 0), b = CrossoverTests.parent2(fitness: 0)
        let d = CompatibilityDistance(config: Self.paperConfig())
        #expect(abs(d.distance(a, b) - (1.5 * 2 + 0.7 * 3 + 0.4 * 0.1)) < 1e-12)
        #expect(d.distance(a, b) == d.distance(b, a))
        #expect(d.distance(a, a) == 0)
    }

    /// Same genomes, threshold 5: N is the larger genome's 9 genes.
    @Test func paperNormalisesByLargerGenome() {
        let a = CrossoverTests.parent1(fitness: 0), b = CrossoverTests.parent2(fitness: 0)
        let d = CompatibilityDistance(config: Self.paperConfig(small: 5))
        #expect(abs(d.distance(a, b) - (1.5 * 2 / 9 + 0.7 * 3 / 9 + 0.4 * 0.1)) < 1e-12)
    }

    /// The N = 1 rule's boundary: 19 genes → N = 1; 20 genes → N = 20.
    @Test func paperSmallGenomeBoundary() {
        func chain(_ n: Int) -> Genome {
            Genome(id: 0, numInputs: 30, numOutputs: 1, nodes: [F.node(0)],
                   connections: (0..<n).map { F.conn($0, -1 - $0, 0, 0.5) })
        }
        let d = CompatibilityDistance(config: Self.paperConfig(c1: 1, c2: 1, c3: 0.4))
        #expect(abs(d.distance(chain(19), chain(18)) - 1.0) < 1e-12)
        #expect(abs(d.distance(chain(20), chain(19)) - 1.0 / 20) < 1e-12)
        // One excess against an empty genome.
        #expect(d.distance(chain(1), chain(0)) == 1)
        #expect(d.distance(chain(0), chain(0)) == 0)
    }

    /// W̄ is the mean over matching genes, including disabled ones.
    @Test func paperMeanWeightDifference() {
        let a = F.genome([F.conn(0, -1, 0, 1), F.conn(1, -2, 0, -1, enabled: false)])
        let b = F.genome([F.conn(0, -1, 0, 3), F.conn(1, -2, 0, 2)])
        let d = CompatibilityDistance(config: Self.paperConfig(c3: 0.4))
        #expect(abs(d.distance(a, b) - 0.4 * (2 + 3) / 2) < 1e-12)
    }

    /// neat-python's distance on the same pair of genomes, computed by neat-python 2.0.0's
    /// `DefaultGenome.distance` (compatibility_disjoint_coefficient 1.0,
    /// compatibility_weight_coefficient 0.5): 1.9583333333333335.
    /// Nodes: 0 (|Δbias| + |Δresponse| = 1), 3 (aggregation differs: 1), disjoint 4 and 7 →
    /// (0.5·(1 + 1) + 2) / 3 = 1. Connections match by (from, to): 3 → 0 is homologous
    /// although its innovations differ (6 and 12) → (0.5·(0.5 + 1 + 1.5 + 0.5) + 4) / 6.
    @Test func neatPythonAgainstNeatPython() {
        var config = F.neatPython()
        config.compatibilityDisjointCoefficient = 1
        config.compatibilityExcessCoefficient = 1
        config.compatibilityWeightCoefficient = 0.5
        let a = Genome(id: 1, numInputs: 2, numOutputs: 1,
                       nodes: [F.node(0, bias: 0.5, response: 1, activation: .sigmoid),
                               F.node(3, bias: -1, response: 1, activation: .sigmoid),
                               F.node(4, bias: 0.25, response: 2, activation: .relu)],
                       connections: [F.conn(1, -1, 0, 0.5), F.conn(2, -2, 0, -1, enabled: false), F.conn(5, -1, 3, 1),
                                     F.conn(6, 3, 0, 2), F.conn(9, 4, 0, 0.3), F.conn(10, -2, 4, 1.5)])
        let b = Genome(id: 2, numInputs: 2, numOutputs: 1,
                       nodes: [F.node(0, bias: 0, response: 1.5, activation: .sigmoid),
                               F.node(3, bias: -1, response: 1, activation: .sigmoid, aggregation: .max),
                               F.node(7, bias: 0, response: 1, activation: .sigmoid)],
                       connections: [F.conn(1, -1, 0, 1), F.conn(2, -2, 0, -1), F.conn(5, -1, 3, -0.5),
                                     F.conn(12, 3, 0, 2.5), F.conn(13, -2, 7, 1), F.conn(14, 7, 0, 1)])
        let d = CompatibilityDistance(config: config)
        #expect(abs(d.distance(a, b) - 1.9583333333333335) < 1e-12)
        #expect(abs(d.distance(b, a) - 1.9583333333333335) < 1e-12)
        #expect(d.distance(a, a) == 0)
    }

    /// Hand-computed, only disjoint genes: nodes {0} vs {0, 1}; connections {−1→0}
    /// vs {−1→1, 1→0} → node 1/2 + connections 3/2 (coefficient 1).
    @Test func neatPythonDisjointOnly() {
        var config = F.neatPython()
        config.compatibilityDisjointCoefficient = 1
        config.compatibilityWeightCoefficient = 0.5
        let a = F.genome([F.conn(0, -1, 0)])
        let b = F.genome(hidden: [1], [F.conn(0, -1, 0, enabled: false), F.conn(1, -1, 1), F.conn(2, 1, 0)])
        // −1→0 matches with an enabled difference: 0.5·1.
        #expect(abs(CompatibilityDistance(config: config).distance(a, b) - (1.0 / 2 + (0.5 + 2) / 3)) < 1e-12)
        let empty = F.genome([])
        #expect(abs(CompatibilityDistance(config: config).distance(a, empty) - 1.0) < 1e-12)
    }
}
