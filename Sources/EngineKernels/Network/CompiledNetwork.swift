/// A genome compiled once into a flat, topologically ordered feed-forward network.
///
/// Values live in "slots": slot `i < inputCount` is input `i`; every evaluated node
/// has one slot after that, in topological order. Each node's incoming enabled
/// connections are a contiguous run of (source slot, weight), sorted by source, so
/// evaluation is a single pass over flat arrays with no allocation.
///
/// Evaluation never changes a `CompiledNetwork`, and it is `Sendable`: share one
/// across threads, give each thread its own `scratch` buffer (`scratchCount` /
/// `batchScratchCount`). `recompile(_:workspace:)` reuses one value's storage for
/// another genome (training keeps one per worker thread).
///
/// ```swift
/// let net = CompiledNetwork(genome)
/// let out = net.activate([0, 1, 1])           // convenience, allocates
/// net.evaluate(inputs: p, outputs: q, scratch: s) // hot path, no allocation
/// ```
public struct CompiledNetwork: Sendable {
    public internal(set) var inputCount: Int
    public internal(set) var outputCount: Int
    /// Total value slots (inputs + evaluated nodes).
    public internal(set) var slotCount: Int
    // The node and connection arrays are storage that only grows: recompiling a
    // smaller genome leaves their tails unused instead of shrinking them (resizing
    // eight arrays per genome was a good part of compiling's cost). Only the first
    // `nodeCount` (+1 for `nodeStartStorage`) and `connectionCount` entries count;
    // the accessors below give exactly those.
    /// Node k's connections are nodeStartStorage[k] ..< nodeStartStorage[k+1]; its slot is inputCount + k.
    @usableFromInline package internal(set) var nodeStartStorage: [Int32]
    @usableFromInline package internal(set) var nodeActivationStorage: [Activation]
    @usableFromInline package internal(set) var nodeAggregationStorage: [Aggregation]
    @usableFromInline package internal(set) var nodeBiasStorage: [Float]
    @usableFromInline package internal(set) var nodeResponseStorage: [Float]
    /// First source slot when a node's sources are one contiguous run, else −1.
    @usableFromInline var nodeDenseFirstStorage: [Int32]
    @usableFromInline package internal(set) var connSourceStorage: [Int32]
    @usableFromInline package internal(set) var connWeightStorage: [Float]
    /// Slot of each output, or −1 when the output is not computed (reads 0).
    @usableFromInline package internal(set) var outputSlots: [Int32]
    /// Largest number of incoming connections of any node.
    @usableFromInline var maxFanIn: Int
    /// Whether every node sums its inputs (the fast path).
    @usableFromInline var allSum: Bool
    /// Whether some node reads an input slot other than through a dense run that
    /// lies wholly among the inputs (those read the caller's inputs in place); when
    /// false, evaluation does not copy the inputs into the scratch values.
    @usableFromInline var copiesInputs: Bool

    /// Number of evaluated (hidden and output) nodes.
    public internal(set) var nodeCount: Int
    /// Number of enabled connections evaluated.
    public internal(set) var connectionCount: Int

    /// For node k, its connections' range: nodeStart[k] ..< nodeStart[k + 1] (nodeCount + 1 entries).
    var nodeStart: [Int32] { Array(nodeStartStorage.prefix(nodeCount + 1)) }
    var nodeActivation: [Activation] { Array(nodeActivationStorage.prefix(nodeCount)) }
    var nodeAggregation: [Aggregation] { Array(nodeAggregationStorage.prefix(nodeCount)) }
    var nodeBias: [Float] { Array(nodeBiasStorage.prefix(nodeCount)) }
    var nodeResponse: [Float] { Array(nodeResponseStorage.prefix(nodeCount)) }
    /// For node k, its first source slot when its sources are one contiguous run, else −1.
    var nodeDenseFirst: [Int32] { Array(nodeDenseFirstStorage.prefix(nodeCount)) }
    /// Each connection's source slot, node by node.
    var connSource: [Int32] { Array(connSourceStorage.prefix(connectionCount)) }
    var connWeight: [Float] { Array(connWeightStorage.prefix(connectionCount)) }
    /// Floats of scratch space `evaluate` needs: the values, then room for a non-sum
    /// node's products in double precision or a dense layer's vector parts (8 per node).
    public var scratchCount: Int { slotCount + max(maxFanIn * 2, nodeCount * 8) + 8 }
    /// Floats of scratch space `evaluateBatch` needs (the values of 8 rows, then 8
    /// dot products' vector parts of 8 floats each, and more).
    public var batchScratchCount: Int { (slotCount + 1) * 8 + 64 + maxFanIn * 2 + 8 }

