/// The paper's add-node mutation, choosing the gene to split as NEAT's reference
/// implementation does: the gene is disabled, in → new node gets weight 1, new node →
/// out the old weight. Genomes that split the same gene in one generation get the
/// same node and innovations; the new node has the configured mean bias and response.
public struct PaperAddNodeMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        guard let index = choice(genome, config: config, rng: &rng) else { return false }
        let old = genome.connections[index]
        var split = tracker.split(innovation: old.innovation, from: old.from, to: old.to)
        if genome.nodeIndex(split.nodeID) != nil {
            // This genome already split this connection earlier in the generation
            // (possible only after re-enabling it): give it a node of its own.
            split = tracker.freshSplit()
        }
        genome.split(connectionAt: index, by: split, node: NodeGene(id: split.nodeID, activation: config.activationDefault,
                                                                   aggregation: config.aggregationDefault,
                                                                   bias: config.bias.initMean, response: config.response.initMean))
        return true
    }

    /// The gene to split, as NEAT's reference `mutate_add_node` picks it (nil: the
    /// mutation does nothing this time). Never a gene from the bias input. Genomes with
    /// fewer than 15 genes favour the oldest genes, "to avoid a chaining effect": start
    /// at the first enabled non-bias gene and move on with probability 0.3 per gene
    /// (skipping bias genes); landing on a disabled gene or running off the end gives
    /// up. Larger genomes: up to 20 uniform draws for an enabled non-bias gene.
    func choice<R: RandomNumberGenerator>(_ genome: Genome, config: NEATConfig, rng: inout R) -> Int? {
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
