/// Crossover aligned by innovation number (paper §3.2): the child has the fitter
/// parent's genes, so its structure (which stays acyclic) and order; every gene the
/// other parent shares is inherited per `Inheritance` (`PaperGeneInheritance`,
/// `NeatPythonGeneInheritance`). Disjoint and excess genes come from the fitter parent.
public struct Crossover<Inheritance: GeneInheritance>: Sendable {
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

    /// The child: the fitter parent's genes, then every gene that matches one of the
    /// other parent's inherited from both (connections first, then nodes).
    @inline(__always)
    private func build<R: RandomNumberGenerator>(fit: GenomeView, other: GenomeView, childID: Int, config: NEATConfig,
                                                recycler: inout GenomeRecycler, rng: inout R) -> Genome {
        var inheritance = Inheritance(config: config)
        // Room for an add-node or add-connection mutation.
        var (nodes, connections) = recycler.take(nodes: fit.nodes.count + 1, connections: fit.connections.count + 2)
        connections.append(contentsOf: fit.connections)
        nodes.append(contentsOf: fit.nodes)
        connections.withUnsafeMutableBufferPointer { cs in
            // Both sorted by innovation: a merge finds the matching genes.
            let oc = other.connections
            var j = 0
            for i in 0..<cs.count {
                let g = cs[i]
                while j < oc.count && oc[j].innovation < g.innovation { j += 1 }
                guard j < oc.count && oc[j].innovation == g.innovation else { continue }
                cs[i] = inheritance.connection(fit: g, other: oc[j], rng: &rng)
            }
        }
        nodes.withUnsafeMutableBufferPointer { ns in
            // Both sorted by id.
            let on = other.nodes
            var j = 0
            for i in 0..<ns.count {
                let n = ns[i]
                while j < on.count && on[j].id < n.id { j += 1 }
                guard j < on.count && on[j].id == n.id else { continue }
                ns[i] = inheritance.node(fit: n, other: on[j], rng: &rng)
            }
        }
        // Both lists follow the fitter parent's order, which is already sorted.
        return Genome(id: childID, numInputs: fit.numInputs, numOutputs: fit.numOutputs, sortedNodes: nodes, sortedConnections: connections)
    }
}
