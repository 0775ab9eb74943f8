extension Genome {
    /// Checks the structural invariants; returns a description of the first violation.
    ///
    /// What a compiled network relies on: nodes sorted by id, every id within the
    /// 32-bit range compiled networks index with (inputs −1 … −`numInputs`, other
    /// nodes 0 … `Int32.max`), every output present, connections sorted by
    /// innovation, each from an input or a node to a node (never into an input,
    /// never a self loop), at most one per (from, to), and no cycle among
    /// enabled and disabled connections together. Genomes read from files or the
    /// network are validated before they are compiled.
    ///
    /// - Complexity: O(n log n + c log n) for n nodes and c connections: no
    ///   arithmetic on ids that could overflow, no recursion.
    public func validate() -> String? {
        if let problem = validateShape() { return problem }
        if let problem = validateConnections() { return problem }
        return hasCycle() ? "connections form a cycle" : nil
    }

    private func validateShape() -> String? {
        guard numInputs >= 0, numInputs <= NetworkLimits.maxNodeID else { return "numInputs \(numInputs) is out of range" }
        guard numOutputs >= 0, numOutputs <= NetworkLimits.maxNodeID else { return "numOutputs \(numOutputs) is out of range" }
        for (i, n) in nodes.enumerated() {
            if n.id < 0 || n.id > NetworkLimits.maxNodeID { return "node id \(n.id) is out of range 0...\(NetworkLimits.maxNodeID)" }
            if i > 0 && nodes[i - 1].id >= n.id { return "nodes not sorted by id at \(i)" }
        }
        // Sorted, non-negative ids: outputs 0 ..< numOutputs are the first nodes.
        for o in 0..<min(numOutputs, nodes.count) where nodes[o].id != o { return "missing output node \(o)" }
        if numOutputs > nodes.count { return "missing output node \(nodes.count)" }
        for i in 1..<max(1, connections.count) where connections[i - 1].innovation >= connections[i].innovation {
            return "connections not sorted by innovation at \(i)"
        }
        return nil
    }

    private func validateConnections() -> String? {
        var pairs = Set<Int64>()
        pairs.reserveCapacity(connections.count)
        for c in connections {
            if c.to < 0 { return "connection \(c.innovation) ends at input \(c.to)" }
            if nodeIndex(c.to) == nil { return "connection \(c.innovation) ends at unknown node \(c.to)" }
            if c.from < 0 {
                if c.from < -numInputs { return "connection \(c.innovation) from unknown input \(c.from)" }
            } else if nodeIndex(c.from) == nil {
                return "connection \(c.innovation) from unknown node \(c.from)"
            }
            if c.from == c.to { return "connection \(c.innovation) connects node \(c.to) to itself" }
            // Both ends are now within Int32's range: the pair packs into 64 bits.
            let key = Int64(c.from) << 32 | Int64(UInt32(truncatingIfNeeded: c.to))
            if !pairs.insert(key).inserted { return "duplicate connection \(c.from)→\(c.to)" }
        }
        return nil
    }

    /// Kahn's algorithm over node indices (node-to-node connections only: inputs
    /// have no incoming connections, so they lie on no cycle). Expects
    /// `validateConnections()` to have passed.
    private func hasCycle() -> Bool {
        let n = nodes.count
        var indegree = [Int](repeating: 0, count: n)
        var outStart = [Int](repeating: 0, count: n + 1)
        var edges = [(Int, Int)]()
        edges.reserveCapacity(connections.count)
        for c in connections where c.from >= 0 {
            let f = nodeIndex(c.from)!, t = nodeIndex(c.to)!
            edges.append((f, t))
            indegree[t] += 1
            outStart[f + 1] += 1
        }
        for i in 0..<n { outStart[i + 1] += outStart[i] }
        var cursor = outStart
        var out = [Int](repeating: 0, count: edges.count)
        for (f, t) in edges {
            out[cursor[f]] = t
            cursor[f] += 1
        }
        var ready = (0..<n).filter { indegree[$0] == 0 }
        var placed = 0
        while let k = ready.popLast() {
            placed += 1
            for e in outStart[k]..<outStart[k + 1] {
                indegree[out[e]] -= 1
                if indegree[out[e]] == 0 { ready.append(out[e]) }
            }
        }
        return placed != n
    }
}
