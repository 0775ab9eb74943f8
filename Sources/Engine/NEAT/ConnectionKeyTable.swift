/// Genomes' connection genes sorted by their (from, to) key, side by side in one
/// flat buffer: neat-python's compatibility distance matches genes by that key,
/// and speciation measures every genome against several representatives, so
/// each genome is sorted once per generation instead of once per distance.
public struct ConnectionKeyTable: Sendable {
    /// One connection gene as the distance sees it.
    public struct Entry: Sendable, Equatable {
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

    private var entries: [Entry] = []
    private var starts: [Int] = [0]

    public init() {}

    /// Number of genomes added.
    public var count: Int { starts.count - 1 }

    public mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
    }

    /// Adds `genome`'s connections sorted by key (stable); returns its index in the table.
    @discardableResult
    public mutating func append(_ genome: Genome) -> Int {
        let first = entries.count
        for c in genome.connections {
            let e = Entry(c)
            entries.append(e)
            // Insertion sort: genomes are small and mostly ordered already.
            var j = entries.count - 1
            while j > first && entries[j - 1].key > e.key { entries[j] = entries[j - 1]; j -= 1 }
            entries[j] = e
        }
        starts.append(entries.count)
        return starts.count - 2
    }

    /// Calls `body` with the sorted entries of genomes `i` and `j`.
    @inline(__always)
    public func withEntries<T>(_ i: Int, _ j: Int, _ body: (UnsafeBufferPointer<Entry>, UnsafeBufferPointer<Entry>) -> T) -> T {
        entries.withUnsafeBufferPointer { all in
            let base = all.baseAddress!
            return body(UnsafeBufferPointer(start: base + starts[i], count: starts[i + 1] - starts[i]),
                        UnsafeBufferPointer(start: base + starts[j], count: starts[j + 1] - starts[j]))
        }
    }
}
