extension Reproduction {
    /// One species' parents' genes side by side in two buffers, for breeding without
    /// reference counting (`Crossover.Parent` reads them in place).
    struct ParentGenes {
        private var nodes: [NodeGene] = []
        private var connections: [ConnectionGene] = []
        private var spans: [(nodeStart: Int, nodeCount: Int, connectionStart: Int, connectionCount: Int, fitness: Double?,
                             numInputs: Int, numOutputs: Int)] = []

        /// Removes every parent, keeping the storage.
        mutating func reset() {
            nodes.removeAll(keepingCapacity: true)
            connections.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
        }

        /// Adds `genome` as the next parent (indices count from 0 after each `reset`).
        mutating func add(_ genome: borrowing Genome) {
            spans.append((nodes.count, genome.nodes.count, connections.count, genome.connections.count, genome.fitness,
                          genome.numInputs, genome.numOutputs))
            // Appended from buffers: an array argument would be retained and released.
            genome.nodes.withUnsafeBufferPointer { nodes.append(contentsOf: $0) }
            genome.connections.withUnsafeBufferPointer { connections.append(contentsOf: $0) }
        }

        /// Calls `body` with a function giving parent k (in the order added).
        func withParents<T>(_ body: ((Int) -> Crossover.Parent) -> T) -> T {
            nodes.withUnsafeBufferPointer { n in
            connections.withUnsafeBufferPointer { c in
            spans.withUnsafeBufferPointer { s in
                body { k in
                    let x = s[k]
                    return Crossover.Parent(nodes: UnsafeBufferPointer(rebasing: n[x.nodeStart ..< x.nodeStart + x.nodeCount]),
                                            connections: UnsafeBufferPointer(rebasing: c[x.connectionStart ..< x.connectionStart + x.connectionCount]),
                                            fitness: x.fitness, numInputs: x.numInputs, numOutputs: x.numOutputs)
                }
            }}}
        }
    }
}

