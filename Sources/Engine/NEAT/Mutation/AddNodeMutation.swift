/// Splits a connection with a new node: the old gene is disabled, in → new gets
/// weight 1, new → out gets the old weight (the paper's add-node mutation).
public struct AddNodeMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        // The paper splits an enabled gene; neat-python picks among all genes.
        // (Candidates are counted, then the chosen one found, without building a list.)
        let paper = config.semantics == .paper
        let candidateCount = paper ? genome.enabledConnectionCount : genome.connections.count
        guard candidateCount > 0 else {
            if config.semantics == .neatPython && config.structuralMutationSurer {
                return AddConnectionMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
            }
            return false
        }
        var ci = rng.nextInt(below: candidateCount)
        if paper {
            var seen = -1, i = 0
            while true {
                if genome.connections[i].enabled { seen += 1; if seen == ci { break } }
                i += 1
            }
            ci = i
        }
        let old = genome.connections[ci]
        genome.connections[ci].enabled = false
        var split: InnovationTracker.Split
        if config.semantics == .neatPython {
            // neat-python gives every split a node of its own (its global node indexer).
            split = .init(nodeID: tracker.freshNodeID(), inInnovation: tracker.freshInnovation(), outInnovation: tracker.freshInnovation())
        } else {
            // The paper: genomes that split the same gene this generation share the node.
            split = tracker.split(innovation: old.innovation, from: old.from, to: old.to)
            if genome.nodeIndex(split.nodeID) != nil {
                // This genome already split this connection earlier in the generation
                // (possible only after re-enabling it): give it a node of its own.
                split = .init(nodeID: tracker.freshNodeID(), inInnovation: tracker.freshInnovation(), outInnovation: tracker.freshInnovation())
            }
        }
        let inInnovation = split.inInnovation, outInnovation = split.outInnovation
        // neat-python 2.0 zeroes the new node's bias so the split starts neutral.
        let bias = config.semantics == .neatPython ? 0 : config.bias.initMean
        let response = config.semantics == .neatPython ? config.response.initValue(using: &rng) : config.response.initMean
        genome.insertNode(NodeGene(id: split.nodeID, activation: config.activationDefault, aggregation: config.aggregationDefault,
                                   bias: bias, response: response))
        genome.insertConnection(ConnectionGene(innovation: inInnovation, from: old.from, to: split.nodeID, weight: 1, enabled: true))
        genome.insertConnection(ConnectionGene(innovation: outInnovation, from: split.nodeID, to: old.to, weight: old.weight, enabled: true))
        return true
    }
}
