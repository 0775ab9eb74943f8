#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The double-pole cart's equations of motion and their integration, exactly as in
/// NEAT's C++ reference implementation (K. Stanley, `experiments.cpp`, class
/// `CartPole`: `step`, `rk4`, `performAction`, `outsideBounds`; physics code by
/// F. Gomez from the equations in Wieland 1991, as used by Gruau, Whitley & Pyeatt
/// 1996 and by Stanley & Miikkulainen 2002 for "double pole balancing with velocities").
///
/// With μp the hinge friction and g = −9.8 (the reference's sign convention), for
/// each pole i with mass mᵢ and half-length lᵢ:
///
///     F̃ᵢ = mᵢ lᵢ θ̇ᵢ² sin θᵢ + ¾ mᵢ cos θᵢ (μp θ̇ᵢ / (mᵢ lᵢ) + g sin θᵢ)
///     m̃ᵢ = mᵢ (1 − ¾ cos² θᵢ)
///     ẍ   = (F + F̃₁ + F̃₂) / (M + m̃₁ + m̃₂)
///     θ̈ᵢ  = −¾ (ẍ cos θᵢ + g sin θᵢ + μp θ̇ᵢ / (mᵢ lᵢ)) / lᵢ
///
/// Wieland's cart–track friction term (−μc sgn ẋ in the numerator of ẍ) is absent:
/// the reference declares `MUC = 0.0005` but never uses it, so neither do we. With
/// μp = 0 these are the exact dynamics of a cart carrying two uniform rods, so total
/// energy is conserved (the tests check this).
///
/// Every arithmetic operation follows the reference's order, so results match an
/// IEEE-double re-implementation of it bit for bit (see
/// `scripts/double_pole_reference.py`).
///
/// ```swift
/// let physics = DoublePolePhysics.reference
/// var s = DoublePoleState.initial
/// physics.step(&s, force: physics.force(output: 0.8))   // +6 N for 0.02 s
/// if physics.hasFailed(s) { … }
/// ```
public struct DoublePolePhysics: Sendable, Equatable {
    /// g (m/s²); negative in the reference's convention. `GRAVITY = -9.8`.
    public var gravity = -9.8
    /// M, the cart's mass (kg). `MASSCART = 1.0`.
    public var cartMass = 1.0
    /// m₁, the long pole's mass (kg). `MASSPOLE_1 = 0.1`.
    public var pole1Mass = 0.1
    /// l₁, the long pole's half-length (m). `LENGTH_1 = 0.5` ("actually half the pole's length").
    public var pole1HalfLength = 0.5
    /// m₂, the short pole's mass (kg). `MASSPOLE_2 = 0.01` (set in `CartPole::CartPole`).
    public var pole2Mass = 0.01
    /// l₂, the short pole's half-length (m). `LENGTH_2 = 0.05` (set in `CartPole::CartPole`).
    public var pole2HalfLength = 0.05
    /// μp, the friction coefficient of each pole's hinge. `MUP = 0.000002`.
    public var hingeFriction = 0.000002
    /// The largest force on the cart (N); the network's output in [0, 1] maps onto
    /// [−forceMagnitude, +forceMagnitude]. `FORCE_MAG = 10.0`.
    public var forceMagnitude = 10.0
    /// One Runge–Kutta step (s). `TAU = 0.01`.
    public var integrationStep = 0.01
    /// Runge–Kutta steps per control step: `performAction` loops `for(i=0;i<2;++i)`
    /// with `RK4=true`, so the network acts every 0.02 s.
    public var stepsPerAction = 2
    /// The cart fails when |x| exceeds this (m): `outsideBounds` tests `state[0] < -2.4 || state[0] > 2.4`.
    public var trackLimit = 2.4
    /// A pole fails when |θ| exceeds this (rad): `thirty_six_degrees = 0.628329`.
    public var failureAngle = 0.628329

    public init() {}

    /// The reference's constants.
    public static let reference = DoublePolePhysics()

    /// Seconds between two actions (0.02 s with the reference's constants).
    public var controlInterval: Double { integrationStep * Double(stepsPerAction) }

    /// The force for a network output: `(output − 0.5) · forceMagnitude · 2`, as in
    /// `CartPole::step`. The output is first clamped to [0, 1] (a no-op for the
    /// sigmoid outputs the reference has; it keeps other activations within ±10 N);
    /// NaN stays NaN, which makes the next state NaN and so a failure.
    @inline(__always)
    public func force(output: Double) -> Double {
        let o = output < 0 ? 0 : (output > 1 ? 1 : output)
        return (o - 0.5) * forceMagnitude * 2
    }

