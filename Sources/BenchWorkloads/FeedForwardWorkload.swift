import Engine

/// 64 fixed input vectors through one compiled network, as single calls or in
/// batches: the kernel every task and the inference server run.
final class FeedForwardWorkload: Workload {
    /// The network shapes the tasks produce: dense (a fresh duel genome) and sparse
    /// with hidden nodes (an evolved one).
    enum Shape {
        case dense, sparseHidden
    }

    static let vectors = 64
    let network: CompiledNetwork
    let batch: Int
    let inputs: UnsafeMutablePointer<Float>
    let outputs: UnsafeMutablePointer<Float>
    let scratch: UnsafeMutablePointer<Float>

    init(shape: Shape, batch: Int) {
        precondition(batch >= 1 && Self.vectors % batch == 0, "the batch size must divide \(Self.vectors), got \(batch)")
        let genome = switch shape {
        case .dense: FeedForwardBenchmark.denseGenome(inputs: 100, outputs: 3, hidden: 0, seed: 1)
        case .sparseHidden: Self.sparseHiddenGenome(inputs: 100, hidden: 8, outputs: 3, seed: 3)
        }
        network = CompiledNetwork(genome)
        self.batch = batch
        inputs = .allocate(capacity: Self.vectors * network.inputCount)
        outputs = .allocate(capacity: Self.vectors * network.outputCount)
        scratch = .allocate(capacity: max(network.scratchCount, network.batchScratchCount))
        var rng = Xoshiro256(seed: 99)
        for i in 0..<(Self.vectors * network.inputCount) { inputs[i] = Float(rng.nextUniform(-1, 1)) }
    }

    deinit {
        inputs.deallocate()
        outputs.deallocate()
        scratch.deallocate()
    }

    func run() -> UInt64 {
        let n = network, width = n.inputCount, outs = n.outputCount
        if batch == 1 {
            for r in 0..<Self.vectors {
                n.evaluate(inputs: inputs + r * width, outputs: outputs + r * outs, scratch: scratch)
            }
        } else {
            for r in stride(from: 0, to: Self.vectors, by: batch) {
                n.evaluateBatch(inputs: inputs + r * width, count: batch, outputs: outputs + r * outs, scratch: scratch)
            }
        }
        var sum = checksumSeed
        for i in 0..<(Self.vectors * outs) { mix(&sum, UInt64(outputs[i].bitPattern)) }
        return sum
    }

    /// A sparse genome with a hidden layer: each input reaches each hidden node with
    /// probability 1/4 and each output directly with probability 1/10; every hidden
    /// node feeds every output. Weights and biases come from `seed`.
    static func sparseHiddenGenome(inputs: Int, hidden: Int, outputs: Int, seed: UInt64) -> Genome {
        var rng = Xoshiro256(seed: seed)
        let nodes = (0..<(outputs + hidden)).map { NodeGene(id: $0, activation: .sigmoid, bias: rng.nextGaussian()) }
        var connections = [ConnectionGene]()
        func link(_ from: Int, _ to: Int) {
            connections.append(ConnectionGene(innovation: connections.count, from: from, to: to, weight: rng.nextGaussian()))
        }
        for h in 0..<hidden { for i in 0..<inputs where rng.nextUnit() < 0.25 { link(-1 - i, outputs + h) } }
        for o in 0..<outputs { for i in 0..<inputs where rng.nextUnit() < 0.1 { link(-1 - i, o) } }
        for o in 0..<outputs { for h in 0..<hidden { link(outputs + h, o) } }
        return Genome(id: 0, numInputs: inputs, numOutputs: outputs, nodes: nodes, connections: connections)
    }
}
