extension Genome {
    /// A view of this genome's genes (see `GenomeView` for how long it is valid).
    ///
    /// The pointers come from the arrays' storage addresses (`_baseAddressIfContiguous`;
    /// native Swift arrays are always contiguous) rather than from
    /// `withUnsafeBufferPointer`, whose pointer may not outlive its closure: read out of a
    /// borrowed genome, this retains nothing, where a closure over the arrays retains
    /// each of them for its duration.
    @inline(__always)
    package var unsafeView: GenomeView {
        GenomeView(id: id, nodes: UnsafeBufferPointer(start: nodes._baseAddressIfContiguous, count: nodes.count),
                   connections: UnsafeBufferPointer(start: connections._baseAddressIfContiguous, count: connections.count),
                   fitness: fitness, numInputs: numInputs, numOutputs: numOutputs)
    }

    /// Calls `body` with a view of this genome's genes, valid for the call.
    @inline(__always)
    package func withView<T>(_ body: (GenomeView) -> T) -> T {
        nodes.withUnsafeBufferPointer { n in
            connections.withUnsafeBufferPointer { c in
                body(GenomeView(id: id, nodes: n, connections: c, fitness: fitness, numInputs: numInputs, numOutputs: numOutputs))
            }
        }
    }
}
