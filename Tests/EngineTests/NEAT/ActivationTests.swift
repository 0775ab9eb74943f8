import Foundation
import Testing
@testable import Engine

/// Every activation and aggregation against values worked out by hand from
/// neat-python 2.0's definitions (neat/activations.py, neat/aggregations.py).
@Suite struct ActivationTests {
    /// (function, z, expected) — expected written as the formula neat-python applies.
    static let cases: [(Activation, Double, Double)] = [
        (.steepenedSigmoid, 0.5, 1 / (1 + exp(-2.45))),
        (.sigmoid, 0.2, 1 / (1 + exp(-1.0))),            // 5z = 1
        (.sigmoid, -1, 1 / (1 + exp(5.0))),
        (.sigmoid, 100, 1 / (1 + exp(-60.0))),            // 5z clamped to 60
        (.tanh, 0.4, tanh(1.0)),                          // 2.5z
        (.tanh, -30, tanh(-60.0)),
        (.sin, 0.1, sin(0.5)),                            // 5z
        (.sin, 20, sin(60.0)),                            // 5z clamped to 60
        (.gauss, 0.5, exp(-1.25)),                        // e^(−5z²)
        (.gauss, 10, exp(-5 * 3.4 * 3.4)),                // z clamped to 3.4
        (.relu, 1.5, 1.5), (.relu, -2, 0),
        (.elu, 0.7, 0.7), (.elu, -1, exp(-1.0) - 1),
        (.lelu, 2, 2), (.lelu, -3, -0.015),
        (.selu, 1, 1.0507009873554805), (.selu, -0.5, 1.0507009873554805 * 1.6732632423543772 * (exp(-0.5) - 1)),
        (.softplus, 0.2, 0.2 * log(1 + exp(1.0))),
        (.softplus, 100, 0.2 * log(1 + exp(60.0))),       // = 12.0
        (.identity, -4.25, -4.25),
        (.clamped, 0.3, 0.3), (.clamped, -2, -1), (.clamped, 5, 1),
        (.inv, 4, 0.25), (.inv, 0, 0), (.inv, -0.5, -2),
        (.log, 2, log(2.0)), (.log, 0, log(1e-7)), (.log, -1, log(1e-7)),
        (.exp, 1, exp(1.0)), (.exp, 100, exp(60.0)), (.exp, -100, exp(-60.0)),
        (.abs, -2.5, 2.5),
        (.hat, 0.25, 0.75), (.hat, -0.5, 0.5), (.hat, 3, 0),
        (.square, -3, 9),
        (.cube, -2, -8), (.cube, 0.5, 0.125),
    ]

    @Test func everyActivationHasACase() {
        #expect(Set(Self.cases.map(\.0)) == Set(Activation.allCases))
    }

    @Test(arguments: cases.indices)
    func doublePrecision(_ i: Int) {
        let (f, z, y) = Self.cases[i]
        let got = f.apply(z)
        #expect(Swift.abs(got - y) <= 1e-12 * Swift.max(1, Swift.abs(y)), "\(f.name)(\(z)) = \(got), expected \(y)")
    }

    @Test(arguments: cases.indices)
    func singlePrecision(_ i: Int) {
        let (f, z, y) = Self.cases[i]
        let got = Double(f.apply(Float(z)))
        let expected = Double(Float(y))  // results beyond Float's range are not in the table
        #expect(Swift.abs(got - expected) <= 1e-6 * Swift.max(1, Swift.abs(expected)), "\(f.name)(\(z)) = \(got), expected \(expected)")
    }

    @Test func namesAreNeatPythons() {
        #expect(Activation(name: "sigmoid") == .sigmoid)
        #expect(Activation(name: "neat_sigmoid") == .steepenedSigmoid)
        #expect(Activation(name: "swish") == nil)
        #expect(Aggregation(name: "maxabs") == .maxabs)
    }

    static func aggregate(_ a: Aggregation, _ xs: [Double]) -> Double {
        xs.withUnsafeBufferPointer { a.apply($0) }
    }

    @Test func aggregations() {
        let odd = [1.0, -3.0, 2.5], even = [2.0, -4.0, 4.0, 1.0]
        #expect(Self.aggregate(.sum, odd) == 0.5)
        #expect(Self.aggregate(.product, odd) == -7.5)
        #expect(Self.aggregate(.max, odd) == 2.5)
        #expect(Self.aggregate(.min, odd) == -3)
        #expect(Self.aggregate(.maxabs, odd) == -3)
        #expect(Self.aggregate(.maxabs, even) == -4)      // ties: the first one, as Python's max(key=abs)
        #expect(Self.aggregate(.median, odd) == 1)
        #expect(Self.aggregate(.median, even) == 1.5)     // neat-python's median2 averages the middle two
        #expect(Self.aggregate(.median, [3, 8]) == 5.5)
        #expect(Self.aggregate(.mean, odd) == 0.5 / 3)
        #expect(Self.aggregate(.mean, even) == 0.75)
    }

    @Test func aggregationsOfNothing() {
        // A node with no incoming connections: product of nothing is 1, every other is 0.
        for a in Aggregation.allCases {
            #expect(Self.aggregate(a, []) == (a == .product ? 1 : 0), "\(a.name)([])")
        }
    }
}
