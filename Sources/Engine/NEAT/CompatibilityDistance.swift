/// Compatibility distance between two genomes.
///
/// Paper: δ = c1·E/N + c2·D/N + c3·W̄, E excess and D disjoint genes, W̄ the mean
/// weight difference of matching genes (disabled ones included), N the gene count
/// of the larger genome, or 1 when both have fewer than `smallGenomeThreshold` genes.
/// neat-python: node distance plus connection distance, each
/// (c_disjoint·disjoint + c_weight·Σ attribute differences) / max(count), with
/// nodes matched by id and connections by their (from, to) key, as neat-python does.
public struct CompatibilityDistance: Sendable {
    public let config: NEATConfig

    public init(config: NEATConfig) { self.config = config }

    public func distance(_ a: Genome, _ b: Genome) -> Double {
        switch config.semantics {
        case .paper: return paper(a, b)
        case .neatPython: return neatPython(a, b)
        }
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

    func paper(_ a: Genome, _ b: Genome) -> Double {
        let al = alignment(a, b)
        let larger = max(a.connections.count, b.connections.count)
        let n = larger < config.smallGenomeThreshold ? 1.0 : Double(larger)
        let wbar = al.matching > 0 ? al.weightDifference / Double(al.matching) : 0
        return config.compatibilityExcessCoefficient * Double(al.excess) / n
            + config.compatibilityDisjointCoefficient * Double(al.disjoint) / n
            + config.compatibilityWeightCoefficient * wbar
    }

    func neatPython(_ a: Genome, _ b: Genome) -> Double {
        var table = GenomeDistanceTable()
        table.append(a); table.append(b)
        return neatPython(table, 0, 1)
    }

    /// neat-python's distance between rows `a` and `b` of `table`.
    @inline(__always)
    public func neatPython(_ table: GenomeDistanceTable, _ a: Int, _ b: Int) -> Double {
        precondition(a >= 0 && a < table.count && b >= 0 && b < table.count, "row out of range")
        return table.withView { neatPython($0, a, b) }
    }

    /// neat-python's distance between rows `a` and `b` (both < `view.count`) of a table's view.
    @inline(__always)
    public func neatPython(_ view: GenomeDistanceTable.View, _ a: Int, _ b: Int) -> Double {
        neatPythonNodes(view, a, b) + neatPythonConnections(view, a, b)
    }

    /// The distance between rows `a` and `b` if it is below `bound`, else nil. Exactly
    /// `neatPython(view, a, b)` when that is below `bound`: the node part is a lower
    /// bound of the distance (the connection part is never negative, and rounding
    /// never makes a sum smaller than one of its non-negative terms), so when it
    /// alone reaches `bound` the connection part is not computed.
    @inline(__always)
    public func neatPython(_ view: GenomeDistanceTable.View, _ a: Int, _ b: Int, below bound: Double) -> Double? {
        let nodeDistance = neatPythonNodes(view, a, b)
        guard nodeDistance < bound else { return nil }
        let d = nodeDistance + neatPythonConnections(view, a, b)
        return d < bound ? d : nil
    }

    /// The node part of neat-python's distance.
    @inline(__always)
    func neatPythonNodes(_ view: GenomeDistanceTable.View, _ a: Int, _ b: Int) -> Double {
        let cd = config.compatibilityDisjointCoefficient, cw = config.compatibilityWeightCoefficient
        let ra = view.rows[a], rb = view.rows[b]
        var nodeDistance = 0.0
        let na = Int(ra.nodeCount), nb = Int(rb.nodeCount)
        if na != 0 || nb != 0 {
            let an = view.nodes + Int(ra.nodeStart), bn = view.nodes + Int(rb.nodeStart)
            // A merge by id: matching pairs add to `sum` in id order; the rest are disjoint.
            var disjoint = 0, sum = 0.0
            var i = 0, j = 0
            while i < na && j < nb {
                let p = an[i], q = bn[j]
                if p.id < q.id { disjoint += 1; i += 1 }
                else if q.id < p.id { disjoint += 1; j += 1 }
                else {
                    var d = abs(p.bias - q.bias) + abs(p.response - q.response)
                    if p.activation != q.activation { d += 1 }
                    if p.aggregation != q.aggregation { d += 1 }
                    sum += d * cw
                    i += 1; j += 1
                }
            }
            disjoint += (na - i) + (nb - j)
            nodeDistance = (sum + cd * Double(disjoint)) / Double(max(na, nb))
        }
        return nodeDistance
    }

    /// The connection part of neat-python's distance.
    @inline(__always)
    func neatPythonConnections(_ view: GenomeDistanceTable.View, _ a: Int, _ b: Int) -> Double {
        let cd = config.compatibilityDisjointCoefficient, cw = config.compatibilityWeightCoefficient
        let ra = view.rows[a], rb = view.rows[b]
        var connDistance = 0.0
        let nx = Int(ra.connectionCount), ny = Int(rb.connectionCount)
        if nx != 0 || ny != 0 {
            let x = view.connections + Int(ra.connectionStart), y = view.connections + Int(rb.connectionStart)
            // neat-python keys connection genes by (from, to), not by innovation: two genes
            // with the same endpoints are homologous even when added in different generations.
            // Each homologous pair adds |Δweight|, plus 1 when the enabled flags differ.
            var i = 0, j = 0, disjoint = 0
            var homologous = 0.0
            while i < nx && j < ny {
                let kx = x[i].key, ky = y[j].key
                if kx < ky { disjoint += 1; i += 1 }
                else if ky < kx { disjoint += 1; j += 1 }
                else {
                    var d = abs(x[i].weight - y[j].weight)
                    if x[i].enabled != y[j].enabled { d += 1 }
                    homologous += d * cw
                    i += 1; j += 1
                }
            }
            disjoint += (nx - i) + (ny - j)
            connDistance = (homologous + cd * Double(disjoint)) / Double(max(nx, ny))
        }
        return connDistance
    }
}
