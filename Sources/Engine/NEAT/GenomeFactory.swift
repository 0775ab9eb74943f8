/// Builds the initial population's genomes per `config.initialConnection`.
///
/// All genomes share the initial structure and its innovation numbers (so the
/// first generation forms one species in the paper's setup); weights, biases and
/// responses are drawn per genome.
public struct GenomeFactory: Sendable {
    public let config: NEATConfig

    public init(config: NEATConfig) { self.config = config }

    /// The tracker positioned after the initial structure's ids and innovations.
    public func makeTracker() -> InnovationTracker {
        InnovationTracker(nextInnovation: 0, nextNodeID: config.numOutputs + config.numHidden)
    }

    public func makeGenome<R: RandomNumberGenerator>(id: Int, tracker: inout InnovationTracker, rng: inout R) -> Genome {
        var nodes = [NodeGene]()
        for n in 0..<(config.numOutputs + config.numHidden) {
            let bias = config.semantics == .paper ? config.bias.initMean : config.bias.initValue(using: &rng)
            let response = config.semantics == .paper ? config.response.initMean : config.response.initValue(using: &rng)
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
            pairs = fullPairs(inputs: inputs, hidden: hidden, outputs: outputs, direct: false).filter { _ in rng.nextUnit() < p }
        case .partialDirect(let p):
            pairs = fullPairs(inputs: inputs, hidden: hidden, outputs: outputs, direct: true).filter { _ in rng.nextUnit() < p }
        }
        var connections = [ConnectionGene]()
        for (from, to) in pairs {
            let innovation = tracker.connectionInnovation(from: from, to: to)
            let weight = config.weight.initValue(using: &rng)
            connections.append(ConnectionGene(innovation: innovation, from: from, to: to, weight: weight, enabled: config.enabledDefault))
        }
        return Genome(id: id, numInputs: config.numInputs, numOutputs: config.numOutputs, nodes: nodes, connections: connections)
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
