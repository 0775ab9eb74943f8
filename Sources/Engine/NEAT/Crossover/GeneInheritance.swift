/// How a child inherits a gene that both parents have (matching innovation for
/// connections, matching id for nodes); each algorithm has its rule. A fresh value
/// is made for every child (`init(config:)`).
public protocol GeneInheritance {
    init(config: NEATConfig)
    /// The child's gene from the fitter parent's `fit` and the other parent's `other`.
    mutating func connection<R: RandomNumberGenerator>(fit: ConnectionGene, other: ConnectionGene, rng: inout R) -> ConnectionGene
    /// The child's node from the fitter parent's `fit` and the other parent's `other`.
    mutating func node<R: RandomNumberGenerator>(fit: NodeGene, other: NodeGene, rng: inout R) -> NodeGene
}
