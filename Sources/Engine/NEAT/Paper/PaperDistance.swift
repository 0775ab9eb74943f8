/// The paper's compatibility distance: δ = c1·E/N + c2·D/N + c3·W̄, E excess and D
/// disjoint genes (aligned by innovation number), W̄ the mean weight difference of
/// matching genes (disabled ones included), N the gene count of the larger genome,
/// or 1 when both have fewer than `smallGenomeThreshold` genes.
public struct PaperDistance: CompatibilityDistance {
    public init() {}

    public func distance(_ a: Genome, _ b: Genome, config: NEATConfig) -> Double {
        let al = alignment(a, b)
        let larger = max(a.connections.count, b.connections.count)
        let n = larger < config.smallGenomeThreshold ? 1.0 : Double(larger)
        let wbar = al.matching > 0 ? al.weightDifference / Double(al.matching) : 0
        return config.compatibilityExcessCoefficient * Double(al.excess) / n
            + config.compatibilityDisjointCoefficient * Double(al.disjoint) / n
            + config.compatibilityWeightCoefficient * wbar
    }

    /// Counts excess, disjoint and matching genes with their summed weight difference.
    public func alignment(_ a: Genome, _ b: Genome) -> (excess: Int, disjoint: Int, matching: Int, weightDifference: Double) {
        let x = a.connections, y = b.connections
        var i = 0, j = 0, disjoint = 0, matching = 0
        var wsum = 0.0
        while i < x.count && j < y.count {
            if x[i].innovation == y[j].innovation {
                wsum += abs(x[i].weight - y[j].weight); matching += 1; i += 1; j += 1
            } else if x[i].innovation < y[j].innovation {
                disjoint += 1; i += 1
            } else {
                disjoint += 1; j += 1
            }
        }
        let excess = (x.count - i) + (y.count - j)
        return (excess, disjoint, matching, wsum)
    }
}
