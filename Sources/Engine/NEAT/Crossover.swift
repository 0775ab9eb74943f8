/// Crossover aligned by innovation number (paper §3.2): matching genes come from
/// either parent at random, disjoint and excess genes from the fitter parent, and
/// a gene disabled in either parent stays disabled with probability
/// `config.disabledGeneInheritProbability` (0.75).
///
/// The child's structure is the fitter parent's, so it stays acyclic.
public struct Crossover: Sendable {
    public init() {}

    /// - Parameters: `a`, `b` evaluated parents; on equal fitness `a` is taken as the fitter.
    public func cross<R: RandomNumberGenerator>(_ a: Genome, _ b: Genome, childID: Int, config: NEATConfig, rng: inout R) -> Genome {
        let fa = a.fitness ?? -.infinity, fb = b.fitness ?? -.infinity
        let (fit, other) = fb > fa ? (b, a) : (a, b)
        var connections = [ConnectionGene]()
        connections.reserveCapacity(fit.connections.count + 2)  // room for an add-node or add-connection mutation
        var j = 0
        for g in fit.connections {
            while j < other.connections.count && other.connections[j].innovation < g.innovation { j += 1 }
            if j < other.connections.count && other.connections[j].innovation == g.innovation {
                let o = other.connections[j]
                var child = rng.nextUnit() < 0.5 ? g : o
                // Keep the fitter parent's endpoints (identical for a shared innovation).
                child.from = g.from
                child.to = g.to
                if !g.enabled || !o.enabled {
                    let disable = rng.nextUnit() < config.disabledGeneInheritProbability
                    // Paper: disabled with exactly this probability. neat-python (genes.py
                    // BaseGene.crossover): otherwise the flag stays the one inherited at random.
                    child.enabled = config.semantics == .neatPython ? (child.enabled && !disable) : !disable
                } else {
                    child.enabled = true
                }
                connections.append(child)
            } else {
                connections.append(g)
            }
        }
        var nodes = [NodeGene]()
        nodes.reserveCapacity(fit.nodes.count + 1)
        for n in fit.nodes {
            if let k = other.nodeIndex(n.id), rng.nextUnit() < 0.5 {
                nodes.append(other.nodes[k])
            } else {
                nodes.append(n)
            }
        }
        // Both lists follow the fitter parent's order, which is already sorted.
        return Genome(id: childID, numInputs: fit.numInputs, numOutputs: fit.numOutputs, sortedNodes: nodes, sortedConnections: connections)
    }
}
