import Testing
@testable import Engine

/// The equations, the integrator and the failure test against an independent
/// re-implementation of NEAT C++'s `CartPole` (numbers in `DoublePoleTestSupport`'s
/// note), plus physical sanity checks.
@Suite struct DoublePolePhysicsTests {
    typealias S = DoublePoleTestSupport
    let physics = DoublePolePhysics.reference

    @Test func constantsAreTheReferences() {
        #expect(physics.gravity == -9.8 && physics.cartMass == 1.0)
        #expect(physics.pole1Mass == 0.1 && physics.pole1HalfLength == 0.5)
        #expect(physics.pole2Mass == 0.01 && physics.pole2HalfLength == 0.05)
        #expect(physics.hingeFriction == 0.000002 && physics.forceMagnitude == 10.0)
        #expect(physics.integrationStep == 0.01 && physics.stepsPerAction == 2 && physics.controlInterval == 0.02)
        #expect(physics.trackLimit == 2.4 && physics.failureAngle == 0.628329)
        #expect(DoublePoleState.initial == DoublePoleState(theta1: 0.07))
    }

    @Test(arguments: [
        (0.5, [0.0, -0.04989176577694153, 0.0, 1.1028142271445174, 0.0, 0.7483764866541228]),
        (1.0, [0.0, 9.678994336711856, 0.0, -13.45477586718738, 0.0, -145.18491505067783]),
        (0.0, [0.0, -9.77877786826574, 0.0, 15.660404321476413, 0.0, 146.68166802398608]),
    ])
    func derivativesMatchTheReference(output: Double, expected: [Double]) {
        let d = physics.derivatives(of: .initial, force: physics.force(output: output))
        #expect(d.values == expected, "output \(output): \(d.values)")
    }

    @Test(arguments: [
        (0.5, [-9.983824566971117e-06, -0.0009989314707064974, 0.0702206787340885, 0.022079472277230793, 0.0001504318247277678, 0.015122033536002971]),
        (1.0, [0.0019359404762431113, 0.19360823696171484, 0.06730742796633689, -0.26941896347572425, -0.029169097068021465, -2.9306483263480345]),
        (0.0, [-0.0019558694519133677, -0.19559834164228296, 0.0731336730294826, 0.31352652542410675, 0.029469353708206664, 2.9607678584155916]),
    ])
    func oneControlStepMatchesTheReference(output: Double, expected: [Double]) {
        var s = DoublePoleState.initial
        s.step(force: physics.force(output: output))
        #expect(s.values == expected, "output \(output): \(s.values)")
    }

