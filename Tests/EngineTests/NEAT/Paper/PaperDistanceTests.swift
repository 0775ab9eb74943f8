import Testing
@testable import Engine

@Suite struct PaperDistanceTests {
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
        let al = PaperDistance().alignment(a, b)
        #expect(al.matching == 5)
        #expect(al.disjoint == 3)  // 6, 7 (parent 2) and 8 (parent 1)
        #expect(al.excess == 2)    // 9, 10
        #expect(abs(al.weightDifference - 0.5) < 1e-12)  // 5 × 0.1, disabled gene 2 included
    }

    /// δ = c1·E/N + c2·D/N + c3·W̄ with E = 2, D = 3, W̄ = 0.1; both genomes have
    /// fewer than 20 genes, so N = 1.
    @Test func paperSmallGenomes() {
        let a = CrossoverTests.parent1(fitness: 0), b = CrossoverTests.parent2(fitness: 0)
        let d = PaperDistance(), config = Self.paperConfig()
        #expect(abs(d.distance(a, b, config: config) - (1.5 * 2 + 0.7 * 3 + 0.4 * 0.1)) < 1e-12)
        #expect(d.distance(a, b, config: config) == d.distance(b, a, config: config))
        #expect(d.distance(a, a, config: config) == 0)
    }

    /// Same genomes, threshold 5: N is the larger genome's 9 genes.
    @Test func paperNormalisesByLargerGenome() {
        let a = CrossoverTests.parent1(fitness: 0), b = CrossoverTests.parent2(fitness: 0)
        let d = PaperDistance(), config = Self.paperConfig(small: 5)
        #expect(abs(d.distance(a, b, config: config) - (1.5 * 2 / 9 + 0.7 * 3 / 9 + 0.4 * 0.1)) < 1e-12)
    }

    /// The N = 1 rule's boundary: 19 genes → N = 1; 20 genes → N = 20.
    @Test func paperSmallGenomeBoundary() {
        func chain(_ n: Int) -> Genome {
            Genome(id: 0, numInputs: 30, numOutputs: 1, nodes: [F.node(0)],
                   connections: (0..<n).map { F.conn($0, -1 - $0, 0, 0.5) })
        }
        let d = PaperDistance(), config = Self.paperConfig(c1: 1, c2: 1, c3: 0.4)
        #expect(abs(d.distance(chain(19), chain(18), config: config) - 1.0) < 1e-12)
        #expect(abs(d.distance(chain(20), chain(19), config: config) - 1.0 / 20) < 1e-12)
        // One excess against an empty genome.
        #expect(d.distance(chain(1), chain(0), config: config) == 1)
        #expect(d.distance(chain(0), chain(0), config: config) == 0)
    }

    /// W̄ is the mean over matching genes, including disabled ones.
    @Test func paperMeanWeightDifference() {
        let a = F.genome([F.conn(0, -1, 0, 1), F.conn(1, -2, 0, -1, enabled: false)])
        let b = F.genome([F.conn(0, -1, 0, 3), F.conn(1, -2, 0, 2)])
        let d = PaperDistance(), config = Self.paperConfig(c3: 0.4)
        #expect(abs(d.distance(a, b, config: config) - 0.4 * (2 + 3) / 2) < 1e-12)
    }
}
