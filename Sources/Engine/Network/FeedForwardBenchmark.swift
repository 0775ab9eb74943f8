/// Measures the compiled network: ns per vector for single calls and batches of 8,
/// optionally against a reference kernel timed in the same run.
public struct FeedForwardBenchmark: Sendable {
    public let network: CompiledNetwork

    public struct Result: Sendable {
        public var connections: Int
        /// Median over the rounds of ns per vector.
        public var nsPerVectorSingle: Double
        public var nsPerVectorBatch8: Double
        /// The reference's figures and our time over the reference's (median of each
        /// round's ratio); nil without a reference.
        public var reference: ReferenceFigures?
    }

    /// The reference kernel's figures beside ours.
    public struct ReferenceFigures: Sendable {
        public var nsPerVectorSingle: Double
        public var nsPerVectorBatch8: Double
        public var ratioSingle: Double
        public var ratioBatch8: Double
        /// Largest absolute difference between the reference's outputs and ours over
        /// the benchmark's vectors (it may reassociate sums, so not exactly 0).
        public var maxDifference: Float
    }

    /// A kernel to compare with: evaluates `rows` vectors of `inputCount` floats
    /// (row-major) into `rows × outputCount` floats; it must compute this network.
    public typealias ReferenceKernel = (_ inputs: UnsafePointer<Float>, _ rows: Int, _ outputs: UnsafeMutablePointer<Float>) -> Void

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

    /// A genome shaped like the duel's: each input → output connection present with
    /// probability `density` (the duel starts at 0.1; at least one per output), then
    /// `grown` hidden nodes added the way NEAT's add-node mutation does (a random
    /// enabled connection split in two, the old one disabled), each of which then
    /// gains inputs with probability `density` (add-connection mutations).
    public static func sparseGenome(inputs: Int, outputs: Int, density: Double, grown: Int, seed: UInt64) -> Genome {
        var rng = Xoshiro256(seed: seed)
        var nodes = (0..<outputs).map { NodeGene(id: $0, activation: .sigmoid, bias: rng.nextGaussian()) }
        var connections = [ConnectionGene]()
        func link(_ from: Int, _ to: Int, _ weight: Double) {
            connections.append(ConnectionGene(innovation: connections.count, from: from, to: to, weight: weight))
        }
        for o in 0..<outputs {
            let first = rng.nextInt(below: inputs)
            for i in 0..<inputs where i == first || rng.nextUnit() < density { link(-1 - i, o, rng.nextGaussian() * 0.3) }
        }
        for h in 0..<grown {
            let id = outputs + h
            nodes.append(NodeGene(id: id, activation: .sigmoid, bias: rng.nextGaussian()))
            let enabled = connections.indices.filter { connections[$0].enabled }
            let split = enabled[rng.nextInt(below: enabled.count)]
            connections[split].enabled = false
            let old = connections[split]
            link(old.from, id, 1)
            link(id, old.to, old.weight)
            for i in 0..<inputs where -1 - i != old.from && rng.nextUnit() < density { link(-1 - i, id, rng.nextGaussian() * 0.3) }
        }
        return Genome(id: 0, numInputs: inputs, numOutputs: outputs, nodes: nodes, connections: connections)
    }

    /// Times single calls and batches of 8 for `seconds` each, in `rounds` slices;
    /// with `reference`, each slice of ours is followed (or, every other round,
    /// preceded) by the same slice of the reference, so both see the same machine load.
    public func run(seconds: Double, clock: some NanoClock = SystemClock(), rounds: Int = 1,
                    reference: ReferenceKernel? = nil) -> Result {
        let n = network
        let vectors = 64
        var rng = Xoshiro256(seed: 99)
        let inputs = UnsafeMutablePointer<Float>.allocate(capacity: vectors * n.inputCount)
        for i in 0..<(vectors * n.inputCount) { inputs[i] = Float(rng.nextUniform(-1, 1)) }
        let outputs = UnsafeMutablePointer<Float>.allocate(capacity: vectors * n.outputCount)
        let referenceOutputs = UnsafeMutablePointer<Float>.allocate(capacity: vectors * n.outputCount)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: max(n.scratchCount, n.batchScratchCount))
        defer { inputs.deallocate(); outputs.deallocate(); referenceOutputs.deallocate(); scratch.deallocate() }
        var sink: Float = 0
        let slice = seconds / Double(max(1, rounds))
        func measure(_ body: () -> Int) -> Double {
            _ = body()  // warm up
            let budget = UInt64(slice * 1e9)
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
        let single = {
            for r in 0..<vectors {
                n.evaluate(inputs: inputs + r * n.inputCount, outputs: outputs + r * n.outputCount, scratch: scratch)
            }
            sink += outputs[0]
            return vectors
        }
        let batch = {
            for r in stride(from: 0, to: vectors, by: 8) {
                n.evaluateBatch(inputs: inputs + r * n.inputCount, count: 8, outputs: outputs + r * n.outputCount, scratch: scratch)
            }
            sink += outputs[0]
            return vectors
        }
        var ours: [(Double, Double)] = [], theirs: [(Double, Double)] = []
        for round in 0..<max(1, rounds) {
            guard let reference else { ours.append((measure(single), measure(batch))); continue }
            let referenceSingle = {
                for r in 0..<vectors { reference(inputs + r * n.inputCount, 1, referenceOutputs + r * n.outputCount) }
                sink += referenceOutputs[0]
                return vectors
            }
            let referenceBatch = {
                for r in stride(from: 0, to: vectors, by: 8) { reference(inputs + r * n.inputCount, 8, referenceOutputs + r * n.outputCount) }
                sink += referenceOutputs[0]
                return vectors
            }
            if round % 2 == 0 {
                let s = measure(single), rs = measure(referenceSingle), b = measure(batch), rb = measure(referenceBatch)
                ours.append((s, b)); theirs.append((rs, rb))
            } else {
                let rs = measure(referenceSingle), s = measure(single), rb = measure(referenceBatch), b = measure(batch)
                ours.append((s, b)); theirs.append((rs, rb))
            }
        }
        if sink.isNaN { print("") }  // keep the work observable
        var result = Result(connections: n.connectionCount, nsPerVectorSingle: Self.median(ours.map(\.0)),
                            nsPerVectorBatch8: Self.median(ours.map(\.1)))
        if let reference {
            reference(inputs, vectors, referenceOutputs)
            _ = batch()
            var difference: Float = 0
            for i in 0..<(vectors * n.outputCount) { difference = max(difference, abs(outputs[i] - referenceOutputs[i])) }
            result.reference = ReferenceFigures(
                nsPerVectorSingle: Self.median(theirs.map(\.0)), nsPerVectorBatch8: Self.median(theirs.map(\.1)),
                ratioSingle: Self.median(zip(ours, theirs).map { $0.0 / $1.0 }),
                ratioBatch8: Self.median(zip(ours, theirs).map { $0.1 / $1.1 }), maxDifference: difference)
        }
        return result
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
