/// The six state variables of the double-pole cart, in SI units.
///
/// Angles are in radians from upright; a positive angle leans the pole towards
/// +x, and a positive force pushes the cart towards +x. The order of the fields is
/// the reference's `state[0…5]` (NEAT's C++ `CartPole::state`): x, ẋ, θ1, θ̇1, θ2, θ̇2,
/// where pole 1 is the long pole (half-length 0.5 m) and pole 2 the short one.
///
/// ```swift
/// var s = DoublePoleState.initial      // long pole at 0.07 rad, all else 0
/// s.step(force: 10)                    // one control step (0.02 s) of +10 N
/// ```
public struct DoublePoleState: Sendable, Equatable, Hashable {
    /// Cart position (m); the track ends at ±2.4 m.
    public var x: Double
    /// Cart velocity (m/s).
    public var xDot: Double
    /// Long pole's angle (rad).
    public var theta1: Double
    /// Long pole's angular velocity (rad/s).
    public var theta1Dot: Double
    /// Short pole's angle (rad).
    public var theta2: Double
    /// Short pole's angular velocity (rad/s).
    public var theta2Dot: Double

    public init(x: Double = 0, xDot: Double = 0, theta1: Double = 0, theta1Dot: Double = 0, theta2: Double = 0, theta2Dot: Double = 0) {
        self.x = x; self.xDot = xDot
        self.theta1 = theta1; self.theta1Dot = theta1Dot
        self.theta2 = theta2; self.theta2Dot = theta2Dot
    }

    /// The start of every episode: the long pole at 0.07 rad (about 4°; the
    /// reference's `CartPole::init` sets `state[2] = 0.07; // one_degree`, the
    /// comment notwithstanding), everything else 0.
    public static let initial = DoublePoleState(theta1: 0.07)

    /// Both poles exactly upright and the cart at rest in the middle: an
    /// equilibrium, so with no force it stays there.
    public static let upright = DoublePoleState()

    /// Advances one control step (two Runge–Kutta steps, 0.02 s) with `force`
    /// newtons held constant, under `physics`.
    @inline(__always)
    public mutating func step(force: Double, physics: DoublePolePhysics = .reference) {
        physics.step(&self, force: force)
    }

    /// The six variables in the reference's order (convenience for tests and display).
    public var values: [Double] { [x, xDot, theta1, theta1Dot, theta2, theta2Dot] }
}
