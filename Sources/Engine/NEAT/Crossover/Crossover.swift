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
    func cross<R: RandomNumberGenerator>(_ a: GenomeView, _ b: GenomeView, childID: Int, config: NEATConfig,
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
        // Both parents' genes are sorted by innovation (connections) and id (nodes).
        connections.withUnsafeMutableBufferPointer { cs in
            Self.forEachMatch(cs, in: other.connections, key: \.innovation) { gene, match in
                gene = inheritance.connection(fit: gene, other: match, rng: &rng)
            }
        }
        nodes.withUnsafeMutableBufferPointer { ns in
            Self.forEachMatch(ns, in: other.nodes, key: \.id) { gene, match in
                gene = inheritance.node(fit: gene, other: match, rng: &rng)
            }
        }
        // Both lists follow the fitter parent's order, which is already sorted.
        return Genome(id: childID, numInputs: fit.numInputs, numOutputs: fit.numOutputs, sortedNodes: nodes, sortedConnections: connections)
    }

    /// Calls `body` with each gene of `genes` that has a match (the same `key`) in
    /// `other`, and that match, in order; both are sorted by `key`, so one merge finds
    /// every match.
    @inline(__always)
    private static func forEachMatch<Gene>(_ genes: UnsafeMutableBufferPointer<Gene>, in other: UnsafeBufferPointer<Gene>,
                                           key: (Gene) -> Int, _ body: (inout Gene, Gene) -> Void) {
        var j = 0
        for i in 0..<genes.count {
            let k = key(genes[i])
            while j < other.count && key(other[j]) < k { j += 1 }
            guard j < other.count && key(other[j]) == k else { continue }
            body(&genes[i], other[j])
        }
    }
}
