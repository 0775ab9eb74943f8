import Testing
@testable import Engine

/// Episodes, inputs and fitness of the Markovian double-pole task.
@Suite struct DoublePoleTaskTests {
    typealias S = DoublePoleTestSupport

    @Test func shapeIsSevenInputsOneOutput() {
        #expect(DoublePoleTask.inputs == 7 && DoublePoleTask.outputs == 1)
        let task = DoublePoleTask()
        #expect(task.maxSteps == 100_000 && task.biasInput == 0.5)
        #expect(task.initialState == .initial && task.physics == .reference)
    }

    @Test func inputsAreScaledAsTheReferenceDoes() {
        let task = DoublePoleTask()
        var inputs = [Float](repeating: .nan, count: 7)
        let s = DoublePoleState(x: 1.2, xDot: -0.5, theta1: 0.26, theta1Dot: 1, theta2: -0.13, theta2Dot: -2)
        inputs.withUnsafeMutableBufferPointer { task.writeInputs(s, into: $0.baseAddress!) }
        // x/4.8, ẋ/2, θ1/0.52, θ̇1/2, θ2/0.52, θ̇2/2, bias 0.5 (evalNet: input[6] = .5).
        #expect(inputs == [0.25, -0.25, 0.5, 0.5, -0.25, -1, 0.5])
        var one = task
        one.biasInput = 1
        one.writeInputs(.initial, into: &inputs)
        #expect(inputs == [0, 0, Float(0.07 / 0.52), 0, 0, 0, 1])
    }

    @Test(arguments: [(0.5, 23), (1.0, 5), (0.0, 5), (3.0, 5), (-2.0, 5)])
    func aConstantOutputFallsWhenTheReferenceSays(output: Double, steps: Int) {
        let r = DoublePoleTask().evaluate(S.constantNetwork(output))
        #expect(r.fitness == Double(steps) && !r.solved)
    }

    @Test func theFailingStepCountsAndSurvivingMaxStepsSolves() {
        var task = DoublePoleTask()
        let net = S.constantNetwork(0.5)   // falls on step 23
        task.maxSteps = 23
        #expect(task.evaluate(net) == TaskResult(fitness: 23, solved: false))
        task.maxSteps = 22
        #expect(task.evaluate(net) == TaskResult(fitness: 22, solved: true))
    }

    @Test func aNaNOutputFailsOnTheFirstStep() {
        #expect(DoublePoleTask().evaluate(S.constantNetwork(.nan)) == TaskResult(fitness: 1, solved: false))
    }

    @Test func theEpisodeFollowsThePhysicsStepByStep() {
        // A network that reads only θ1 (identity output 0.5 + θ1/0.52): replay it by hand.
        var weights = [Double](repeating: 0, count: 7)
        weights[2] = 1
        let genome = Genome(id: 0, numInputs: 7, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .identity, bias: 0.5)],
                            connections: weights.enumerated().map { ConnectionGene(innovation: $0, from: -1 - $0, to: 0, weight: $1) })
        let net = CompiledNetwork(genome)
        let task = DoublePoleTask()
        let physics = DoublePolePhysics.reference
        var s = DoublePoleState.initial, n = 0
        repeat {
            let out = Float(0.5) + Float(s.theta1 / 0.52)
            physics.step(&s, force: physics.force(output: Double(out)))
            n += 1
        } while !physics.hasFailed(s) && n < task.maxSteps
        let r = task.evaluate(net)
        #expect(r.fitness == Double(n) && !r.solved && n > 1)
    }

    @Test func aHandBuiltLinearControllerBalancesForTheFullEpisode() {
        let net = S.linearNetwork(S.lqrWeights)
        let r = DoublePoleTask().evaluate(net)
        #expect(r.solved && r.fitness == 100_000, "balanced \(r.fitness) steps")
    }

    @Test func theSameControllerWithTheSignsFlippedFailsFast() {
        let r = DoublePoleTask().evaluate(S.linearNetwork(S.lqrWeights.map { -$0 }))
        #expect(!r.solved && r.fitness < 50, "balanced \(r.fitness) steps")
    }

    @Test func evaluationIsDeterministicAndReusesScratch() {
        let task = DoublePoleTask()
        var weights = S.lqrWeights
        weights[2] *= 0.5   // a weaker controller that fails part-way
        let net = S.linearNetwork(weights)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: net.scratchCount)
        defer { scratch.deallocate() }
        scratch.initialize(repeating: 1e9, count: net.scratchCount)   // garbage must not matter
        let first = task.evaluate(net, scratch: scratch)
        let second = task.evaluate(net, scratch: scratch)
        let fresh = task.evaluate(net)
        #expect(first == second && first == fresh)
    }

    @Test func concurrentEvaluationsAgree() async {
        let task = DoublePoleTask()
        let nets = [S.lqrWeights, S.lqrWeights.map { $0 * 0.7 }, S.lqrWeights.map { $0 * 1.3 }].map { S.linearNetwork($0) }
        let serial = nets.map { task.evaluate($0).fitness }
        let parallel = await withTaskGroup(of: (Int, Double).self) { group in
            for (i, n) in nets.enumerated() { group.addTask { (i, task.evaluate(n).fitness) } }
            var out = [Double](repeating: -1, count: nets.count)
            for await (i, f) in group { out[i] = f }
            return out
        }
        #expect(serial == parallel)
    }
}
