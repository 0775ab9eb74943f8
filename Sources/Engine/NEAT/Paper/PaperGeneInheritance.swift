/// The paper's crossover of matching genes: each is taken whole from either parent
/// at random, and a gene disabled in either parent is disabled with exactly
/// `disabledGeneInheritProbability` (0.75), enabled otherwise.
public struct PaperGeneInheritance: GeneInheritance {
    let disableProbability: Double

    public init(config: NEATConfig) { disableProbability = config.disabledGeneInheritProbability }

    @inline(__always)
    public mutating func connection<R: RandomNumberGenerator>(fit g: ConnectionGene, other o: ConnectionGene, rng: inout R) -> ConnectionGene {
        var child = rng.nextUnit() < 0.5 ? g : o
        // Keep the fitter parent's endpoints (identical for a shared innovation).
        child.from = g.from
        child.to = g.to
        child.enabled = (!g.enabled || !o.enabled) ? !(rng.nextUnit() < disableProbability) : true
        return child
    }

    @inline(__always)
    public mutating func node<R: RandomNumberGenerator>(fit n: NodeGene, other o: NodeGene, rng: inout R) -> NodeGene {
        rng.nextUnit() < 0.5 ? o : n
    }
}
