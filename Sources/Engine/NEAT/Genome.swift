/// A NEAT genome: node genes and connection genes with historical markings.
///
/// Invariants (checked by `validate()`, see Genome+Validation.swift): `nodes` is sorted by id and
/// holds the outputs and hidden nodes (inputs are implicit, ids −1 … −numInputs);
/// `connections` is sorted by innovation, has at most one gene per (from, to),
/// never ends at an input, and its enabled and disabled genes together form no cycle.
public struct Genome: Sendable, Equatable, Codable {
    public var id: Int
    public let numInputs: Int
    public let numOutputs: Int
    public var nodes: [NodeGene]
    public var connections: [ConnectionGene]
    /// Raw fitness once evaluated.
    public var fitness: Double?

    public init(id: Int, numInputs: Int, numOutputs: Int, nodes: [NodeGene], connections: [ConnectionGene], fitness: Double? = nil) {
        self.init(id: id, numInputs: numInputs, numOutputs: numOutputs, sortedNodes: nodes.sorted { $0.id < $1.id },
                  sortedConnections: connections.sorted { $0.innovation < $1.innovation })
        self.fitness = fitness
    }

    /// A genome from genes already in order (`nodes` by id, `connections` by
    /// innovation), as crossover builds them: no sorting, no copies.
    init(id: Int, numInputs: Int, numOutputs: Int, sortedNodes nodes: [NodeGene], sortedConnections connections: [ConnectionGene]) {
        self.id = id
        self.numInputs = numInputs
        self.numOutputs = numOutputs
        self.nodes = nodes
        self.connections = connections
        self.fitness = nil
    }

    /// Ids of the input nodes: −1, −2, … −numInputs.
    public var inputIDs: [Int] { (0..<numInputs).map { -1 - $0 } }
    /// Ids of the output nodes: 0 ..< numOutputs.
    public var outputIDs: [Int] { Array(0..<numOutputs) }
    /// Number of hidden nodes.
    public var hiddenCount: Int { nodes.count - numOutputs }
    /// Number of enabled connections.
    public var enabledConnectionCount: Int { connections.reduce(0) { $0 + ($1.enabled ? 1 : 0) } }

    @inline(__always) public static func isInput(_ id: Int) -> Bool { id < 0 }

    /// Index of the node with `id` in `nodes`, by binary search.
    public func nodeIndex(_ id: Int) -> Int? {
        let lo = Self.firstIndex(in: nodes, notBelow: id, key: \.id)
        return lo < nodes.count && nodes[lo].id == id ? lo : nil
    }

    /// The first index of `sorted` (ascending by `key`) whose key is not below `value`
    /// (`sorted.count` when none is): where `value` is, or would be inserted.
    private static func firstIndex<Gene>(in sorted: [Gene], notBelow value: Int, key: (Gene) -> Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(sorted[mid]) < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Whether adding `from → to` would close a cycle (counting disabled genes too,
    /// so that re-enabling a gene can never create one).
    public func createsCycle(from: Int, to: Int) -> Bool {
        if from == to { return true }
        // Is `from` reachable from `to`? Depth-first over node indices with a visited
        // flag per node, in stack memory for small genomes (no allocation).
        guard let start = nodeIndex(to) else { return createsCycleSlow(from: from, to: to) }
        let n = nodes.count
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * n) { buf in
            let visited = buf.baseAddress!, stack = visited + n
            visited.update(repeating: 0, count: n)
            visited[start] = 1
            stack[0] = Int32(start)
            var top = 1
            while top > 0 {
                top -= 1
                let id = nodes[Int(stack[top])].id
                for c in connections where c.from == id {
                    if c.to == from { return true }
                    guard let k = nodeIndex(c.to) else { return createsCycleSlow(from: from, to: to) }
                    if visited[k] == 0 { visited[k] = 1; stack[top] = Int32(k); top += 1 }
                }
            }
            return false
        }
    }

    /// `createsCycle` for genomes whose connections name unknown nodes.
    private func createsCycleSlow(from: Int, to: Int) -> Bool {
        var visited: Set<Int> = [to]
        var stack = [to]
        while let n = stack.popLast() {
            for c in connections where c.from == n {
                if c.to == from { return true }
                if visited.insert(c.to).inserted { stack.append(c.to) }
            }
        }
        return false
    }

    /// Inserts a connection keeping `connections` sorted by innovation.
    mutating func insertConnection(_ c: ConnectionGene) {
        connections.insert(c, at: Self.firstIndex(in: connections, notBelow: c.innovation, key: \.innovation))
    }

    /// Inserts a node keeping `nodes` sorted by id.
    mutating func insertNode(_ n: NodeGene) {
        nodes.insert(n, at: Self.firstIndex(in: nodes, notBelow: n.id, key: \.id))
    }
}
