extension CompiledNetwork {
    /// Reusable temporaries for `recompile(_:workspace:)`: keep one per thread and
    /// compiling allocates nothing once it has seen a genome as big as the current one.
    public struct Workspace: Sendable {
        var ints: [Int32] = []
        var pairs: [UInt64] = []
        public init() {}
    }

    /// Compiles `genome` into this value, reusing its storage (no allocation once
    /// the arrays are large enough and not shared). Gives exactly what
    /// `CompiledNetwork(genome)` gives.
    ///
    /// Only nodes an output depends on are evaluated (found by walking enabled
    /// connections back from the outputs); they are ordered topologically, the
    /// lowest node id first among the ready ones (Kahn); each node's incoming
    /// connections are sorted by source slot.
    public mutating func recompile(_ genome: borrowing Genome, workspace: inout Workspace) {
        genome.withView { recompile($0, workspace: &workspace) }
    }

    /// `recompile(_:workspace:)` from a view of the genome's genes (nothing retained).
    public mutating func recompile(_ genome: GenomeView, workspace: inout Workspace) {
        recompile(genome, workspace: &workspace, bitMaskNodeLimit: 64)
    }

    /// `recompile(_:workspace:)`, ordering genomes of at most `bitMaskNodeLimit` (≤ 64)
    /// nodes with bit masks and larger ones with the min-heap (tests compare the two).
    mutating func recompile(_ genome: GenomeView, workspace: inout Workspace, bitMaskNodeLimit: Int) {
        let numInputs = genome.numInputs, numOutputs = genome.numOutputs
        let nodeCount = genome.nodes.count, connCount = genome.connections.count
        inputCount = numInputs
        outputCount = numOutputs
        // Int32 regions: edgeFrom[C] edgeTo[C] inStart[N+1] inList[C] outStart[N+1] outList[C]
        // indeg[N] (−1: not required) slot[N] stack/heap[N] order[N].
        let need = 4 * connCount + 6 * nodeCount + 2
        if workspace.ints.count < need { workspace.ints = [Int32](repeating: 0, count: need * 2) }
        if workspace.pairs.count < connCount { workspace.pairs = [UInt64](repeating: 0, count: max(16, connCount * 2)) }
        var evaluated = 0, total = 0
        workspace.ints.withUnsafeMutableBufferPointer { ib in
        workspace.pairs.withUnsafeMutableBufferPointer { pb in
            let nodes = genome.nodes, conns = genome.connections
            let base = ib.baseAddress!
            let edgeFrom = base, edgeTo = base + connCount
            let inStart = base + 2 * connCount, inList = inStart + nodeCount + 1
            let outStart = inList + connCount, outList = outStart + nodeCount + 1
            let indeg = outList + connCount, slot = indeg + nodeCount, heap = slot + nodeCount
            let order = heap + nodeCount

            // Node ids are sorted and distinct: a binary search whose steps are selects, not
            // branches (the loop count depends only on nodeCount).
            @inline(__always) func index(of id: Int) -> Int32 {
                guard nodeCount > 0 else { return -1 }
                var lo = 0, len = nodeCount
                while len > 1 {
                    let half = len >> 1
                    lo = nodes[lo + half].id <= id ? lo + half : lo
                    len -= half
                }
                return nodes[lo].id == id ? Int32(lo) : -1
            }

            // Endpoints as node indices; inputs stay negative (−1 − input index).
            // −1 in edgeTo: ignored (disabled, unknown target, or from an unknown input).
            // Int32.min in edgeFrom: from an unknown node (fatal only if it is required).
            for i in 0..<(nodeCount + 1) { inStart[i] = 0; outStart[i] = 0 }
            for e in 0..<connCount {
                let c = conns[e]
                edgeTo[e] = -1
                guard c.enabled else { continue }
                let t = index(of: c.to)
                guard t >= 0 else { continue }
                if c.from < 0 {
                    guard -c.from <= numInputs else { continue }
                    edgeFrom[e] = Int32(c.from)
                } else {
                    let f = index(of: c.from)
                    edgeFrom[e] = f >= 0 ? f : Int32.min
                }
                edgeTo[e] = t
                inStart[Int(t) + 1] += 1
            }
            for i in 0..<nodeCount { inStart[i + 1] += inStart[i] }
            // Incoming lists in connection (innovation) order; `slot` as a fill cursor.
            for i in 0..<nodeCount { slot[i] = inStart[i] }
            for e in 0..<connCount where edgeTo[e] >= 0 {
                let t = Int(edgeTo[e])
                inList[Int(slot[t])] = Int32(e)
                slot[t] += 1
            }

            var required = 0
            if nodeCount > 0 && nodeCount <= min(64, bitMaskNodeLimit) {
                // Small genomes: node sets as bit masks (the same nodes, the same order).
                required = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: nodeCount) { pb in
                    Self.orderSmall(numInputs: numInputs, numOutputs: numOutputs, nodeCount: nodeCount, connCount: connCount,
                                    genomeID: genome.id, conns: conns, index: index, edgeFrom: edgeFrom, edgeTo: edgeTo,
                                    inStart: inStart, slot: slot, order: order, pred: pb.baseAddress!,
                                    evaluated: &evaluated, total: &total)
                }
            } else {
                // Required nodes: walk enabled connections back from the outputs.
                for i in 0..<nodeCount { indeg[i] = -1 }
                var top = 0
                for o in 0..<numOutputs {
                    let k = index(of: o)
                    precondition(k >= 0, "genome \(genome.id) has no output node \(o)")
                    if indeg[Int(k)] < 0 { indeg[Int(k)] = 0; heap[top] = k; top += 1 }
                }
                required = top
                while top > 0 {
                    top -= 1
                    let n = Int(heap[top])
                    for p in Int(inStart[n])..<Int(inStart[n + 1]) {
                        let f = edgeFrom[Int(inList[p])]
                        if f < 0 {
                            precondition(f != Int32.min, "genome \(genome.id): connection \(conns[Int(inList[p])].innovation) comes from an unknown node")
                            continue
                        }
                        if indeg[Int(f)] < 0 { indeg[Int(f)] = 0; heap[top] = f; top += 1; required += 1 }
                    }
                }
                // In-degrees and outgoing lists among required nodes (node sources only).
                for e in 0..<connCount where edgeTo[e] >= 0 && edgeFrom[e] >= 0 {
                    let t = Int(edgeTo[e]), f = Int(edgeFrom[e])
                    guard indeg[t] >= 0 && indeg[f] >= 0 else { continue }
                    indeg[t] += 1
                    outStart[f + 1] += 1
                }
                for i in 0..<nodeCount { outStart[i + 1] += outStart[i] }
                for i in 0..<nodeCount { slot[i] = outStart[i] }
                for e in 0..<connCount where edgeTo[e] >= 0 && edgeFrom[e] >= 0 {
                    let t = Int(edgeTo[e]), f = Int(edgeFrom[e])
                    guard indeg[t] >= 0 && indeg[f] >= 0 else { continue }
                    outList[Int(slot[f])] = Int32(t)
                    slot[f] += 1
                }

                // Kahn: always take the ready node with the lowest id (nodes are sorted by
                // id, so the lowest index): a binary min-heap of indices.
                @inline(__always) func push(_ x: Int32) {
                    var i = top
                    heap[i] = x; top += 1
                    while i > 0 {
                        let parent = (i - 1) >> 1
                        if heap[parent] <= heap[i] { break }
                        let t = heap[parent]; heap[parent] = heap[i]; heap[i] = t; i = parent
                    }
                }
                @inline(__always) func pop() -> Int32 {
                    let r = heap[0]
                    top -= 1
                    heap[0] = heap[top]
                    var i = 0
                    while true {
                        let l = 2 * i + 1, rr = l + 1
                        var m = i
                        if l < top && heap[l] < heap[m] { m = l }
                        if rr < top && heap[rr] < heap[m] { m = rr }
                        if m == i { break }
                        let t = heap[m]; heap[m] = heap[i]; heap[i] = t; i = m
                    }
                    return r
                }
                top = 0
                for i in 0..<nodeCount where indeg[i] == 0 { push(Int32(i)) }
                while top > 0 {
                    let n = Int(pop())
                    // `slot[n]` is free once n is placed (fill cursors are no longer needed).
                    slot[n] = Int32(numInputs + evaluated)
                    evaluated += 1
                    for p in Int(outStart[n])..<Int(outStart[n + 1]) {
                        let m = Int(outList[p])
                        indeg[m] -= 1
                        if indeg[m] == 0 { push(Int32(m)) }
                    }
                    order[evaluated - 1] = Int32(n)
                    total += Int(inStart[n + 1] - inStart[n])
                }
            }
            precondition(evaluated == required, "genome \(genome.id) has a cycle among enabled connections")
            emit(order: order, count: evaluated, total: total, nodes: nodes, conns: conns, edgeFrom: edgeFrom,
                 inStart: inStart, inList: inList, slot: slot, pairs: pb.baseAddress!)
            outputSlots.removeAll(keepingCapacity: true)
            for o in 0..<numOutputs {
                let k = index(of: o)
                outputSlots.append(k >= 0 ? slot[Int(k)] : -1)
            }
        }}
        slotCount = numInputs + evaluated
    }

    /// `recompile`'s required nodes and topological order for genomes of at most 64
    /// nodes, with node sets as bit masks: required are the outputs and, recursively,
    /// the nodes they read through enabled connections; the order is Kahn's taking
    /// the lowest ready node index first, which is what the general path's min-heap
    /// does. Writes `slot` and `order` for the placed nodes and returns the number of
    /// required nodes.
    @inline(__always)
    private static func orderSmall(numInputs: Int, numOutputs: Int, nodeCount: Int, connCount: Int, genomeID: Int,
                                   conns: UnsafeBufferPointer<ConnectionGene>, index: (Int) -> Int32,
                                   edgeFrom: UnsafeMutablePointer<Int32>, edgeTo: UnsafeMutablePointer<Int32>,
                                   inStart: UnsafeMutablePointer<Int32>, slot: UnsafeMutablePointer<Int32>,
                                   order: UnsafeMutablePointer<Int32>, pred: UnsafeMutablePointer<UInt64>,
                                   evaluated: inout Int, total: inout Int) -> Int {
        pred.update(repeating: 0, count: nodeCount)
        var unknownSources = false
        for e in 0..<connCount where edgeTo[e] >= 0 {
            let f = edgeFrom[e]
            if f >= 0 { pred[Int(edgeTo[e])] |= 1 << UInt64(f) } else if f == Int32.min { unknownSources = true }
        }
        var outputs: UInt64 = 0
        for o in 0..<numOutputs {
            let k = index(o)
            precondition(k >= 0, "genome \(genomeID) has no output node \(o)")
            outputs |= 1 << UInt64(k)
        }
        var req = outputs, frontier = outputs
        while frontier != 0 {
            let n = frontier.trailingZeroBitCount
            frontier &= frontier &- 1
            let new = pred[n] & ~req
            req |= new
            frontier |= new
        }
        if unknownSources {
            for e in 0..<connCount where edgeTo[e] >= 0 && edgeFrom[e] == Int32.min && req & (1 << UInt64(edgeTo[e])) != 0 {
                preconditionFailure("genome \(genomeID): connection \(conns[e].innovation) comes from an unknown node")
            }
        }
        var remaining = req
        while remaining != 0 {
            var candidates = remaining, n = -1
            while candidates != 0 {
                let c = candidates.trailingZeroBitCount
                if pred[c] & remaining == 0 { n = c; break }
                candidates &= candidates &- 1
            }
            if n < 0 { break }  // a cycle: the caller's check fails
            remaining &= ~(1 << UInt64(n))
            slot[n] = Int32(numInputs + evaluated)
            order[evaluated] = Int32(n)
            evaluated += 1
            total += Int(inStart[n + 1] - inStart[n])
        }
        return req.nonzeroBitCount
    }

    /// Writes the flat arrays for the nodes in `order` (node indices; `slot` gives
    /// every placed node's slot), each node's sources sorted by slot.
    private mutating func emit(order: UnsafeMutablePointer<Int32>, count m: Int, total: Int, nodes: UnsafeBufferPointer<NodeGene>,
                               conns: UnsafeBufferPointer<ConnectionGene>, edgeFrom: UnsafeMutablePointer<Int32>,
                               inStart: UnsafeMutablePointer<Int32>, inList: UnsafeMutablePointer<Int32>,
                               slot: UnsafeMutablePointer<Int32>, pairs: UnsafeMutablePointer<UInt64>) {
        // Grow only (see the storage's declaration): no change once the arrays have
        // held a network as large as this one.
        @inline(__always) func reserve<T>(_ a: inout [T], _ n: Int, _ fill: T) {
            if a.count < n { a.append(contentsOf: repeatElement(fill, count: n - a.count)) }
        }
        reserve(&nodeStartStorage, m + 1, 0); reserve(&nodeDenseFirstStorage, m, 0)
        reserve(&nodeActivationStorage, m, .identity); reserve(&nodeAggregationStorage, m, .sum)
        reserve(&nodeBiasStorage, m, 0); reserve(&nodeResponseStorage, m, 0)
        reserve(&connSourceStorage, total, 0); reserve(&connWeightStorage, total, 0)
        var fanIn = 0, sumOnly = true, copies = false
        nodeStartStorage.withUnsafeMutableBufferPointer { starts in
        nodeDenseFirstStorage.withUnsafeMutableBufferPointer { dense in
        nodeActivationStorage.withUnsafeMutableBufferPointer { acts in
        nodeAggregationStorage.withUnsafeMutableBufferPointer { aggs in
        nodeBiasStorage.withUnsafeMutableBufferPointer { biases in
        nodeResponseStorage.withUnsafeMutableBufferPointer { responses in
        connSourceStorage.withUnsafeMutableBufferPointer { srcs in
        connWeightStorage.withUnsafeMutableBufferPointer { weights in
            var at = 0
            starts[0] = 0
            for k in 0..<m {
                let n = Int(order[k])
                let gene = nodes[n]
                var count = 0
                for p in Int(inStart[n])..<Int(inStart[n + 1]) {
                    let e = Int(inList[p])
                    let f = edgeFrom[e]
                    let s = f < 0 ? UInt64(-1 - Int(f)) : UInt64(slot[Int(f)])
                    // Sources are distinct, so sorting (slot, weight bits) sorts by slot.
                    let x = s << 32 | UInt64(Float(conns[e].weight).bitPattern)
                    var j = count
                    while j > 0 && pairs[j - 1] > x { pairs[j] = pairs[j - 1]; j -= 1 }
                    pairs[j] = x
                    count += 1
                }
                var contiguous = count > 0
                var q = 1
                while q < count { if pairs[q] >> 32 != (pairs[q - 1] >> 32) + 1 { contiguous = false }; q += 1 }
                dense[k] = contiguous ? Int32(truncatingIfNeeded: pairs[0] >> 32) : -1
                // Reads input slots other than as a dense run among the inputs alone?
                let inputsInPlace = contiguous && Int(pairs[count - 1] >> 32) < inputCount
                if !inputsInPlace && count > 0 && Int(pairs[0] >> 32) < inputCount { copies = true }
                for q in 0..<count {
                    srcs[at] = Int32(truncatingIfNeeded: pairs[q] >> 32)
                    weights[at] = Float(bitPattern: UInt32(truncatingIfNeeded: pairs[q]))
                    at += 1
                }
                starts[k + 1] = Int32(at)
                acts[k] = gene.activation; aggs[k] = gene.aggregation
                biases[k] = Float(gene.bias); responses[k] = Float(gene.response)
                fanIn = max(fanIn, count)
                if gene.aggregation != .sum { sumOnly = false }
            }
        }}}}}}}}
        nodeCount = m
        connectionCount = total
        maxFanIn = fanIn
        allSum = sumOnly
        copiesInputs = copies || !sumOnly
    }
}