    /// An empty network (no inputs, no nodes): storage for `recompile`.
    public init(empty: ()) {
        inputCount = 0; outputCount = 0; slotCount = 0; nodeCount = 0; connectionCount = 0
        nodeStartStorage = [0]; nodeActivationStorage = []; nodeAggregationStorage = []; nodeBiasStorage = []; nodeResponseStorage = []
        nodeDenseFirstStorage = []; connSourceStorage = []; connWeightStorage = []; outputSlots = []
        maxFanIn = 0; allSum = true; copiesInputs = false
    }

    /// Evaluates one input vector (convenience; allocates).
    public func activate(_ inputs: [Double]) -> [Double] {
        require(inputs.count == inputCount, "expected \(inputCount) inputs, got \(inputs.count)")
        let fin = inputs.map(Float.init)
        var out = [Float](repeating: 0, count: outputCount)
        var scratch = [Float](repeating: 0, count: scratchCount)
        fin.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                scratch.withUnsafeMutableBufferPointer { s in evaluate(inputs: i.baseAddress!, outputs: o.baseAddress!, scratch: s.baseAddress!) }
            }
        }
        return out.map(Double.init)
    }

    /// Evaluates one vector: `inputs` has `inputCount` floats, `outputs` receives
    /// `outputCount`, `scratch` has at least `scratchCount`. Allocates nothing.
    public func evaluate(inputs: UnsafePointer<Float>, outputs: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        evaluateRows(inputs: inputs, rows: 1, outputs: outputs, scratch: scratch)
    }

    /// Evaluates `count` vectors, row-major: `inputs` holds `count × inputCount`
    /// floats, `outputs` receives `count × outputCount`; `scratch` has at least
    /// `batchScratchCount` floats. Allocates nothing.
    ///
    /// Up to eight vectors go through the network together, node by node: each
    /// node's weights are used for all of them while they are in cache, and the
    /// eight dot products and activations are independent work the CPU overlaps.
    /// Every vector's arithmetic is exactly `evaluate`'s (same operations in the
    /// same order), so the outputs are bit-identical to eight single calls.
    public func evaluateBatch(inputs: UnsafePointer<Float>, count: Int, outputs: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        if !allSum {
            for r in 0..<count { evaluate(inputs: inputs + r * inputCount, outputs: outputs + r * outputCount, scratch: scratch) }
            return
        }
        var row = 0
        while row < count {
            let rows = min(8, count - row)
            evaluateRows(inputs: inputs + row * inputCount, rows: rows, outputs: outputs + row * outputCount, scratch: scratch)
            row += rows
        }
    }

    /// Evaluates `rows` (1 … 8) vectors; row r's values live at `scratch + r × slotCount`
    /// (a single row may also need the aggregation buffer after its values).
    @inline(__always)
    private func evaluateRows(inputs: UnsafePointer<Float>, rows: Int, outputs: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let stride = slotCount, nIn = inputCount
        if copiesInputs {
            for r in 0..<rows { (scratch + r &* stride).update(from: inputs + r &* nIn, count: nIn) }
        }
        let buffers = self.buffers
        let starts = buffers.starts, src = buffers.sources, w = buffers.weights, dense = buffers.dense
        let bias = buffers.biases, resp = buffers.responses, act = buffers.activations, aggregations = buffers.aggregations
        var k = 0
        while k < nodeCount {
            defer { k &+= 1 }
            let lo = Int(starts[k]), hi = Int(starts[k + 1])
            let b = bias[k], rs = resp[k], f = act[k]
            let out = scratch + nIn + k
            if !allSum && aggregations[k] != .sum {
                // Only reached with rows == 1 (batches of such networks go row by row).
                let acc = Float(Self.aggregate(aggregations[k], lo: lo, hi: hi, values: scratch, src: src, w: w, tmp: scratch + stride))
                out.pointee = Self.activate(f, b + rs * acc)
            } else if dense[k] >= 0 {
                let first = Int(dense[k]), len = hi - lo, wp = w.baseAddress! + lo
                // Sources all inputs: read the caller's rows in place; else the values.
                let inPlace = first + len <= nIn
                let base = inPlace ? inputs + first : UnsafePointer(scratch + first)
                let rowStride = inPlace ? nIn : stride
                if rows == 1 {
                    if k &+ 1 < nodeCount && dense[k &+ 1] == dense[k] && Int(starts[k &+ 2]) &- hi == len {
                        // This node and the ones after it reading the same run: one layer.
                        k &+= evaluateLayer(from: k, x: base, length: len, buffers: buffers, values: scratch + nIn,
                                            parts: UnsafeMutableRawPointer(scratch + stride)) &- 1
                    } else {
                        out.pointee = Self.activate(f, b + rs * Self.dot(base, wp, len))
                    }
                    continue
                }
                // First the vector part of every row's dot product (two rows share each
                // weight load), then each row's reduction, tail and activation: short
                // independent chains the CPU overlaps. Each row's operations are exactly
                // `dot`'s, in `dot`'s order. The parts wait in the scratch after the rows' values.
                let parts = UnsafeMutableRawPointer(scratch + 8 &* stride), size = MemoryLayout<SIMD8<Float>>.stride
                Self.storeDotPartials(count: rows, first: base, stride: rowStride, shared: wp, length: len, into: parts)
                let tail = len & ~7
                for r in 0..<rows {
                    let x = base + r &* rowStride
                    var acc: Float = len >= 8 ? parts.loadUnaligned(fromByteOffset: r &* size, as: SIMD8<Float>.self).sum() : 0
                    var j = tail
                    while j < len { acc += x[j] * wp[j]; j &+= 1 }
                    out[r &* stride] = Self.activate(f, b + rs * acc)
                }
            } else {
                for r in 0..<rows {
                    let v = scratch + r &* stride
                    var acc: Float = 0
                    var j = lo
                    while j < hi { acc += v[Int(src[j])] * w[j]; j += 1 }
                    out[r &* stride] = Self.activate(f, b + rs * acc)
                }
            }
        }
        for o in 0..<outputCount {
            let s = Int(outputSlots[o])
            for r in 0..<rows { outputs[r &* outputCount + o] = s >= 0 ? scratch[r &* stride + s] : 0 }
        }
    }

    /// Evaluates, for one vector, node `k0` and the nodes after it that read the same
    /// contiguous run of `length` slots at `x` (a dense layer; `k0` reads one): their
    /// weights are consecutive rows of `length`. Returns how many nodes it evaluated.
    ///
    /// First the vector part of every node's dot product (two nodes share each load
    /// of `x`: `dotPartial2` with the weights as its two rows, products commute
    /// exactly; the parts wait at `parts`), then each node's reduction and scalar tail,
    /// then the activations: short independent chains the CPU overlaps, where node
    /// after node each waited on its own. Every node's operations are exactly `dot`'s,
    /// in `dot`'s order, so the values are bit-identical to evaluating node by node.
    /// No node of the layer reads another (each reads only slots before its own, and
    /// all read the same run), so the order of the steps does not matter. Called for
    /// layers of two nodes or more (kept out of line: a network of single nodes pays
    /// nothing for it).
    @inline(never)
    private func evaluateLayer(from k0: Int, x: UnsafePointer<Float>, length len: Int, buffers: Buffers,
                               values: UnsafeMutablePointer<Float>, parts: UnsafeMutableRawPointer) -> Int {
        let starts = buffers.starts, dense = buffers.dense, aggregations = buffers.aggregations
        let first = dense[k0], lo = Int(starts[k0])
        var count = 1
        while k0 &+ count < nodeCount && dense[k0 &+ count] == first && Int(starts[k0 &+ count &+ 1]) &- Int(starts[k0 &+ count]) == len
                && (allSum || aggregations[k0 &+ count] == .sum) {
            count &+= 1
        }
        let w = buffers.weights.baseAddress! + lo, size = MemoryLayout<SIMD8<Float>>.stride
        Self.storeDotPartials(count: count, first: w, stride: len, shared: x, length: len, into: parts)
        let bias = buffers.biases, resp = buffers.responses, act = buffers.activations
        let tail = len & ~7
        for i in 0..<count {
            let wi = w + i &* len
            var acc: Float = len >= 8 ? parts.loadUnaligned(fromByteOffset: i &* size, as: SIMD8<Float>.self).sum() : 0
            var j = tail
            while j < len { acc += x[j] * wi[j]; j &+= 1 }
            values[k0 &+ i] = bias[k0 &+ i] + resp[k0 &+ i] * acc
        }
        for i in 0..<count { values[k0 &+ i] = Self.activate(act[k0 &+ i], values[k0 &+ i]) }
        return count
    }

    /// `f.apply(z)`, with the sigmoid inlined (the same operations) and every other
    /// function one call away, so that this stays small enough to inline everywhere.
    @inline(__always)
    static func activate(_ f: Activation, _ z: Float) -> Float {
        f == .sigmoid ? Activation.sigmoid(z) : applyOutOfLine(f, z)
    }

    @inline(never)
    static func applyOutOfLine(_ f: Activation, _ z: Float) -> Float { f.apply(z) }

    /// The vector parts of `count` dot products, the i-th of the `length` floats at
    /// `first + i * stride` with `shared`, stored as SIMD8s at `parts` (two at a time,
    /// sharing each load of `shared`). A batch's rows against one node's weights and a
    /// layer's weight rows against one input vector are both this. Below 8 floats there
    /// is no vector part (see `dot`) and nothing is stored.
    @inline(__always)
    static func storeDotPartials(count: Int, first: UnsafePointer<Float>, stride: Int, shared: UnsafePointer<Float>,
                                 length len: Int, into parts: UnsafeMutableRawPointer) {
        let size = MemoryLayout<SIMD8<Float>>.stride
        var i = len >= 8 ? 0 : count
        while i &+ 1 < count {
            let (p, q) = dotPartial2(first + i &* stride, first + (i &+ 1) &* stride, shared, len)
            parts.storeBytes(of: p, toByteOffset: i &* size, as: SIMD8<Float>.self)
            parts.storeBytes(of: q, toByteOffset: (i &+ 1) &* size, as: SIMD8<Float>.self)
            i &+= 2
        }
        if i < count && len >= 8 {
            let p = dotPartial2(first + i &* stride, first + i &* stride, shared, len).0
            parts.storeBytes(of: p, toByteOffset: i &* size, as: SIMD8<Float>.self)
        }
    }

    /// The vector part of `dot(a, w, n)` and `dot(b, w, n)` (the `s0 + s1` each sums
    /// before its scalar tail from `n & ~7`), with `dot`'s operations in `dot`'s
    /// order, loading `w` once for both.
    @inline(__always)
    static func dotPartial2(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ n: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        var a0 = SIMD8<Float>(repeating: 0), a1 = SIMD8<Float>(repeating: 0)
        var b0 = SIMD8<Float>(repeating: 0), b1 = SIMD8<Float>(repeating: 0)
        var j = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b), rw = UnsafeRawPointer(w)
        while j + 16 <= n {
            let w0 = rw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            let w1 = rw.loadUnaligned(fromByteOffset: (j + 8) * 4, as: SIMD8<Float>.self)
            a0 += ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) * w0
            b0 += rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) * w0
            a1 += ra.loadUnaligned(fromByteOffset: (j + 8) * 4, as: SIMD8<Float>.self) * w1
            b1 += rb.loadUnaligned(fromByteOffset: (j + 8) * 4, as: SIMD8<Float>.self) * w1
            j += 16
        }
        if j + 8 <= n {
            let w0 = rw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            a0 += ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) * w0
            b0 += rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) * w0
        }
        return (a0 + a1, b0 + b1)
    }

    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0 = SIMD8<Float>(repeating: 0), s1 = SIMD8<Float>(repeating: 0)
        var j = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while j + 16 <= n {
            s0 += ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            s1 += ra.loadUnaligned(fromByteOffset: (j + 8) * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: (j + 8) * 4, as: SIMD8<Float>.self)
            j += 16
        }
        if j + 8 <= n {
            s0 += ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            j += 8
        }
        // Below 8 the lanes are all +0 and so is their sum: skip its 8-add chain.
        var acc: Float = n >= 8 ? (s0 + s1).sum() : 0
        while j < n { acc += a[j] * b[j]; j += 1 }
        return acc
    }

    /// The slow path for non-sum aggregations (double precision, like neat-python).
    private static func aggregate(_ aggregation: Aggregation, lo: Int, hi: Int, values: UnsafeMutablePointer<Float>,
                                  src: UnsafeBufferPointer<Int32>, w: UnsafeBufferPointer<Float>, tmp: UnsafeMutablePointer<Float>) -> Double {
        let raw = UnsafeMutableRawPointer(tmp).alignedUp(for: Double.self).assumingMemoryBound(to: Double.self)
        for j in lo..<hi { raw[j - lo] = Double(values[Int(src[j])]) * Double(w[j]) }
        return aggregation.apply(UnsafeBufferPointer(start: raw, count: hi - lo))
    }
}
