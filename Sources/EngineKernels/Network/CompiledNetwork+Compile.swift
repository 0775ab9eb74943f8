extension CompiledNetwork {
    /// Reusable temporaries for `recompile(_:workspace:)`: keep one per thread and
    /// compiling allocates nothing once it has seen a genome as big as the current one.
    public struct Workspace: Sendable {
        var ints: [Int32] = []
        var pairs: [UInt64] = []
        public init() {}

        /// Grows the storage (never shrinks it) to hold a genome of these sizes.
        mutating func reserve(nodes: Int, connections: Int) {
            let need = CompileScratch.int32Count(nodes: nodes, connections: connections)
            if ints.count < need { ints = [Int32](repeating: 0, count: need * 2) }
            if pairs.count < connections { pairs = [UInt64](repeating: 0, count: max(16, connections * 2)) }
        }
    }

    /// Compiles the genome `genome` views into this value, reusing its storage (no
    /// allocation once the arrays are large enough and not shared); nothing is retained.
    ///
    /// Only nodes an output depends on are evaluated (found by walking enabled
    /// connections back from the outputs); they are ordered topologically, the
    /// lowest node id first among the ready ones (Kahn); each node's incoming
    /// connections are sorted by source slot.
    package mutating func recompile(_ genome: GenomeView, workspace: inout Workspace) {
        recompile(genome, workspace: &workspace, bitMaskNodeLimit: 64)
    }

    /// `recompile(_:workspace:)`, ordering genomes of at most `bitMaskNodeLimit` (≤ 64)
    /// nodes with bit masks and larger ones with the min-heap (tests compare the two).
    /// The steps: resolve each connection's endpoints to node indices and list each
    /// node's incoming connections; find the required nodes and their order; write
    /// the flat arrays; point the outputs at their slots.
    mutating func recompile(_ genome: GenomeView, workspace: inout Workspace, bitMaskNodeLimit: Int) {
        inputCount = genome.numInputs
        outputCount = genome.numOutputs
        workspace.reserve(nodes: genome.nodes.count, connections: genome.connections.count)
        var evaluated = 0
        workspace.ints.withUnsafeMutableBufferPointer { ints in
        workspace.pairs.withUnsafeMutableBufferPointer { pairs in
            var c = Compilation(genome, scratch: CompileScratch(ints.baseAddress!, genome))
            c.resolveEdges()
            let required: Int
            if c.nodeCount > 0 && c.nodeCount <= min(64, bitMaskNodeLimit) {
                // Small genomes: node sets as bit masks (the same nodes, the same order).
                required = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: c.nodeCount) { c.orderWithBitMasks(pred: $0.baseAddress!) }
            } else {
                required = c.orderWithHeap()
            }
            require(c.evaluated == required, "genome \(genome.id) has a cycle among enabled connections")
            emit(c, pairs: pairs.baseAddress!)
            outputSlots.removeAll(keepingCapacity: true)
            for o in 0..<c.numOutputs {
                let k = c.index(of: o)
                outputSlots.append(k >= 0 ? c.s.slot[Int(k)] : -1)
            }
            evaluated = c.evaluated
        }}
        slotCount = genome.numInputs + evaluated
    }

    /// Writes the flat arrays for the nodes `c` placed (in `c.s.order`, `c.s.slot`
    /// giving every placed node's slot), each node's sources sorted by slot; `pairs` is
    /// scratch for one node's sources.
    private mutating func emit(_ c: Compilation, pairs: UnsafeMutablePointer<UInt64>) {
        let m = c.evaluated, total = c.total
        // Grow only (see the storage's declaration): no change once the arrays have
        // held a network as large as this one.
        @inline(__always) func reserve<T>(_ a: inout [T], _ n: Int, _ fill: T) {
            if a.count < n { a.append(contentsOf: repeatElement(fill, count: n - a.count)) }
        }
        reserve(&nodeStartStorage, m + 1, 0); reserve(&nodeDenseFirstStorage, m, 0)
        reserve(&nodeActivationStorage, m, .identity); reserve(&nodeAggregationStorage, m, .sum)
        reserve(&nodeBiasStorage, m, 0); reserve(&nodeResponseStorage, m, 0)
        reserve(&connSourceStorage, total, 0); reserve(&connWeightStorage, total, 0)
        let nIn = inputCount
        var fanIn = 0, sumOnly = true, copies = false
        withMutableBuffers { starts, dense, activations, aggregations, biases, responses, sources, weights in
            var at = 0
            starts[0] = 0
            for k in 0..<m {
                let n = Int(c.s.order[k])
                let count = c.sortedSources(of: n, into: pairs)
                var contiguous = count > 0
                var q = 1
                while q < count { if pairs[q] >> 32 != (pairs[q - 1] >> 32) + 1 { contiguous = false }; q += 1 }
                dense[k] = contiguous ? Int32(truncatingIfNeeded: pairs[0] >> 32) : -1
                // Reads input slots other than as a dense run among the inputs alone?
                let inputsInPlace = contiguous && Int(pairs[count - 1] >> 32) < nIn
                if !inputsInPlace && count > 0 && Int(pairs[0] >> 32) < nIn { copies = true }
                for q in 0..<count {
                    sources[at] = Int32(truncatingIfNeeded: pairs[q] >> 32)
                    weights[at] = Float(bitPattern: UInt32(truncatingIfNeeded: pairs[q]))
                    at += 1
                }
                starts[k + 1] = Int32(at)
                let gene = c.nodes[n]
                activations[k] = gene.activation; aggregations[k] = gene.aggregation
                biases[k] = Float(gene.bias); responses[k] = Float(gene.response)
                fanIn = max(fanIn, count)
                if gene.aggregation != .sum { sumOnly = false }
            }
        }
        nodeCount = m
        connectionCount = total
        maxFanIn = fanIn
        allSum = sumOnly
        copiesInputs = copies || !sumOnly
    }
}

