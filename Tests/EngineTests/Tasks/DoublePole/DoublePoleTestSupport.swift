#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
@testable import Engine

/// Networks, expected values and an energy function shared by the double-pole tests.
///
/// Every expected number below was printed by `python3 scripts/double_pole_reference.py`
/// (a plain-Python, IEEE-double re-implementation of NEAT C++'s `CartPole::step`,
/// `rk4`, `performAction`, `outsideBounds` and `evalNet`), run once on 2026-11-27.
enum DoublePoleTestSupport {
    /// A state from the reference's `state[0…5]` order.
    static func state(_ v: [Double]) -> DoublePoleState {
        DoublePoleState(x: v[0], xDot: v[1], theta1: v[2], theta1Dot: v[3], theta2: v[4], theta2Dot: v[5])
    }

    /// The linear controller derived in the reference script: a discrete LQR gain
    /// for the control-step map linearised at upright (Q = diag(1, 1, 100, 1, 100, 1),
    /// R = 1), divided by the input scales and by 24.5 (the slope of
    /// 20 N · 1/(1+e^(−4.9z)) at z = 0), rounded to 4 decimals. Bias weight 0.
    static let lqrWeights: [Double] = [-0.1316, -0.1522, -1.1365, -1.1476, 0.8988, 0.2857, 0]

    /// One steepened-sigmoid output node fed by all 7 inputs with `weights`.
    static func linearNetwork(_ weights: [Double], activation: Activation = .steepenedSigmoid) -> CompiledNetwork {
        let connections = weights.enumerated().map { i, w in ConnectionGene(innovation: i, from: -1 - i, to: 0, weight: w) }
        let genome = Genome(id: 0, numInputs: DoublePoleTask.inputs, numOutputs: DoublePoleTask.outputs,
                            nodes: [NodeGene(id: 0, activation: activation)], connections: connections)
        return CompiledNetwork(genome)
    }

    /// A network whose output is `value` whatever the inputs (identity output node,
    /// no connections, bias `value`).
    static func constantNetwork(_ value: Double) -> CompiledNetwork {
        let genome = Genome(id: 0, numInputs: DoublePoleTask.inputs, numOutputs: DoublePoleTask.outputs,
                            nodes: [NodeGene(id: 0, activation: .identity, bias: value)], connections: [])
        return CompiledNetwork(genome)
    }

    /// Total mechanical energy (J) of the cart and two uniform rods, with the potential
    /// zero at the hinge height: ½Mẋ² + Σ [½mᵢẋ² + mᵢẋlᵢθ̇ᵢcosθᵢ + ⅔mᵢlᵢ²θ̇ᵢ² + mᵢ|g|lᵢcosθᵢ].
    /// Derived from the rods' geometry, independently of the equations of motion.
    static func energy(_ s: DoublePoleState, _ p: DoublePolePhysics) -> Double {
        let g = -p.gravity
        var e = 0.5 * p.cartMass * s.xDot * s.xDot
        for (theta, omega, m, l) in [(s.theta1, s.theta1Dot, p.pole1Mass, p.pole1HalfLength),
                                     (s.theta2, s.theta2Dot, p.pole2Mass, p.pole2HalfLength)] {
            e += 0.5 * m * s.xDot * s.xDot + m * s.xDot * l * cos(theta) * omega
                + (2.0 / 3.0) * m * l * l * omega * omega + m * g * l * cos(theta)
        }
        return e
    }

    /// Whether every variable of `a` is within `tolerance` of `b`.
    static func close(_ a: DoublePoleState, _ b: [Double], tolerance: Double = 1e-12) -> Bool {
        zip(a.values, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }
}