    /// The time derivatives of `s` under `force` newtons, as a state-shaped value
    /// (`x` holds ẋ, `xDot` holds ẍ, and so on): `CartPole::step`.
    @inline(__always)
    public func derivatives(of s: DoublePoleState, force: Double) -> DoublePoleState {
        let cosTheta1 = cos(s.theta1), sinTheta1 = sin(s.theta1), gSinTheta1 = gravity * sinTheta1
        let cosTheta2 = cos(s.theta2), sinTheta2 = sin(s.theta2), gSinTheta2 = gravity * sinTheta2
        let ml1 = pole1HalfLength * pole1Mass
        let ml2 = pole2HalfLength * pole2Mass
        let temp1 = hingeFriction * s.theta1Dot / ml1
        let temp2 = hingeFriction * s.theta2Dot / ml2
        let fi1 = (ml1 * s.theta1Dot * s.theta1Dot * sinTheta1) + (0.75 * pole1Mass * cosTheta1 * (temp1 + gSinTheta1))
        let fi2 = (ml2 * s.theta2Dot * s.theta2Dot * sinTheta2) + (0.75 * pole2Mass * cosTheta2 * (temp2 + gSinTheta2))
        let mi1 = pole1Mass * (1 - (0.75 * cosTheta1 * cosTheta1))
        let mi2 = pole2Mass * (1 - (0.75 * cosTheta2 * cosTheta2))
        let xAcc = (force + fi1 + fi2) / (mi1 + mi2 + cartMass)
        let theta1Acc = -0.75 * (xAcc * cosTheta1 + gSinTheta1 + temp1) / pole1HalfLength
        let theta2Acc = -0.75 * (xAcc * cosTheta2 + gSinTheta2 + temp2) / pole2HalfLength
        return DoublePoleState(x: s.xDot, xDot: xAcc, theta1: s.theta1Dot, theta1Dot: theta1Acc, theta2: s.theta2Dot, theta2Dot: theta2Acc)
    }

    /// One classical fourth-order Runge–Kutta step of `integrationStep` seconds with
    /// the force held constant: `CartPole::rk4`, operation for operation.
    @inline(__always)
    public func integrate(_ y: inout DoublePoleState, force: Double) {
        let h = integrationStep, hh = h * 0.5, h6 = h / 6.0
        let dydx = derivatives(of: y, force: force)
        var yt = Self.advance(y, hh, dydx)
        var dyt = derivatives(of: yt, force: force)
        yt = Self.advance(y, hh, dyt)
        var dym = derivatives(of: yt, force: force)
        yt = Self.advance(y, h, dym)
        dym = Self.sum(dym, dyt)
        dyt = derivatives(of: yt, force: force)
        y = DoublePoleState(
            x: y.x + h6 * (dydx.x + dyt.x + 2.0 * dym.x),
            xDot: y.xDot + h6 * (dydx.xDot + dyt.xDot + 2.0 * dym.xDot),
            theta1: y.theta1 + h6 * (dydx.theta1 + dyt.theta1 + 2.0 * dym.theta1),
            theta1Dot: y.theta1Dot + h6 * (dydx.theta1Dot + dyt.theta1Dot + 2.0 * dym.theta1Dot),
            theta2: y.theta2 + h6 * (dydx.theta2 + dyt.theta2 + 2.0 * dym.theta2),
            theta2Dot: y.theta2Dot + h6 * (dydx.theta2Dot + dyt.theta2Dot + 2.0 * dym.theta2Dot))
    }

    /// One control step: `stepsPerAction` Runge–Kutta steps with the same force
    /// (`CartPole::performAction`).
    @inline(__always)
    public func step(_ s: inout DoublePoleState, force: Double) {
        for _ in 0..<stepsPerAction { integrate(&s, force: force) }
    }

    /// Whether the cart has left the track or either pole has passed the failure
    /// angle. The bounds themselves are still inside (the reference compares with
    /// strict `<` / `>`); a NaN anywhere in position or angles counts as failed.
    @inline(__always)
    public func hasFailed(_ s: DoublePoleState) -> Bool {
        !(abs(s.x) <= trackLimit && abs(s.theta1) <= failureAngle && abs(s.theta2) <= failureAngle)
    }

    @inline(__always)
    private static func advance(_ y: DoublePoleState, _ h: Double, _ d: DoublePoleState) -> DoublePoleState {
        DoublePoleState(x: y.x + h * d.x, xDot: y.xDot + h * d.xDot, theta1: y.theta1 + h * d.theta1,
                        theta1Dot: y.theta1Dot + h * d.theta1Dot, theta2: y.theta2 + h * d.theta2, theta2Dot: y.theta2Dot + h * d.theta2Dot)
    }

    @inline(__always)
    private static func sum(_ a: DoublePoleState, _ b: DoublePoleState) -> DoublePoleState {
        DoublePoleState(x: a.x + b.x, xDot: a.xDot + b.xDot, theta1: a.theta1 + b.theta1,
                        theta1Dot: a.theta1Dot + b.theta1Dot, theta2: a.theta2 + b.theta2, theta2Dot: a.theta2Dot + b.theta2Dot)
    }
}