/// Where `recompile` keeps its per-node and per-connection integers: regions of one
/// Int32 buffer (the workspace's), C = connections, N = nodes:
/// edgeFrom[C] edgeTo[C] inStart[N+1] inList[C] outStart[N+1] outList[C] indeg[N] slot[N] heap[N] order[N].
struct CompileScratch {
    /// Each connection's endpoints as node indices; inputs stay negative (−1 − input
    /// index). −1 in edgeTo: ignored (disabled, unknown target, or from an unknown
    /// input); Int32.min in edgeFrom: from an unknown node (fatal only if required).
    let edgeFrom: UnsafeMutablePointer<Int32>, edgeTo: UnsafeMutablePointer<Int32>
    /// Node n's incoming connections are inList[inStart[n] ..< inStart[n + 1]], in innovation order.
    let inStart: UnsafeMutablePointer<Int32>, inList: UnsafeMutablePointer<Int32>
    /// Node n's required successors are outList[outStart[n] ..< outStart[n + 1]].
    let outStart: UnsafeMutablePointer<Int32>, outList: UnsafeMutablePointer<Int32>
    /// Required nodes' in-degrees among required nodes (−1: not required).
    let indeg: UnsafeMutablePointer<Int32>
    /// A fill cursor while lists are built, then each placed node's value slot.
    let slot: UnsafeMutablePointer<Int32>
    /// The walk's stack, then Kahn's min-heap.
    let heap: UnsafeMutablePointer<Int32>
    /// The placed nodes, in evaluation order.
    let order: UnsafeMutablePointer<Int32>

    static func int32Count(nodes: Int, connections: Int) -> Int { 4 * connections + 6 * nodes + 2 }

    @inline(__always)
    init(_ base: UnsafeMutablePointer<Int32>, _ genome: GenomeView) {
        let n = genome.nodes.count, c = genome.connections.count
        edgeFrom = base; edgeTo = base + c
        inStart = base + 2 * c; inList = inStart + n + 1
        outStart = inList + c; outList = outStart + n + 1
        indeg = outList + c; slot = indeg + n; heap = slot + n
        order = heap + n
    }
}

/// One genome being compiled: its genes, the scratch regions, and what the ordering
/// steps found (how many nodes are placed, how many connections they read).
struct Compilation {
    let nodes: UnsafeBufferPointer<NodeGene>
    let conns: UnsafeBufferPointer<ConnectionGene>
    let genomeID: Int
    let numInputs: Int, numOutputs: Int
    let s: CompileScratch
    /// Nodes placed in `s.order` so far.
    var evaluated = 0
    /// Incoming connections of the placed nodes.
    var total = 0

    var nodeCount: Int { nodes.count }
    var connCount: Int { conns.count }

