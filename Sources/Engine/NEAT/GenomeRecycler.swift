/// Gene storage of genomes that are no longer needed, handed out again so that
/// new genomes are written into arrays that already exist instead of new ones.
///
/// `Population` gives it the generation before the last one (nothing reads those
/// genomes any more); reproduction takes their node and connection arrays, empties
/// them and fills them with a child's genes. Only storage is reused, never
/// contents: a child built from recycled arrays is equal to one built from fresh
/// arrays. An array that is still shared (an elite carried into the next
/// generation, the best genome ever) is copied on write as usual, so the genome
/// that shares it never changes.
public struct GenomeRecycler: Sendable {
    private var spare: [Genome] = []

    public init() {}

    /// Number of genomes whose storage is left to hand out.
    public var count: Int { spare.count }

    /// Takes `genomes` (leaving it empty) as storage to hand out; storage not
    /// handed out since the last refill is dropped.
    public mutating func refill(from genomes: inout [Genome]) {
        spare.removeAll()
        swap(&spare, &genomes)
    }

    /// `refill(from:)`, leaving out the storage of the genomes at indices `inUse`
    /// (out-of-range ones are ignored): it is still shared, by the elites carried into
    /// the next generation, and emptying a shared array allocates a new one, so handing
    /// it out would cost an allocation while unshared storage is left over.
    public mutating func refill(from genomes: inout [Genome], inUse: some Sequence<Int>) {
        refill(from: &genomes)
        // Released here; `take` passes over spares without storage.
        for i in inUse where i >= 0 && i < spare.count {
            spare[i].nodes = []
            spare[i].connections = []
        }
    }

    /// Empty node and connection arrays with room for at least `nodes` and
    /// `connections` genes: a spare genome's arrays when one is left, else new ones.
    @inline(__always)
    public mutating func take(nodes: Int, connections: Int) -> (nodes: [NodeGene], connections: [ConnectionGene]) {
        var n: [NodeGene] = [], c: [ConnectionGene] = []
        while var g = spare.popLast() {
            if g.nodes.capacity == 0 && g.connections.capacity == 0 { continue }
            swap(&n, &g.nodes)
            swap(&c, &g.connections)
            break
        }
        // Too small: new arrays rather than growing (and copying) the old ones, with
        // room to spare, so that they still fit when they come round again for a
        // child of a genome that has grown a little (genomes grow over a run).
        if n.capacity >= nodes { n.removeAll(keepingCapacity: true) } else { n = []; n.reserveCapacity(nodes + nodes / 2 + 2) }
        if c.capacity >= connections { c.removeAll(keepingCapacity: true) } else { c = []; c.reserveCapacity(connections + connections / 2 + 4) }
        return (n, c)
    }
}
