/// Adds a connection between two unconnected nodes, feed-forward only: never a
/// cycle (disabled genes count, so re-enabling one can never close a cycle).
public struct AddConnectionMutation: MutationStrategy {
    /// How many random pairs the paper mode tries before giving up.
    public var attempts: Int

    public init(attempts: Int = 20) { self.attempts = attempts }

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        // Targets: every node; sources: the inputs, then the nodes (neat-python 2.0:
        // inputs and hidden nodes only, never an output). `nodes` is sorted by id, so
        // the nodes that may be sources are one suffix of it.
        let targetCount = genome.nodes.count
        guard targetCount > 0 else { return false }
        var firstSource = 0
        if config.semantics == .neatPython {
            while firstSource < targetCount && genome.nodes[firstSource].id < genome.numOutputs { firstSource += 1 }
        }
        let sourcesCount = genome.numInputs + (targetCount - firstSource)
        // neat-python tries one random pair; the paper keeps trying until it finds a new link.
        let tries = config.semantics == .neatPython ? 1 : attempts
        for _ in 0..<tries {
            let to = genome.nodes[rng.nextInt(below: targetCount)].id
            let s = rng.nextInt(below: sourcesCount)
            let from = s < genome.numInputs ? -1 - s : genome.nodes[firstSource + s - genome.numInputs].id
            if let idx = genome.connections.firstIndex(where: { $0.from == from && $0.to == to }) {
                if config.semantics == .neatPython {
                    if config.structuralMutationSurer && !genome.connections[idx].enabled {
                        genome.connections[idx].enabled = true
                        return true
                    }
                    return false
                }
                continue
            }
            // neat-python forbids output→output links; both forbid cycles.
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