    @inline(__always)
    init(_ genome: GenomeView, scratch: CompileScratch) {
        nodes = genome.nodes; conns = genome.connections; genomeID = genome.id
        numInputs = genome.numInputs; numOutputs = genome.numOutputs
        s = scratch
    }

    /// The index of node `id` in `nodes`, or −1. Node ids are sorted and distinct: a
    /// binary search whose steps are selects, not branches (the loop count depends
    /// only on the node count).
    @inline(__always)
    func index(of id: Int) -> Int32 {
        let count = nodes.count
        guard count > 0 else { return -1 }
        var lo = 0, len = count
        while len > 1 {
            let half = len >> 1
            lo = nodes[lo + half].id <= id ? lo + half : lo
            len -= half
        }
        return nodes[lo].id == id ? Int32(lo) : -1
    }

    /// Resolves every connection's endpoints (`s.edgeFrom`, `s.edgeTo`) and lists each
    /// node's incoming enabled connections, in innovation order (`s.inStart`, `s.inList`).
    @inline(__always)
    func resolveEdges() {
        let nodeCount = self.nodeCount, connCount = self.connCount
        for i in 0..<(nodeCount + 1) { s.inStart[i] = 0; s.outStart[i] = 0 }
        for e in 0..<connCount {
            let c = conns[e]
            s.edgeTo[e] = -1
            guard c.enabled else { continue }
            let t = index(of: c.to)
            guard t >= 0 else { continue }
            if c.from < 0 {
                guard -c.from <= numInputs else { continue }
                s.edgeFrom[e] = Int32(c.from)
            } else {
                let f = index(of: c.from)
                s.edgeFrom[e] = f >= 0 ? f : Int32.min
            }
            s.edgeTo[e] = t
            s.inStart[Int(t) + 1] += 1
        }
        for i in 0..<nodeCount { s.inStart[i + 1] += s.inStart[i] }
        // `slot` as a fill cursor.
        for i in 0..<nodeCount { s.slot[i] = s.inStart[i] }
        for e in 0..<connCount where s.edgeTo[e] >= 0 {
            let t = Int(s.edgeTo[e])
            s.inList[Int(s.slot[t])] = Int32(e)
            s.slot[t] += 1
        }
    }

    /// Places node `n` next: its slot, its place in the order, its connections counted.
    @inline(__always)
    mutating func place(_ n: Int) {
        s.slot[n] = Int32(numInputs + evaluated)
        s.order[evaluated] = Int32(n)
        evaluated += 1
        total += Int(s.inStart[n + 1] - s.inStart[n])
    }

