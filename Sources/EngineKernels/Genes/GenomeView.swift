/// A genome's genes read in place, through buffer pointers into its arrays, with its
/// scalars beside them: what crossover and compiling read. Handing views around retains
/// and releases nothing, which matters in the generation loop, where every genome is
/// read several times. A view is valid only while the genome it was made from is alive
/// and unchanged (not mutated, not released): take views of genomes in an array that
/// outlives their use, as reproduction and evaluation do with the generation they read.
///
/// Package access on purpose, never public: the pointers are valid only while the
/// genome is alive and unchanged, which the compiler cannot check (a `~Escapable`
/// type would need the experimental lifetime annotations), so users of the Engine
/// library cannot hold one. Only the engine's own generation loop makes views, of a
/// generation's array, and drops them before that array changes; the public entry
/// points (`CompiledNetwork(genome)`, `Crossover.cross`) take `Genome` values.
package struct GenomeView {
    package var id: Int
    package var nodes: UnsafeBufferPointer<NodeGene>
    package var connections: UnsafeBufferPointer<ConnectionGene>
    package var fitness: Double?
    package var numInputs: Int
    package var numOutputs: Int

    package init(id: Int, nodes: UnsafeBufferPointer<NodeGene>, connections: UnsafeBufferPointer<ConnectionGene>,
                fitness: Double?, numInputs: Int, numOutputs: Int) {
        self.id = id; self.nodes = nodes; self.connections = connections; self.fitness = fitness
        self.numInputs = numInputs; self.numOutputs = numOutputs
    }
}
