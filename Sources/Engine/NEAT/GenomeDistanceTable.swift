/// Genomes' genes laid out for neat-python's compatibility distance, side by side
/// in flat buffers: each genome's nodes (sorted by id, as in the genome) and its
/// connection genes sorted by their (from, to) key, which is how neat-python
/// matches them. Speciation measures every genome against several
/// representatives, so each genome is sorted once per generation instead of
/// once per distance, and the distance reads no genome arrays. `reset()` keeps
/// the storage, so a table kept across generations allocates nothing once it
/// has held a generation as large as the current one.
public struct GenomeDistanceTable: Sendable {
    /// One connection gene as the distance sees it.
    public struct Connection: Sendable, Equatable {
        /// `from` in the high 32 bits (signed), `to` in the low 32: ordering the keys
        /// orders (from, to) pairs lexicographically (`to` is never negative).
        public var key: Int64
        public var weight: Double
        public var enabled: Bool

        @inline(__always)
        public init(_ c: ConnectionGene) {
            key = Int64(c.from) << 32 | Int64(UInt32(truncatingIfNeeded: c.to))
            weight = c.weight
            enabled = c.enabled
        }
    }

    /// Where one genome's genes are: nodes[nodeStart ..< nodeStart + nodeCount], likewise connections.
    public struct Row: Sendable, Equatable {
        public var nodeStart: Int32, nodeCount: Int32, connectionStart: Int32, connectionCount: Int32
    }

    /// The table's buffers, for reading many distances without touching the arrays.
    /// Valid only inside `withView`.
    public struct View {
        public let nodes: UnsafePointer<NodeGene>
        public let connections: UnsafePointer<Connection>
        public let rows: UnsafePointer<Row>
        public let count: Int
    }

    private(set) var nodes: [NodeGene] = []
    private(set) var connections: [Connection] = []
    private(set) var rows: [Row] = []

    public init() {}

    /// Number of genomes added.
    public var count: Int { rows.count }

    /// Removes every genome, keeping the storage.
    public mutating func reset() {
        nodes.removeAll(keepingCapacity: true)
        connections.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
    }

    /// Adds `genome` (its connections sorted by key, stably); returns its row.
    @discardableResult
    public mutating func append(_ genome: borrowing Genome) -> Int {
        let one = copy genome
        withUnsafePointer(to: one) { append(UnsafeBufferPointer(start: $0, count: 1)) }
        return rows.count - 1
    }

    /// Adds every genome of `genomes` (rows count ..< count + genomes.count), exactly as
    /// `append` one by one would.
    public mutating func append(contentsOf genomes: [Genome]) {
        genomes.withUnsafeBufferPointer { append($0) }
    }

    /// Adds the genomes of `genomes`, read in place through their views (nothing is
    /// retained): the buffers are sized once and the genes copied into them,
    /// each genome's connections sorted by key as they are copied.
    private mutating func append(_ genomes: UnsafeBufferPointer<Genome>) {
        let count = genomes.count
        var totalNodes = 0, totalConnections = 0
        for g in 0..<count {
            totalNodes += genomes[g].nodes.count
            totalConnections += genomes[g].connections.count
        }
        var nodeAt = nodes.count, connectionAt = connections.count
        let zeroNode = NodeGene(id: 0, activation: .identity)
        let zeroConnection = Connection(ConnectionGene(innovation: 0, from: 0, to: 0, weight: 0))
        nodes.append(contentsOf: repeatElement(zeroNode, count: totalNodes))
        connections.append(contentsOf: repeatElement(zeroConnection, count: totalConnections))
        rows.reserveCapacity(rows.count + count)
        nodes.withUnsafeMutableBufferPointer { nodeBuffer in
        connections.withUnsafeMutableBufferPointer { connectionBuffer in
            let nb = nodeBuffer.baseAddress, cb = connectionBuffer.baseAddress
            for g in 0..<count {
                let nodeStart = nodeAt, first = connectionAt
                let source = genomes[g].unsafeView  // read in place: nothing retained
                if let base = source.nodes.baseAddress { (nb! + nodeAt).update(from: base, count: source.nodes.count) }
                nodeAt += source.nodes.count
                // Insertion sort by key as the genes are copied: genomes are small and mostly ordered already.
                let src = source.connections, p = cb! + first
                for i in 0..<src.count {
                    let e = Connection(src[i])
                    var j = i
                    while j > 0 && p[j - 1].key > e.key { p[j] = p[j - 1]; j -= 1 }
                    p[j] = e
                }
                connectionAt += src.count
                rows.append(Row(nodeStart: Int32(nodeStart), nodeCount: Int32(nodeAt - nodeStart),
                                connectionStart: Int32(first), connectionCount: Int32(connectionAt - first)))
            }
        }}
    }

    /// Calls `body` with pointers to the table's buffers.
    @inline(__always)
    public func withView<T>(_ body: (View) -> T) -> T {
        nodes.withUnsafeBufferPointer { n in
            connections.withUnsafeBufferPointer { c in
                rows.withUnsafeBufferPointer { r in
                    // Empty arrays may have no base address; nothing is read through them then.
                    let np = n.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<NodeGene>.alignment)!
                    let cp = c.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Connection>.alignment)!
                    let rp = r.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Row>.alignment)!
                    return body(View(nodes: np, connections: cp, rows: rp, count: r.count))
                }
            }
        }
    }
}
