/// Adds a connection between two unconnected nodes, feed-forward only: never a
/// cycle (disabled genes count, so re-enabling one can never close a cycle), never
/// into an input, never output → output. Each algorithm's schedule sets how hard it
/// tries and which nodes may be sources.
public struct AddConnectionMutation: MutationStrategy {
    /// How many random (source, target) pairs it draws before giving up.
    public var attempts: Int
    /// Whether output nodes may be sources (the paper: yes; neat-python 2.0: inputs and
    /// hidden nodes only).
    public var outputsAreSources: Bool
    /// Whether drawing a pair already linked by a disabled gene re-enables that gene and
    /// ends the mutation (neat-python's `structural_mutation_surer`), instead of drawing again.
    public var reenablesExisting: Bool

    public init(attempts: Int = 20, outputsAreSources: Bool = true, reenablesExisting: Bool = false) {
        self.attempts = attempts
        self.outputsAreSources = outputsAreSources
        self.reenablesExisting = reenablesExisting
    }

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        // Targets: every node; sources: the inputs, then the nodes that may be sources.
        // `nodes` is sorted by id, so those are one suffix of it.
        let targetCount = genome.nodes.count
        guard targetCount > 0 else { return false }
        var firstSource = 0
        if !outputsAreSources {
            while firstSource < targetCount && genome.nodes[firstSource].id < genome.numOutputs { firstSource += 1 }
        }
        let sourcesCount = genome.numInputs + (targetCount - firstSource)
        for _ in 0..<attempts {
            let to = genome.nodes[rng.nextInt(below: targetCount)].id
            let s = rng.nextInt(below: sourcesCount)
            let from = s < genome.numInputs ? -1 - s : genome.nodes[firstSource + s - genome.numInputs].id
            if let idx = genome.connections.firstIndex(where: { $0.from == from && $0.to == to }) {
                if reenablesExisting && !genome.connections[idx].enabled {
                    genome.connections[idx].enabled = true
                    return true
                }
                continue
            }
            if from >= 0 && from < genome.numOutputs && to < genome.numOutputs { continue }
            if genome.createsCycle(from: from, to: to) { continue }
            let innovation = tracker.connectionInnovation(from: from, to: to)
            let weight = config.weight.initValue(using: &rng)
            genome.insertConnection(ConnectionGene(innovation: innovation, from: from, to: to, weight: weight, enabled: true))
            return true
        }
        return false
    }
}
