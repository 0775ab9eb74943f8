/// Crossover aligned by innovation number (paper §3.2): matching genes come from
/// either parent at random, disjoint and excess genes from the fitter parent, and
/// a gene disabled in either parent stays disabled with probability
/// `config.disabledGeneInheritProbability` (0.75).
///
/// Paper: a matching gene is taken whole from one parent. neat-python: each
/// attribute of a matching gene (weight, enabled; a node's bias, response,
/// activation, aggregation) is drawn from either parent independently.
///
/// The child's structure is the fitter parent's, so it stays acyclic.
public struct Crossover: Sendable {
    public init() {}

    /// - Parameters: `a`, `b` evaluated parents; on equal fitness `a` is taken as the fitter.
    public func cross<R: RandomNumberGenerator>(_ a: Genome, _ b: Genome, childID: Int, config: NEATConfig, rng: inout R) -> Genome {
        let fa = a.fitness ?? -.infinity, fb = b.fitness ?? -.infinity
        let (fit, other) = fb > fa ? (b, a) : (a, b)
        // neat-python's fair coin flips (which parent an attribute comes from) are the
        // bits of one 64-bit draw, lowest first: 64 flips per draw instead of one.
        var coins: UInt64 = 0, coinsLeft = 0
        @inline(__always) func flip() -> Bool {
            if coinsLeft == 0 { coins = rng.next(); coinsLeft = 64 }
            let heads = coins & 1 == 0
            coins >>= 1; coinsLeft -= 1
            return heads
        }
        var connections = [ConnectionGene]()
        connections.reserveCapacity(fit.connections.count + 2)  // room for an add-node or add-connection mutation
        var j = 0
        for g in fit.connections {
            while j < other.connections.count && other.connections[j].innovation < g.innovation { j += 1 }
            if j < other.connections.count && other.connections[j].innovation == g.innovation {
                let o = other.connections[j]
                var child: ConnectionGene
                switch config.semantics {
                case .paper:
                    child = rng.nextUnit() < 0.5 ? g : o
                    // Keep the fitter parent's endpoints (identical for a shared innovation).
                    child.from = g.from
                    child.to = g.to
                    // Disabled with exactly this probability when disabled in either parent.
                    if !g.enabled || !o.enabled {
                        child.enabled = !(rng.nextUnit() < config.disabledGeneInheritProbability)
                    } else {
                        child.enabled = true
                    }
                case .neatPython:
                    // genes.py BaseGene.crossover: each attribute (weight, enabled) comes from
                    // either parent on its own draw; then a gene disabled in either parent is
                    // disabled with this probability, otherwise keeps the flag it inherited.
                    child = g
                    child.weight = flip() ? g.weight : o.weight
                    child.enabled = flip() ? g.enabled : o.enabled
                    if !g.enabled || !o.enabled, rng.nextUnit() < config.disabledGeneInheritProbability {
                        child.enabled = false
                    }
                }
                connections.append(child)
            } else {
                connections.append(g)
            }
        }
        var nodes = [NodeGene]()
        nodes.reserveCapacity(fit.nodes.count + 1)
        for n in fit.nodes {
            guard let k = other.nodeIndex(n.id) else { nodes.append(n); continue }
            let o = other.nodes[k]
            switch config.semantics {
            case .paper:
                nodes.append(rng.nextUnit() < 0.5 ? o : n)
            case .neatPython:
                // Each attribute on its own draw, as for connections.
                var child = n
                child.bias = flip() ? n.bias : o.bias
                child.response = flip() ? n.response : o.response
                child.activation = flip() ? n.activation : o.activation
                child.aggregation = flip() ? n.aggregation : o.aggregation
                nodes.append(child)
            }
        }
        // Both lists follow the fitter parent's order, which is already sorted.
        return Genome(id: childID, numInputs: fit.numInputs, numOutputs: fit.numOutputs, sortedNodes: nodes, sortedConnections: connections)
    }
}