    /// The required nodes and their order for genomes of at most 64 nodes, with node
    /// sets as bit masks (`pred`: scratch for each node's predecessors): required are
    /// the outputs and, recursively, the nodes they read through enabled connections;
    /// the order is Kahn's taking the lowest ready node index first, which is what
    /// `orderWithHeap` does. Returns the number of required nodes.
    @inline(__always)
    mutating func orderWithBitMasks(pred: UnsafeMutablePointer<UInt64>) -> Int {
        pred.update(repeating: 0, count: nodeCount)
        var unknownSources = false
        for e in 0..<connCount where s.edgeTo[e] >= 0 {
            let f = s.edgeFrom[e]
            if f >= 0 { pred[Int(s.edgeTo[e])] |= 1 << UInt64(f) } else if f == Int32.min { unknownSources = true }
        }
        var outputs: UInt64 = 0
        for o in 0..<numOutputs {
            let k = index(of: o)
            require(k >= 0, "genome \(genomeID) has no output node \(o)")
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
            for e in 0..<connCount where s.edgeTo[e] >= 0 && s.edgeFrom[e] == Int32.min && req & (1 << UInt64(s.edgeTo[e])) != 0 {
                fatalError("genome \(genomeID): connection \(conns[e].innovation) comes from an unknown node")
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
            place(n)
        }
        return req.nonzeroBitCount
    }

    /// The required nodes and their order for any genome: the walk back from the
    /// outputs (`markRequired`), the required nodes' successor lists
    /// (`listSuccessors`), then Kahn with a min-heap. Returns the number of required nodes.
    @inline(__always)
    mutating func orderWithHeap() -> Int {
        let required = markRequired()
        listSuccessors()
        var heap = MinHeap(s.heap)
        for i in 0..<nodeCount where s.indeg[i] == 0 { heap.push(Int32(i)) }
        while !heap.isEmpty {
            let n = Int(heap.pop())
            // `slot[n]` is free once n is placed (fill cursors are no longer needed).
            place(n)
            for p in Int(s.outStart[n])..<Int(s.outStart[n + 1]) {
                let m = Int(s.outList[p])
                s.indeg[m] -= 1
                if s.indeg[m] == 0 { heap.push(Int32(m)) }
            }
        }
        return required
    }

    /// Marks the required nodes (`s.indeg` 0, the others −1) by walking enabled
    /// connections back from the outputs; returns how many there are.
    @inline(__always)
    func markRequired() -> Int {
        for i in 0..<nodeCount { s.indeg[i] = -1 }
        var top = 0
        for o in 0..<numOutputs {
            let k = index(of: o)
            require(k >= 0, "genome \(genomeID) has no output node \(o)")
            if s.indeg[Int(k)] < 0 { s.indeg[Int(k)] = 0; s.heap[top] = k; top += 1 }
        }
        var required = top
        while top > 0 {
            top -= 1
            let n = Int(s.heap[top])
            for p in Int(s.inStart[n])..<Int(s.inStart[n + 1]) {
                let f = s.edgeFrom[Int(s.inList[p])]
                if f < 0 {
                    require(f != Int32.min, "genome \(genomeID): connection \(conns[Int(s.inList[p])].innovation) comes from an unknown node")
                    continue
                }
                if s.indeg[Int(f)] < 0 { s.indeg[Int(f)] = 0; s.heap[top] = f; top += 1; required += 1 }
            }
        }
        return required
    }

    /// The required nodes' in-degrees and successor lists, among required nodes and
    /// node sources only (`s.indeg`, `s.outStart`, `s.outList`).
    @inline(__always)
    func listSuccessors() {
        for e in 0..<connCount where s.edgeTo[e] >= 0 && s.edgeFrom[e] >= 0 {
            let t = Int(s.edgeTo[e]), f = Int(s.edgeFrom[e])
            guard s.indeg[t] >= 0 && s.indeg[f] >= 0 else { continue }
            s.indeg[t] += 1
            s.outStart[f + 1] += 1
        }
        for i in 0..<nodeCount { s.outStart[i + 1] += s.outStart[i] }
        for i in 0..<nodeCount { s.slot[i] = s.outStart[i] }
        for e in 0..<connCount where s.edgeTo[e] >= 0 && s.edgeFrom[e] >= 0 {
            let t = Int(s.edgeTo[e]), f = Int(s.edgeFrom[e])
            guard s.indeg[t] >= 0 && s.indeg[f] >= 0 else { continue }
            s.outList[Int(s.slot[f])] = Int32(t)
            s.slot[f] += 1
        }
    }

    /// Node `n`'s sources as (slot << 32 | weight bits), sorted, in `pairs`; returns
    /// how many. Sources are distinct, so sorting the pairs sorts by slot.
    @inline(__always)
    func sortedSources(of n: Int, into pairs: UnsafeMutablePointer<UInt64>) -> Int {
        var count = 0
        for p in Int(s.inStart[n])..<Int(s.inStart[n + 1]) {
            let e = Int(s.inList[p])
            let f = s.edgeFrom[e]
            let source = f < 0 ? UInt64(-1 - Int(f)) : UInt64(s.slot[Int(f)])
            let x = source << 32 | UInt64(Float(conns[e].weight).bitPattern)
            var j = count
            while j > 0 && pairs[j - 1] > x { pairs[j] = pairs[j - 1]; j -= 1 }
            pairs[j] = x
            count += 1
        }
        return count
    }
}

/// A binary min-heap of node indices over caller-provided storage: Kahn's algorithm
/// always takes the ready node with the lowest id (nodes are sorted by id, so the
/// lowest index).
struct MinHeap {
    private let heap: UnsafeMutablePointer<Int32>
    private var top = 0

    init(_ storage: UnsafeMutablePointer<Int32>) { heap = storage }

    var isEmpty: Bool { top == 0 }

    @inline(__always)
    mutating func push(_ x: Int32) {
        var i = top
        heap[i] = x; top += 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if heap[parent] <= heap[i] { break }
            let t = heap[parent]; heap[parent] = heap[i]; heap[i] = t; i = parent
        }
    }

    @inline(__always)
    mutating func pop() -> Int32 {
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
}
