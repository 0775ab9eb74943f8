/// Splits a connection with a new node: the old gene is disabled, in → new gets
/// weight 1, new → out gets the old weight (the paper's add-node mutation).
public struct AddNodeMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        let ci: Int
        if config.semantics == .paper {
            guard let c = paperChoice(genome, config: config, rng: &rng) else { return false }
            ci = c
        } else {
            // neat-python picks among all genes.
            guard !genome.connections.isEmpty else {
                if config.structuralMutationSurer {
                    return AddConnectionMutation().mutate(&genome, config: config, tracker: &tracker, rng: &rng)
                }
                return false
            }
            ci = rng.nextInt(below: genome.connections.count)
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

    /// The gene the paper mode splits, as NEAT's reference `mutate_add_node` picks it
    /// (nil: the mutation does nothing this time). Never a gene from the bias input.
    /// Genomes with fewer than 15 genes favour the oldest genes, "to avoid a chaining
    /// effect": start at the first enabled non-bias gene and move on with probability
    /// 0.3 per gene (skipping bias genes); landing on a disabled gene or running off the
    /// end gives up. Larger genomes: up to 20 uniform draws for an enabled non-bias gene.
    func paperChoice<R: RandomNumberGenerator>(_ genome: Genome, config: NEATConfig, rng: inout R) -> Int? {
        let genes = genome.connections
        let bias = config.biasInput.map { -1 - $0 }
        if genes.count < 15 {
            var i = 0
            while i < genes.count && (!genes[i].enabled || genes[i].from == bias) { i += 1 }
            while i < genes.count && (rng.nextUnit() < 0.3 || genes[i].from == bias) { i += 1 }
            return i < genes.count && genes[i].enabled ? i : nil
        }
        for _ in 0..<20 {
            let i = rng.nextInt(below: genes.count)
            if genes[i].enabled && genes[i].from != bias { return i }
        }
        return nil
    }
}
