/// A genome compiled once into a flat, topologically ordered feed-forward network.
///
/// Values live in "slots": slot `i < inputCount` is input `i`; every evaluated node
/// has one slot after that, in topological order. Each node's incoming enabled
/// connections are a contiguous run of (source slot, weight), sorted by source, so
/// evaluation is a single pass over flat arrays with no allocation.
///
/// `CompiledNetwork` is immutable and `Sendable`: share one across threads, give
/// each thread its own `scratch` buffer (`scratchCount` / `batchScratchCount`).
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
    /// For evaluated node k: its slot is inputCount + k.
    @usableFromInline var nodeStart: [Int32]     // count = nodes + 1; node k's connections are nodeStart[k] ..< nodeStart[k+1]
    @usableFromInline var nodeActivation: [Activation]
    @usableFromInline var nodeAggregation: [Aggregation]
    @usableFromInline var nodeBias: [Float]
    @usableFromInline var nodeResponse: [Float]
    /// First source slot when a node's sources are one contiguous run, else −1.
    @usableFromInline var nodeDenseFirst: [Int32]
    @usableFromInline var connSource: [Int32]
    @usableFromInline var connWeight: [Float]
    /// Slot of each output, or −1 when the output is not computed (reads 0).
    @usableFromInline var outputSlots: [Int32]
    /// Largest number of incoming connections of any node.
    @usableFromInline var maxFanIn: Int
    /// Whether every node sums its inputs (the fast path).
    @usableFromInline var allSum: Bool

    /// Number of evaluated (hidden and output) nodes.
    public var nodeCount: Int { nodeActivation.count }
    /// Number of enabled connections evaluated.
    public var connectionCount: Int { connWeight.count }
    /// Floats of scratch space `evaluate` needs.
    public var scratchCount: Int { slotCount + maxFanIn * 2 + 8 }
    /// Floats of scratch space `evaluateBatch` needs (8 lanes per slot).
    public var batchScratchCount: Int { (slotCount + 1) * 8 + maxFanIn * 2 + 8 }

    /// Compiles `genome`: only nodes an output depends on are evaluated; disabled
    /// connections are dropped. (`recompile(_:workspace:)` does the same reusing storage.)
    public init(_ genome: Genome) {
        var workspace = Workspace()
        self.init(empty: ())
        recompile(genome, workspace: &workspace)
    }

    /// An empty network (no inputs, no nodes): storage for `recompile`.
    public init(empty: ()) {
        inputCount = 0; outputCount = 0; slotCount = 0
        nodeStart = [0]; nodeActivation = []; nodeAggregation = []; nodeBias = []; nodeResponse = []
        nodeDenseFirst = []; connSource = []; connWeight = []; outputSlots = []
        maxFanIn = 0; allSum = true
    }

    /// Evaluates one input vector (convenience; allocates).
    public func activate(_ inputs: [Double]) -> [Double] {
        precondition(inputs.count == inputCount, "expected \(inputCount) inputs, got \(inputs.count)")
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
        let v = scratch
        v.update(from: inputs, count: inputCount)
        nodeStart.withUnsafeBufferPointer { starts in
        connSource.withUnsafeBufferPointer { src in
        connWeight.withUnsafeBufferPointer { w in
        nodeDenseFirst.withUnsafeBufferPointer { dense in
        nodeBias.withUnsafeBufferPointer { bias in
        nodeResponse.withUnsafeBufferPointer { resp in
        nodeActivation.withUnsafeBufferPointer { act in
            let n = act.count
            for k in 0..<n {
                let lo = Int(starts[k]), hi = Int(starts[k + 1])
                var acc: Float
                if !allSum && nodeAggregation[k] != .sum {
                    acc = Float(aggregate(k, lo: lo, hi: hi, values: v, src: src, w: w, tmp: v + slotCount))
                } else if dense[k] >= 0 {
                    acc = Self.dot(v + Int(dense[k]), w.baseAddress! + lo, hi - lo)
                } else {
                    acc = 0
                    var j = lo
                    while j < hi { acc += v[Int(src[j])] * w[j]; j += 1 }
                }
                v[inputCount + k] = act[k].apply(bias[k] + resp[k] * acc)
            }
        }}}}}}}
        for o in 0..<outputCount {
            let s = outputSlots[o]
            outputs[o] = s >= 0 ? v[Int(s)] : 0
        }
    }

    /// Evaluates `count` vectors, row-major: `inputs` holds `count × inputCount`
    /// floats, `outputs` receives `count × outputCount`; `scratch` has at least
    /// `batchScratchCount` floats. Eight vectors go through the network together,
    /// one SIMD lane each. Allocates nothing.
    public func evaluateBatch(inputs: UnsafePointer<Float>, count: Int, outputs: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        if !allSum {
            for r in 0..<count { evaluate(inputs: inputs + r * inputCount, outputs: outputs + r * outputCount, scratch: scratch) }
            return
        }
        // Align the lane storage to 32 bytes.
        let raw = UnsafeMutableRawPointer(scratch)
        let aligned = raw.alignedUp(toMultipleOf: 32).assumingMemoryBound(to: SIMD8<Float>.self)
        var row = 0
        while row < count {
            let lanes = min(8, count - row)
            let base = inputs + row * inputCount
            // Transpose the inputs into lanes (lane l of slot i is float i*8 + l).
            aligned.withMemoryRebound(to: Float.self, capacity: inputCount * 8) { flat in
                if lanes < 8 { flat.update(repeating: 0, count: inputCount * 8) }
                for l in 0..<lanes {
                    let src = base + l * inputCount
                    var i = 0
                    while i < inputCount { flat[i &* 8 &+ l] = src[i]; i &+= 1 }
                }
            }
            evaluateLanes(aligned)
            aligned.withMemoryRebound(to: Float.self, capacity: slotCount * 8) { flat in
                for o in 0..<outputCount {
                    let slot = Int(outputSlots[o])
                    for l in 0..<lanes { outputs[(row + l) * outputCount + o] = slot >= 0 ? flat[slot &* 8 &+ l] : 0 }
                }
            }
            row += lanes
        }
    }

    @inline(__always)
    private func evaluateLanes(_ v: UnsafeMutablePointer<SIMD8<Float>>) {
        nodeStart.withUnsafeBufferPointer { starts in
        connSource.withUnsafeBufferPointer { src in
        connWeight.withUnsafeBufferPointer { w in
        nodeDenseFirst.withUnsafeBufferPointer { dense in
        nodeBias.withUnsafeBufferPointer { bias in
        nodeResponse.withUnsafeBufferPointer { resp in
        nodeActivation.withUnsafeBufferPointer { act in
            for k in 0..<act.count {
                let lo = Int(starts[k]), hi = Int(starts[k + 1])
                var a0 = SIMD8<Float>(repeating: 0), a1 = SIMD8<Float>(repeating: 0)
                if dense[k] >= 0 {
                    let p = v + Int(dense[k])
                    let n = hi - lo
                    var j = 0
                    while j + 1 < n {
                        a0 += p[j] * w[lo + j]
                        a1 += p[j + 1] * w[lo + j + 1]
                        j += 2
                    }
                    if j < n { a0 += p[j] * w[lo + j] }
                } else {
                    for j in lo..<hi { a0 += v[Int(src[j])] * w[j] }
                }
                let z = SIMD8<Float>(repeating: bias[k]) + SIMD8<Float>(repeating: resp[k]) * (a0 + a1)
                let f = act[k]
                var out = SIMD8<Float>()
                switch f {
                case .identity: out = z
                case .relu: out = z.replacing(with: 0, where: z .< 0)
                case .clamped: out = z.clamped(lowerBound: SIMD8(repeating: -1), upperBound: SIMD8(repeating: 1))
                default: for l in 0..<8 { out[l] = f.apply(z[l]) }
                }
                v[inputCount + k] = out
            }
        }}}}}}}
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
        var acc = (s0 + s1).sum()
        while j < n { acc += a[j] * b[j]; j += 1 }
        return acc
    }

    /// The slow path for non-sum aggregations (double precision, like neat-python).
    private func aggregate(_ k: Int, lo: Int, hi: Int, values: UnsafeMutablePointer<Float>, src: UnsafeBufferPointer<Int32>,
                           w: UnsafeBufferPointer<Float>, tmp: UnsafeMutablePointer<Float>) -> Double {
        let raw = UnsafeMutableRawPointer(tmp).alignedUp(for: Double.self).assumingMemoryBound(to: Double.self)
        for j in lo..<hi { raw[j - lo] = Double(values[Int(src[j])]) * Double(w[j]) }
        return nodeAggregation[k].apply(UnsafeBufferPointer(start: raw, count: hi - lo))
    }
}
