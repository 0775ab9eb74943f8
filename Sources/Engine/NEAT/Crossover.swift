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
        var fresh = GenomeRecycler()
        return cross(a, b, childID: childID, config: config, recycler: &fresh, rng: &rng)
    }

    /// `cross(_:_:childID:config:rng:)` writing the child into storage from
    /// `recycler` (the same child, the same draws).
    @inline(__always)
    public func cross<R: RandomNumberGenerator>(_ a: Genome, _ b: Genome, childID: Int, config: NEATConfig,
                                               recycler: inout GenomeRecycler, rng: inout R) -> Genome {
        a.withView { va in b.withView { vb in cross(va, vb, childID: childID, config: config, recycler: &recycler, rng: &rng) } }
    }

    /// `cross(_:_:childID:config:recycler:rng:)` for parents given as views of their
    /// genes (the same child, the same draws): breeding from views retains nothing.
    @inline(__always)
    public func cross<R: RandomNumberGenerator>(_ a: GenomeView, _ b: GenomeView, childID: Int, config: NEATConfig,
                                               recycler: inout GenomeRecycler, rng: inout R) -> Genome {
        let fa = a.fitness ?? -.infinity, fb = b.fitness ?? -.infinity
        if fb > fa { return build(fit: b, other: a, childID: childID, config: config, recycler: &recycler, rng: &rng) }
        return build(fit: a, other: b, childID: childID, config: config, recycler: &recycler, rng: &rng)
    }

    /// The child: the fitter parent's genes (so its structure and order), then every
    /// gene that matches one of the other parent's gets its attributes drawn.
    @inline(__always)
    private func build<R: RandomNumberGenerator>(fit: GenomeView, other: GenomeView, childID: Int, config: NEATConfig,
                                                recycler: inout GenomeRecycler, rng: inout R) -> Genome {
        // neat-python's fair coin flips (which parent an attribute comes from) are the
        // bits of one 64-bit draw, lowest first: 64 flips per draw instead of one.
        var coins: UInt64 = 0, coinsLeft = 0
        @inline(__always) func flip() -> Bool {
            if coinsLeft == 0 { coins = rng.next(); coinsLeft = 64 }
            let heads = coins & 1 == 0
            coins >>= 1; coinsLeft -= 1
            return heads
        }
        // Room for an add-node or add-connection mutation.
        var (nodes, connections) = recycler.take(nodes: fit.nodes.count + 1, connections: fit.connections.count + 2)
        connections.append(contentsOf: fit.connections)
        nodes.append(contentsOf: fit.nodes)
        let semantics = config.semantics, disableProbability = config.disabledGeneInheritProbability
        connections.withUnsafeMutableBufferPointer { cs in
            let oc = other.connections
            var j = 0
            let no = oc.count
            for i in 0..<cs.count {
                let g = cs[i]
                while j < no && oc[j].innovation < g.innovation { j += 1 }
                guard j < no && oc[j].innovation == g.innovation else { continue }
                let o = oc[j]
                var child: ConnectionGene
                switch semantics {
                case .paper:
                    child = rng.nextUnit() < 0.5 ? g : o
                    // Keep the fitter parent's endpoints (identical for a shared innovation).
                    child.from = g.from
                    child.to = g.to
                    // Disabled with exactly this probability when disabled in either parent.
                    if !g.enabled || !o.enabled {
                        child.enabled = !(rng.nextUnit() < disableProbability)
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
                    if !g.enabled || !o.enabled, rng.nextUnit() < disableProbability {
                        child.enabled = false
                    }
                }
                cs[i] = child
            }
        }
        nodes.withUnsafeMutableBufferPointer { ns in
            let on = other.nodes
            // Both sorted by id: a merge finds the matching nodes.
            var j = 0
            let no = on.count
            for i in 0..<ns.count {
                let n = ns[i]
                while j < no && on[j].id < n.id { j += 1 }
                guard j < no && on[j].id == n.id else { continue }
                let o = on[j]
                switch semantics {
                case .paper:
                    if !(rng.nextUnit() < 0.5) { continue }
                    ns[i] = o
                case .neatPython:
                    // Each attribute on its own draw, as for connections.
                    var child = n
                    child.bias = flip() ? n.bias : o.bias
                    child.response = flip() ? n.response : o.response
                    child.activation = flip() ? n.activation : o.activation
                    child.aggregation = flip() ? n.aggregation : o.aggregation
                    ns[i] = child
                }
            }
        }
        // Both lists follow the fitter parent's order, which is already sorted.
        return Genome(id: childID, numInputs: fit.numInputs, numOutputs: fit.numOutputs, sortedNodes: nodes, sortedConnections: connections)
    }
}
