extension Genome {
    /// Splits connection gene `index` with `node` (whose id is `split.nodeID`): the gene
    /// is disabled, in → node gets weight 1 and node → out the gene's weight, with the
    /// innovations of `split` (the paper's add-node mutation, in both algorithms).
    mutating func split(connectionAt index: Int, by split: InnovationTracker.Split, node: NodeGene) {
        let old = connections[index]
        connections[index].enabled = false
        insertNode(node)
        insertConnection(ConnectionGene(innovation: split.inInnovation, from: old.from, to: split.nodeID, weight: 1, enabled: true))
        insertConnection(ConnectionGene(innovation: split.outInnovation, from: split.nodeID, to: old.to, weight: old.weight, enabled: true))
    }
}
