/// neat-python's crossover of matching genes (genes.py `BaseGene.crossover`): each
/// attribute (a connection's weight and enabled flag; a node's bias, response,
/// activation and aggregation) comes from either parent on its own coin flip; then
/// a connection disabled in either parent is disabled with
/// `disabledGeneInheritProbability`, and otherwise keeps the flag it inherited.
public struct NeatPythonGeneInheritance: GeneInheritance {
    let disableProbability: Double
    /// The fair coin flips are the bits of one 64-bit draw, lowest first: 64 flips per draw.
    private var coins: UInt64 = 0
    private var coinsLeft = 0

    public init(config: NEATConfig) { disableProbability = config.disabledGeneInheritProbability }

    @inline(__always)
    private mutating func flip<R: RandomNumberGenerator>(_ rng: inout R) -> Bool {
        if coinsLeft == 0 { coins = rng.next(); coinsLeft = 64 }
        let heads = coins & 1 == 0
        coins >>= 1; coinsLeft -= 1
        return heads
    }

    @inline(__always)
    public mutating func connection<R: RandomNumberGenerator>(fit g: ConnectionGene, other o: ConnectionGene, rng: inout R) -> ConnectionGene {
        var child = g
        child.weight = flip(&rng) ? g.weight : o.weight
        child.enabled = flip(&rng) ? g.enabled : o.enabled
        if !g.enabled || !o.enabled, rng.nextUnit() < disableProbability {
            child.enabled = false
        }
        return child
    }

    @inline(__always)
    public mutating func node<R: RandomNumberGenerator>(fit n: NodeGene, other o: NodeGene, rng: inout R) -> NodeGene {
        var child = n
        child.bias = flip(&rng) ? n.bias : o.bias
        child.response = flip(&rng) ? n.response : o.response
        child.activation = flip(&rng) ? n.activation : o.activation
        child.aggregation = flip(&rng) ? n.aggregation : o.aggregation
        return child
    }
}
