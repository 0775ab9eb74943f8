import Testing
@testable import Engine

@Suite struct NeatPythonDistanceTests {
    typealias F = NEATFixture

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
        let d = NeatPythonDistance()
        #expect(abs(d.distance(a, b, config: config) - 1.9583333333333335) < 1e-12)
        #expect(abs(d.distance(b, a, config: config) - 1.9583333333333335) < 1e-12)
        #expect(d.distance(a, a, config: config) == 0)
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
        #expect(abs(NeatPythonDistance().distance(a, b, config: config) - (1.0 / 2 + (0.5 + 2) / 3)) < 1e-12)
        let empty = F.genome([])
        #expect(abs(NeatPythonDistance().distance(a, empty, config: config) - 1.0) < 1e-12)
    }
}