    @Test func tenStepsWithoutForceMatchTheReference() {
        var s = DoublePoleState.initial
        for _ in 0..<10 { physics.step(&s, force: 0) }
        #expect(S.close(s, [-0.0010545792005864905, -0.011131693224519127, 0.09324129864271634, 0.24451803686087895, 0.024827942845079578, 0.36688263519916403]),
                "\(s.values)")
    }

    @Test func aSequenceOfForcesMatchesTheReference() {
        var s = DoublePoleState.initial
        for o in [0.9, 0.1, 0.75, 0.3, 0.5, 1.0, 0.0, 0.6, 0.45, 0.2] { physics.step(&s, force: physics.force(output: o)) }
        #expect(S.close(s, [0.010841902634145294, -0.08526059830091368, 0.07340184491837104, 0.32437240847562476, -0.4206287935165415, -3.364671227389965]),
                "\(s.values)")
    }

    @Test func oneControlStepIsTwoIntegrationSteps() {
        var a = DoublePoleState.initial, b = DoublePoleState.initial
        physics.step(&a, force: 3)
        physics.integrate(&b, force: 3)
        #expect(a != b)
        physics.integrate(&b, force: 3)
        #expect(a == b)
    }

    @Test func forceMapsTheOutputOntoTenNewtonsEachWay() {
        #expect(physics.force(output: 0.5) == 0)
        #expect(physics.force(output: 1) == 10)
        #expect(physics.force(output: 0) == -10)
        #expect(physics.force(output: 0.75) == 5)
        #expect(physics.force(output: 0.25) == -5)
        // Outside [0, 1] (only possible with non-sigmoid outputs) the force saturates.
        #expect(physics.force(output: 7) == 10)
        #expect(physics.force(output: -3) == -10)
        #expect(physics.force(output: .nan).isNaN)
    }

    @Test func boundsThemselvesAreStillBalanced() {
        let a = physics.failureAngle, t = physics.trackLimit
        for s in [DoublePoleState(x: t), DoublePoleState(x: -t), DoublePoleState(theta1: a), DoublePoleState(theta1: -a),
                  DoublePoleState(theta2: a), DoublePoleState(theta2: -a),
                  DoublePoleState(x: t, xDot: 1e9, theta1: -a, theta1Dot: -1e9, theta2: a, theta2Dot: 1e9)] {
            #expect(!physics.hasFailed(s), "\(s.values)")
        }
        #expect(!physics.hasFailed(.initial) && !physics.hasFailed(.upright))
    }

    @Test func justPastAnyBoundFails() {
        let a = physics.failureAngle, t = physics.trackLimit
        for s in [DoublePoleState(x: t.nextUp), DoublePoleState(x: -t.nextUp), DoublePoleState(theta1: a.nextUp),
                  DoublePoleState(theta1: -a.nextUp), DoublePoleState(theta2: a.nextUp), DoublePoleState(theta2: -a.nextUp)] {
            #expect(physics.hasFailed(s), "\(s.values)")
        }
    }

    @Test func nanFails() {
        #expect(physics.hasFailed(DoublePoleState(x: .nan)))
        #expect(physics.hasFailed(DoublePoleState(theta1: .nan)))
        #expect(physics.hasFailed(DoublePoleState(theta2: .nan)))
        var s = DoublePoleState.initial
        physics.step(&s, force: physics.force(output: .nan))
        #expect(physics.hasFailed(s))
    }

    /// Runs constant force from `start` until failure; returns the failing step.
    func stepsToFailure(output: Double, from start: DoublePoleState) -> (Int, DoublePoleState) {
        var s = start
        for n in 1...100_000 {
            physics.step(&s, force: physics.force(output: output))
            if physics.hasFailed(s) { return (n, s) }
        }
        return (100_001, s)
    }

    @Test func withoutControlTheInitialTiltFallsWhenTheReferenceSays() {
        let (n, s) = stepsToFailure(output: 0.5, from: .initial)
        #expect(n == 23)
        #expect(S.close(s, [-0.007111623309415294, -0.039867313181196844, 0.2230332314393096, 0.8405605050767417, 0.7251048356736731, 8.726792908921421]),
                "\(s.values)")
        // Full force either way topples the poles in 5 steps.
        #expect(stepsToFailure(output: 1, from: .initial).0 == 5)
        #expect(stepsToFailure(output: 0, from: .initial).0 == 5)
    }

    @Test func aOneDegreeTiltFallsWithoutControl() {
        // one_degree = 0.0174532 in the reference; the short pole goes first.
        let (n, s) = stepsToFailure(output: 0.5, from: DoublePoleState(theta1: 0.0174532))
        #expect(n == 29)
        #expect(abs(s.theta2) > physics.failureAngle && abs(s.theta1) < physics.failureAngle)
        // Even a micro-radian tilt falls, just later (the upright state is unstable).
        #expect(stepsToFailure(output: 0.5, from: DoublePoleState(theta1: 1e-6)).0 == 69)
    }

    @Test func uprightWithoutForceStaysExactlyBalanced() {
        var s = DoublePoleState.upright
        for _ in 0..<1_000 {
            physics.step(&s, force: 0)
            #expect(!physics.hasFailed(s))
        }
        #expect(s == .upright)
    }

    @Test func theSystemIsMirrorSymmetric() {
        var a = DoublePoleState(x: 0.3, xDot: -0.2, theta1: 0.05, theta1Dot: 0.1, theta2: -0.02, theta2Dot: 0.3)
        var b = DoublePoleState(x: -0.3, xDot: 0.2, theta1: -0.05, theta1Dot: -0.1, theta2: 0.02, theta2Dot: -0.3)
        for f in [2.0, -7.0, 10.0, 0.5] { physics.step(&a, force: f); physics.step(&b, force: -f) }
        for (u, v) in zip(a.values, b.values) { #expect(abs(u + v) <= 1e-12 * max(1, abs(u))) }
    }

    @Test func withoutFrictionEnergyIsConserved() {
        var p = physics
        p.hingeFriction = 0
        var s = DoublePoleState.initial
        let e0 = S.energy(s, p)
        // 60 steps: the poles swing far past the failure angle; energy stays put.
        for _ in 0..<60 { p.step(&s, force: 0) }
        #expect(abs(s.theta1) > 1 && abs(s.theta2) > 1)
        #expect(abs(S.energy(s, p) - e0) < 1e-8, "drift \(S.energy(s, p) - e0)")
    }

    @Test func hingeFrictionOnlyRemovesEnergy() {
        var s = DoublePoleState.initial
        let e0 = S.energy(s, physics)
        for _ in 0..<60 { physics.step(&s, force: 0) }
        let loss = e0 - S.energy(s, physics)
        // The reference script measured 3.766e-4 J lost over these 60 steps.
        #expect(loss > 3.7e-4 && loss < 3.8e-4, "loss \(loss)")
    }

    @Test func aConstantForceDoesWorkForceTimesDistance() {
        var p = physics
        p.hingeFriction = 0
        var s = DoublePoleState.initial
        let e0 = S.energy(s, p), f = p.force(output: 0.8)
        #expect(f == 6.000000000000001)
        for _ in 0..<20 { p.step(&s, force: f) }
        let work = f * (s.x - DoublePoleState.initial.x)
        #expect(work > 2.7)
        #expect(abs(S.energy(s, p) - e0 - work) < 1e-6, "ΔE \(S.energy(s, p) - e0), work \(work)")
    }
}
