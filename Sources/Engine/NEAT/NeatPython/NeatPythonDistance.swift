/// neat-python's genomic distance: node distance plus connection distance, each
/// (c_disjoint · disjoint + c_weight · Σ attribute differences of homologous genes) /
/// the larger gene count, with nodes matched by id and connections by their
/// (from, to) key, as neat-python matches them. Read from a `GenomeDistanceTable`,
/// where each genome's genes are laid out sorted once per generation.
public struct NeatPythonDistance: CompatibilityDistance {
    public init() {}

    public func distance(_ a: Genome, _ b: Genome, config: NEATConfig) -> Double {
        var table = GenomeDistanceTable()
        table.append(a); table.append(b)
        return distance(table, 0, 1, config: config)
    }

    /// The distance between rows `a` and `b` of `table`.
    @inline(__always)
    public func distance(_ table: GenomeDistanceTable, _ a: Int, _ b: Int, config: NEATConfig) -> Double {
        precondition(a >= 0 && a < table.count && b >= 0 && b < table.count, "row out of range")
        return table.withView { distance($0, a, b, config: config) }
    }

    /// The distance between rows `a` and `b` (both < `view.count`) of a table's view.
    @inline(__always)
    public func distance(_ view: GenomeDistanceTable.View, _ a: Int, _ b: Int, config: NEATConfig) -> Double {
        nodeDistance(view, a, b, config: config) + connectionDistance(view, a, b, config: config)
    }

    /// The distance between rows `a` and `b` if it is below `bound`, else nil. Exactly
    /// `distance(view, a, b)` when that is below `bound`: the node part is a lower
    /// bound of the distance (the connection part is never negative, and rounding
    /// never makes a sum smaller than one of its non-negative terms), so when it
    /// alone reaches `bound` the connection part is not computed.
    @inline(__always)
    public func distance(_ view: GenomeDistanceTable.View, _ a: Int, _ b: Int, below bound: Double, config: NEATConfig) -> Double? {
        let nodes = nodeDistance(view, a, b, config: config)
        guard nodes < bound else { return nil }
        let d = nodes + connectionDistance(view, a, b, config: config)
        return d < bound ? d : nil
    }

    /// The node part: nodes matched by id; each homologous pair adds |Δbias| + |Δresponse|,
    /// plus 1 for a different activation and 1 for a different aggregation.
    @inline(__always)
    func nodeDistance(_ view: GenomeDistanceTable.View, _ a: Int, _ b: Int, config: NEATConfig) -> Double {
        let ra = view.rows[a], rb = view.rows[b]
        return Self.genesDistance(view.nodes + Int(ra.nodeStart), Int(ra.nodeCount), view.nodes + Int(rb.nodeStart), Int(rb.nodeCount),
                                  config: config, key: { Int64($0.id) }) { p, q in
            var d = abs(p.bias - q.bias) + abs(p.response - q.response)
            if p.activation != q.activation { d += 1 }
            if p.aggregation != q.aggregation { d += 1 }
            return d
        }
    }

    /// The connection part. neat-python keys connection genes by (from, to), not by
    /// innovation: two genes with the same endpoints are homologous even when added in
    /// different generations. Each homologous pair adds |Δweight|, plus 1 when the
    /// enabled flags differ.
    @inline(__always)
    func connectionDistance(_ view: GenomeDistanceTable.View, _ a: Int, _ b: Int, config: NEATConfig) -> Double {
        let ra = view.rows[a], rb = view.rows[b]
        return Self.genesDistance(view.connections + Int(ra.connectionStart), Int(ra.connectionCount),
                                  view.connections + Int(rb.connectionStart), Int(rb.connectionCount),
                                  config: config, key: \.key) { x, y in
            abs(x.weight - y.weight) + (x.enabled != y.enabled ? 1 : 0)
        }
    }

    /// One part of the distance for genes `x[0 ..< nx]` and `y[0 ..< ny]`, both sorted
    /// by `key`: (c_weight · Σ `difference` of homologous pairs, added in key order,
    /// + c_disjoint · unmatched genes) / the larger count; 0 when both are empty.
    @inline(__always)
    static func genesDistance<Gene>(_ x: UnsafePointer<Gene>, _ nx: Int, _ y: UnsafePointer<Gene>, _ ny: Int, config: NEATConfig,
                                    key: (Gene) -> Int64, difference: (Gene, Gene) -> Double) -> Double {
        guard nx != 0 || ny != 0 else { return 0 }
        let cd = config.compatibilityDisjointCoefficient, cw = config.compatibilityWeightCoefficient
        var i = 0, j = 0, disjoint = 0
        var sum = 0.0
        while i < nx && j < ny {
            let kx = key(x[i]), ky = key(y[j])
            if kx < ky { disjoint += 1; i += 1 }
            else if ky < kx { disjoint += 1; j += 1 }
            else {
                sum += difference(x[i], y[j]) * cw
                i += 1; j += 1
            }
        }
        disjoint += (nx - i) + (ny - j)
        return (sum + cd * Double(disjoint)) / Double(max(nx, ny))
    }
}
