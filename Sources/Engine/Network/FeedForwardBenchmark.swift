/// Measures the compiled network: ns per vector for single calls and batches of 8.
public struct FeedForwardBenchmark: Sendable {
    public let network: CompiledNetwork

    public struct Result: Sendable {
        public var connections: Int
        public var nsPerVectorSingle: Double
        public var nsPerVectorBatch8: Double
    }

    public init(genome: Genome) { network = CompiledNetwork(genome) }

    /// A dense genome: every input to every hidden node (or output), every hidden to every output.
    public static func denseGenome(inputs: Int, outputs: Int, hidden: Int, seed: UInt64) -> Genome {
        var rng = Xoshiro256(seed: seed)
        var nodes = (0..<outputs).map { NodeGene(id: $0, activation: .sigmoid, bias: rng.nextGaussian()) }
        var connections = [ConnectionGene]()
        var innovation = 0
        func link(_ from: Int, _ to: Int) {
            connections.append(ConnectionGene(innovation: innovation, from: from, to: to, weight: rng.nextGaussian() * 0.3))
            innovation += 1
        }
        if hidden == 0 {
            for o in 0..<outputs { for i in 0..<inputs { link(-1 - i, o) } }
        } else {
            for h in 0..<hidden { nodes.append(NodeGene(id: outputs + h, activation: .sigmoid, bias: rng.nextGaussian())) }
            for h in 0..<hidden { for i in 0..<inputs { link(-1 - i, outputs + h) } }
            for o in 0..<outputs { for h in 0..<hidden { link(outputs + h, o) } }
        }
        return Genome(id: 0, numInputs: inputs, numOutputs: outputs, nodes: nodes, connections: connections)
    }

    public func run(seconds: Double, clock: some NanoClock = SystemClock()) -> Result {
        let n = network
        let vectors = 64
        var rng = Xoshiro256(seed: 99)
        let inputs = UnsafeMutablePointer<Float>.allocate(capacity: vectors * n.inputCount)
        for i in 0..<(vectors * n.inputCount) { inputs[i] = Float(rng.nextUniform(-1, 1)) }
        let outputs = UnsafeMutablePointer<Float>.allocate(capacity: vectors * n.outputCount)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: max(n.scratchCount, n.batchScratchCount))
        defer { inputs.deallocate(); outputs.deallocate(); scratch.deallocate() }
        var sink: Float = 0
        func measure(_ body: () -> Int) -> Double {
            _ = body()  // warm up
            let budget = UInt64(seconds * 1e9)
            let start = clock.nanoseconds()
            var done = 0
            var now = start
            while now - start < budget {
                // The clock is read every 8 rounds (a CPU-time clock is a system call).
                for _ in 0..<8 { done += body() }
                now = clock.nanoseconds()
            }
            return Double(now - start) / Double(done)
        }
        let single = measure {
            for r in 0..<vectors {
                n.evaluate(inputs: inputs + r * n.inputCount, outputs: outputs + r * n.outputCount, scratch: scratch)
            }
            sink += outputs[0]
            return vectors
        }
        let batch = measure {
            for r in stride(from: 0, to: vectors, by: 8) {
                n.evaluateBatch(inputs: inputs + r * n.inputCount, count: 8, outputs: outputs + r * n.outputCount, scratch: scratch)
            }
            sink += outputs[0]
            return vectors
        }
        if sink.isNaN { print("") }  // keep the work observable
        return Result(connections: n.connectionCount, nsPerVectorSingle: single, nsPerVectorBatch8: batch)
    }
}
