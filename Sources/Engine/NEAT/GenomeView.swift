/// A genome's genes read in place, through buffer pointers into its arrays, with its
/// scalars beside them: what crossover and compiling read. Handing views around retains
/// and releases nothing, which matters in the generation loop, where every genome is
/// read several times. A view is valid only while the genome it was made from is alive
/// and unchanged (not mutated, not released): take views of genomes in an array that
/// outlives their use, as reproduction and evaluation do with the generation they read.
public struct GenomeView {
    public var id: Int
    public var nodes: UnsafeBufferPointer<NodeGene>
    public var connections: UnsafeBufferPointer<ConnectionGene>
    public var fitness: Double?
    public var numInputs: Int
    public var numOutputs: Int

    public init(id: Int, nodes: UnsafeBufferPointer<NodeGene>, connections: UnsafeBufferPointer<ConnectionGene>,
                fitness: Double?, numInputs: Int, numOutputs: Int) {
        self.id = id; self.nodes = nodes; self.connections = connections; self.fitness = fitness
        self.numInputs = numInputs; self.numOutputs = numOutputs
    }
}

extension Genome {
    /// A view of this genome's genes (see `GenomeView` for how long it is valid).
    ///
    /// The pointers come from the arrays' storage addresses (`_baseAddressIfContiguous`;
    /// native Swift arrays are always contiguous) rather than from
    /// `withUnsafeBufferPointer`, whose pointer may not outlive its closure: read out of a
    /// borrowed genome, this retains nothing, where a closure over the arrays retains
    /// each of them for its duration.
    @inline(__always)
    public var unsafeView: GenomeView {
        GenomeView(id: id, nodes: UnsafeBufferPointer(start: nodes._baseAddressIfContiguous, count: nodes.count),
                   connections: UnsafeBufferPointer(start: connections._baseAddressIfContiguous, count: connections.count),
                   fitness: fitness, numInputs: numInputs, numOutputs: numOutputs)
    }

    /// Calls `body` with a view of this genome's genes, valid for the call.
    @inline(__always)
    public func withView<T>(_ body: (GenomeView) -> T) -> T {
        nodes.withUnsafeBufferPointer { n in
            connections.withUnsafeBufferPointer { c in
                body(GenomeView(id: id, nodes: n, connections: c, fitness: fitness, numInputs: numInputs, numOutputs: numOutputs))
            }
        }
    }
}
