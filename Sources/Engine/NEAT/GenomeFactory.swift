/// Builds the initial population's genomes per `config.initialConnection`.
///
/// All genomes share the initial structure and its innovation numbers (so the
/// first generation forms one species in the paper's setup); weights, biases and
/// responses are drawn per genome.
public struct GenomeFactory: Sendable {
    /// How a new genome's nodes get their bias and response.
    public enum NodeAttributes: Sendable {
        /// The configured means (`bias.initMean`, `response.initMean`): the paper's constants.
        case mean
        /// Drawn from their initial distributions (neat-python).
        case drawn
    }

    public let config: NEATConfig
    public let nodeAttributes: NodeAttributes

    public init(config: NEATConfig, nodeAttributes: NodeAttributes) {
        self.config = config
        self.nodeAttributes = nodeAttributes
    }

    /// The tracker positioned after the initial structure's ids and innovations.
    public func makeTracker() -> InnovationTracker {
        InnovationTracker(nextInnovation: 0, nextNodeID: config.numOutputs + config.numHidden)
    }

    public func makeGenome<R: RandomNumberGenerator>(id: Int, tracker: inout InnovationTracker, rng: inout R) -> Genome {
        var nodes = [NodeGene]()
        for n in 0..<(config.numOutputs + config.numHidden) {
            let drawn = nodeAttributes == .drawn
            let bias = drawn ? config.bias.initValue(using: &rng) : config.bias.initMean
            let response = drawn ? config.response.initValue(using: &rng) : config.response.initMean
            nodes.append(NodeGene(id: n, activation: config.activationDefault, aggregation: config.aggregationDefault, bias: bias, response: response))
        }
        let inputs = (0..<config.numInputs).map { -1 - $0 }
        let outputs = Array(0..<config.numOutputs)
        let hidden = Array(config.numOutputs..<(config.numOutputs + config.numHidden))
        var pairs = [(Int, Int)]()
        switch config.initialConnection {
        case .unconnected:
            break
        case .fsNEATNoHidden:
            let i = inputs[rng.nextInt(below: inputs.count)]
            for o in outputs { pairs.append((i, o)) }
        case .fsNEATHidden:
            let i = inputs[rng.nextInt(below: inputs.count)]
            for o in hidden + outputs { pairs.append((i, o)) }
        case .fullNoDirect:
            pairs = fullPairs(inputs: inputs, hidden: hidden, outputs: outputs, direct: false)
        case .fullDirect:
            pairs = fullPairs(inputs: inputs, hidden: hidden, outputs: outputs, direct: true)
        case .partialNoDirect(let p):
            pairs = partial(fullPairs(inputs: inputs, hidden: hidden, outputs: outputs, direct: false), fraction: p, rng: &rng)
        case .partialDirect(let p):
            pairs = partial(fullPairs(inputs: inputs, hidden: hidden, outputs: outputs, direct: true), fraction: p, rng: &rng)
        }
        var connections = [ConnectionGene]()
        for (from, to) in pairs {
            let innovation = tracker.connectionInnovation(from: from, to: to)
            let weight = config.weight.initValue(using: &rng)
            connections.append(ConnectionGene(innovation: innovation, from: from, to: to, weight: weight, enabled: config.enabledDefault))
        }
        return Genome(id: id, numInputs: config.numInputs, numOutputs: config.numOutputs, nodes: nodes, connections: connections)
    }

    /// neat-python's partial connection: a random subset of exactly round(n·fraction)
    /// of `all` (Python's round, halves to even), kept in `all`'s order.
    private func partial<R: RandomNumberGenerator>(_ all: [(Int, Int)], fraction: Double, rng: inout R) -> [(Int, Int)] {
        var order = Array(all.indices)
        // Fisher–Yates with the injected generator, so runs are reproducible everywhere.
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.nextInt(below: i + 1)) }
        let n = Int((Double(all.count) * fraction).rounded(.toNearestOrEven))
        return order.prefix(n).sorted().map { all[$0] }
    }

    /// neat-python's full connection: inputs → hidden → outputs, plus inputs →
    /// outputs when `direct` or when there are no hidden nodes.
    private func fullPairs(inputs: [Int], hidden: [Int], outputs: [Int], direct: Bool) -> [(Int, Int)] {
        var pairs = [(Int, Int)]()
        for i in inputs { for h in hidden { pairs.append((i, h)) } }
        for h in hidden { for o in outputs { pairs.append((h, o)) } }
        if direct || hidden.isEmpty { for i in inputs { for o in outputs { pairs.append((i, o)) } } }
        return pairs
    }
}
