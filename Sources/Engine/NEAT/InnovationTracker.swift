/// Hands out historical markings: innovation numbers for new connections and ids
/// for new nodes. Within one generation the same structural mutation gets the same
/// numbers, in every genome that makes it (Stanley & Miikkulainen 2002, §3.2).
public struct InnovationTracker: Sendable, Equatable {
    public private(set) var nextInnovation: Int
    public private(set) var nextNodeID: Int
    private var connectionTable: [Pair: Int] = [:]
    private var splitTable: [Int: Split] = [:]

    struct Pair: Hashable, Sendable { let from: Int, to: Int }
    /// What splitting one connection produced this generation.
    public struct Split: Sendable, Equatable, Codable {
        public let nodeID: Int
        public let inInnovation: Int
        public let outInnovation: Int

        public init(nodeID: Int, inInnovation: Int, outInnovation: Int) {
            self.nodeID = nodeID
            self.inInnovation = inInnovation
            self.outInnovation = outInnovation
        }
    }

    public init(nextInnovation: Int = 0, nextNodeID: Int) {
        self.nextInnovation = nextInnovation
        self.nextNodeID = nextNodeID
    }

    /// A tracker exactly as saved: its counters and this generation's tables (`connections`,
    /// `splits`), so that a restored population hands out the same numbers.
    public init(nextInnovation: Int, nextNodeID: Int, connections: [ConnectionInnovation], splits: [SplitRecord]) {
        self.nextInnovation = nextInnovation
        self.nextNodeID = nextNodeID
        for c in connections { connectionTable[Pair(from: c.from, to: c.to)] = c.innovation }
        for s in splits { splitTable[s.innovation] = s.split }
    }

    /// One entry of the generation's connection table: `from → to` got `innovation`.
    public struct ConnectionInnovation: Sendable, Equatable, Codable {
        public var from: Int, to: Int, innovation: Int
        public init(from: Int, to: Int, innovation: Int) { self.from = from; self.to = to; self.innovation = innovation }
    }

    /// One entry of the generation's split table: splitting connection `innovation` gave `split`.
    public struct SplitRecord: Sendable, Equatable, Codable {
        public var innovation: Int
        public var split: Split
        public init(innovation: Int, split: Split) { self.innovation = innovation; self.split = split }
    }

    /// This generation's connection table, ordered by (from, to) so that saving it is deterministic.
    public var connections: [ConnectionInnovation] {
        connectionTable.map { ConnectionInnovation(from: $0.key.from, to: $0.key.to, innovation: $0.value) }
            .sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// This generation's split table, ordered by the split connection's innovation.
    public var splits: [SplitRecord] {
        splitTable.map { SplitRecord(innovation: $0.key, split: $0.value) }.sorted { $0.innovation < $1.innovation }
    }

    /// The innovation number of a new connection `from → to`: the one already given
    /// this generation to the same connection, or a fresh one.
    public mutating func connectionInnovation(from: Int, to: Int) -> Int {
        let key = Pair(from: from, to: to)
        if let i = connectionTable[key] { return i }
        let i = nextInnovation
        nextInnovation += 1
        connectionTable[key] = i
        return i
    }

    /// The node id and two innovations for splitting connection `innovation`
    /// (`from → to`): shared by every genome that splits it this generation.
    public mutating func split(innovation: Int, from: Int, to: Int) -> Split {
        if let s = splitTable[innovation] { return s }
        let node = nextNodeID
        nextNodeID += 1
        let a = nextInnovation, b = nextInnovation + 1
        nextInnovation += 2
        let s = Split(nodeID: node, inInnovation: a, outInnovation: b)
        splitTable[innovation] = s
        connectionTable[Pair(from: from, to: node)] = a
        connectionTable[Pair(from: node, to: to)] = b
        return s
    }

    /// A fresh node id that matches no other (for genomes that already hold the
    /// node a shared split would give them).
    public mutating func freshNodeID() -> Int {
        defer { nextNodeID += 1 }
        return nextNodeID
    }

    /// A fresh innovation number.
    public mutating func freshInnovation() -> Int {
        defer { nextInnovation += 1 }
        return nextInnovation
    }

    /// A split with a fresh node id and two fresh innovations, shared with nothing
    /// (neat-python's splits, and a genome that splits the same gene twice).
    public mutating func freshSplit() -> Split {
        Split(nodeID: freshNodeID(), inInnovation: freshInnovation(), outInnovation: freshInnovation())
    }

    /// Starts a new generation: structural mutations from now on are new innovations.
    public mutating func startGeneration() {
        connectionTable.removeAll(keepingCapacity: true)
        splitTable.removeAll(keepingCapacity: true)
    }
}
