/// Genomes' genes laid out for neat-python's compatibility distance, side by side
/// in flat buffers: each genome's nodes (sorted by id, as in the genome) and its
/// connection genes sorted by their (from, to) key, which is how neat-python
/// matches them. Speciation measures every genome against several
/// representatives, so each genome is sorted once per generation instead of
/// once per distance, and the distance reads no genome arrays.
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

    private(set) var nodes: [NodeGene] = []
    private(set) var connections: [Connection] = []
    /// Genome r's nodes are nodes[nodeStarts[r] ..< nodeStarts[r + 1]], likewise connections.
    private var nodeStarts: [Int] = [0]
    private var connectionStarts: [Int] = [0]

    public init() {}

    /// Number of genomes added.
    public var count: Int { nodeStarts.count - 1 }

    public mutating func reserve(genomes: Int, nodes n: Int, connections c: Int) {
        nodes.reserveCapacity(n); connections.reserveCapacity(c)
        nodeStarts.reserveCapacity(genomes + 1); connectionStarts.reserveCapacity(genomes + 1)
    }

    /// Adds `genome` (its connections sorted by key, stably); returns its row.
    @discardableResult
    public mutating func append(_ genome: Genome) -> Int {
        nodes.append(contentsOf: genome.nodes)
        nodeStarts.append(nodes.count)
        let first = connections.count
        for c in genome.connections {
            let e = Connection(c)
            connections.append(e)
            // Insertion sort: genomes are small and mostly ordered already.
            var j = connections.count - 1
            while j > first && connections[j - 1].key > e.key { connections[j] = connections[j - 1]; j -= 1 }
            connections[j] = e
        }
        connectionStarts.append(connections.count)
        return count - 1
    }

    /// Calls `body` with the nodes and sorted connections of rows `i` and `j`.
    @inline(__always)
    public func withRows<T>(_ i: Int, _ j: Int, _ body: (UnsafeBufferPointer<NodeGene>, UnsafeBufferPointer<Connection>,
                                                          UnsafeBufferPointer<NodeGene>, UnsafeBufferPointer<Connection>) -> T) -> T {
        nodes.withUnsafeBufferPointer { n in
            connections.withUnsafeBufferPointer { c in
                let nb = n.baseAddress!, cb = c.baseAddress!
                return body(UnsafeBufferPointer(start: nb + nodeStarts[i], count: nodeStarts[i + 1] - nodeStarts[i]),
                            UnsafeBufferPointer(start: cb + connectionStarts[i], count: connectionStarts[i + 1] - connectionStarts[i]),
                            UnsafeBufferPointer(start: nb + nodeStarts[j], count: nodeStarts[j + 1] - nodeStarts[j]),
                            UnsafeBufferPointer(start: cb + connectionStarts[j], count: connectionStarts[j + 1] - connectionStarts[j]))
            }
        }
    }
}
