/// Double pole balancing with velocities (the Markovian task of Stanley &
/// Miikkulainen 2002, §4.2), as NEAT's C++ reference runs it (`pole2_test` with
/// `velocity = 1`, `CartPole::evalNet` with `MARKOV = true`).
///
/// An episode starts from `DoublePoleState.initial`. Every control step (0.02 s)
/// the network sees 7 inputs, the reference's `evalNet` scaling:
///
///     x / 4.8,  ẋ / 2,  θ1 / 0.52,  θ̇1 / 2,  θ2 / 0.52,  θ̇2 / 2,  bias
///
/// and its single output o ∈ [0, 1] pushes the cart with (o − 0.5) · 20 N. The
/// fitness is the number of control steps taken, the one on which the system
/// failed included (the reference returns `steps` after `break`); an episode that
/// lasts `maxSteps` steps without failing is solved.
///
/// The reference's own loop has two off-by-one quirks this type smooths over: a
/// survivor's `steps` ends at 100,001 (post-increment in `while (steps++ < maxFitness)`),
/// and `pole2_evaluate` calls fitness ≥ 99,999 a winner. Here a survivor scores
/// exactly `maxSteps` and only survivors are solved.
///
/// ```swift
/// let task = DoublePoleTask()
/// let scratch = UnsafeMutablePointer<Float>.allocate(capacity: network.scratchCount)
/// defer { scratch.deallocate() }
/// let (fitness, solved) = task.evaluate(network, scratch: scratch)
/// ```
public struct DoublePoleTask: ReferenceTask {
    /// Six scaled state variables plus the bias input.
    public static let inputs = 7
    /// One output: the force, as a fraction of the ±10 N range.
    public static let outputs = 1
    /// Input 7 is the bias.
    public var biasInputIndex: Int? { 6 }

    /// Steps an episode may last; reaching it solves the task (`maxFitness = 100000`).
    public var maxSteps = 100_000
    /// The value of input 7. The reference feeds `input[6] = .5`; NEAT C++ nodes
    /// have no bias term of their own, so this input is the networks' only bias.
    public var biasInput: Float = 0.5
    /// Where every episode starts.
    public var initialState = DoublePoleState.initial
    /// The cart, the poles and the integrator.
    public var physics = DoublePolePhysics.reference

    public init() {}

    /// The reference's divisor for each state variable, in `DoublePoleState` order.
    public static let inputScales: (x: Double, xDot: Double, theta1: Double, theta1Dot: Double, theta2: Double, theta2Dot: Double) =
        (4.8, 2, 0.52, 2, 0.52, 2)

    /// Writes the network's 7 inputs for state `s` into `inputs`.
    @inline(__always)
    public func writeInputs(_ s: DoublePoleState, into inputs: UnsafeMutablePointer<Float>) {
        let k = Self.inputScales
        inputs[0] = Float(s.x / k.x)
        inputs[1] = Float(s.xDot / k.xDot)
        inputs[2] = Float(s.theta1 / k.theta1)
        inputs[3] = Float(s.theta1Dot / k.theta1Dot)
        inputs[4] = Float(s.theta2 / k.theta2)
        inputs[5] = Float(s.theta2Dot / k.theta2Dot)
        inputs[6] = biasInput
    }

    /// Runs one episode with the network; returns steps balanced (fitness) and
    /// whether it reached `maxSteps`. `scratch` must hold `network.scratchCount`
    /// floats; each concurrent evaluation needs its own. Allocates nothing on the heap.
    ///
    /// - Complexity: O(`maxSteps` × network size); about 100,000 network calls and
    ///   400,000 derivative evaluations for a solver.
    public func evaluate(_ network: CompiledNetwork, scratch: UnsafeMutablePointer<Float>) -> TaskResult {
        precondition(network.inputCount == Self.inputs && network.outputCount == Self.outputs,
                     "a double-pole network needs \(Self.inputs) inputs and \(Self.outputs) output, got \(network.inputCount) and \(network.outputCount)")
        // 7 inputs + 1 output: small enough to live on the stack.
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: 8) { io in
            let input = io.baseAddress!, output = input + Self.inputs
            let physics = self.physics
            var s = initialState
            var steps = 0
            while steps < maxSteps {
                writeInputs(s, into: input)
                network.evaluate(inputs: input, outputs: output, scratch: scratch)
                physics.step(&s, force: physics.force(output: Double(output[0])))
                steps += 1
                if physics.hasFailed(s) { return TaskResult(fitness: Double(steps), solved: false) }
            }
            return TaskResult(fitness: Double(steps), solved: true)
        }
    }

    /// Runs one episode, allocating the scratch space itself (convenience).
    public func evaluate(_ network: CompiledNetwork) -> TaskResult {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: network.scratchCount) { evaluate(network, scratch: $0.baseAddress!) }
    }

    // MARK: ReferenceTask

    public var name: String { "pole" }
    public var inputs: Int { Self.inputs }
    public var outputs: Int { Self.outputs }
    /// Paper: 3,600 evaluations on average (about 24 generations of 150).
    /// Evaluation is a pure function of the network.
    public var resultDependsOnNetworkOnly: Bool { true }
    public var defaultMaxGenerations: Int { 1000 }
}
