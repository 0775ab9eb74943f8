extension CompiledNetwork {
    /// Doubles of scratch space `evaluate(doubleInputs:…)` needs.
    public var doubleScratchCount: Int { slotCount + maxFanIn + 8 }

    /// Evaluates one vector in double precision, as NEAT's reference implementation
    /// and neat-python do: the weights are the compiled ones, every sum and every
    /// activation is a `Double`. The reference tasks (XOR) evaluate this way, because
    /// near-saturated outputs that round to exactly 0 or 1 in `Float` still differ
    /// in `Double`, and those tiny fitness differences steer selection.
    /// `scratch` has at least `doubleScratchCount` doubles. Allocates nothing.
    public func evaluate(doubleInputs inputs: UnsafePointer<Double>, outputs: UnsafeMutablePointer<Double>,
                         scratch: UnsafeMutablePointer<Double>) {
        let v = scratch
        v.update(from: inputs, count: inputCount)
        let tmp = scratch + slotCount
        nodeStartStorage.withUnsafeBufferPointer { starts in
        connSourceStorage.withUnsafeBufferPointer { src in
        connWeightStorage.withUnsafeBufferPointer { w in
        nodeBiasStorage.withUnsafeBufferPointer { bias in
        nodeResponseStorage.withUnsafeBufferPointer { resp in
        nodeActivationStorage.withUnsafeBufferPointer { act in
            for k in 0..<nodeCount {
                let lo = Int(starts[k]), hi = Int(starts[k + 1])
                var acc = 0.0
                if allSum || nodeAggregationStorage[k] == .sum {
                    var j = lo
                    while j < hi { acc += v[Int(src[j])] * Double(w[j]); j += 1 }
                } else {
                    for j in lo..<hi { tmp[j - lo] = v[Int(src[j])] * Double(w[j]) }
                    acc = nodeAggregationStorage[k].apply(UnsafeBufferPointer(start: tmp, count: hi - lo))
                }
                v[inputCount + k] = act[k].apply(Double(bias[k]) + Double(resp[k]) * acc)
            }
        }}}}}}
        for o in 0..<outputCount {
            let s = outputSlots[o]
            outputs[o] = s >= 0 ? v[Int(s)] : 0
        }
    }
}

extension CompiledNetwork {
    /// Doubles of scratch space `evaluate4(doubleInputs:…)` needs.
    public var doubleQuadScratchCount: Int { slotCount * 4 + maxFanIn + 8 }

    /// Evaluates four vectors in double precision side by side: vector r's inputs are
    /// `inputs[r × inputCount ..< (r + 1) × inputCount]`, its outputs go to
    /// `outputs[r × outputCount ..< (r + 1) × outputCount]`. Each vector gets exactly
    /// what `evaluate(doubleInputs:…)` gives it (the same operations in the same
    /// order); the four sums of a node are independent chains, so they overlap.
    /// `scratch` has at least `doubleQuadScratchCount` doubles. Allocates nothing.
    public func evaluate4(doubleInputs inputs: UnsafePointer<Double>, outputs: UnsafeMutablePointer<Double>,
                          scratch: UnsafeMutablePointer<Double>) {
        // Slot s of vector r lives at v[4 s + r].
        let v = scratch
        let nIn = inputCount
        for s in 0..<nIn {
            for r in 0..<4 { v[4 * s + r] = inputs[r * nIn + s] }
        }
        let tmp = scratch + 4 * slotCount
        nodeStartStorage.withUnsafeBufferPointer { starts in
        connSourceStorage.withUnsafeBufferPointer { src in
        connWeightStorage.withUnsafeBufferPointer { w in
        nodeBiasStorage.withUnsafeBufferPointer { bias in
        nodeResponseStorage.withUnsafeBufferPointer { resp in
        nodeActivationStorage.withUnsafeBufferPointer { act in
            for k in 0..<nodeCount {
                let lo = Int(starts[k]), hi = Int(starts[k + 1])
                var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
                if allSum || nodeAggregationStorage[k] == .sum {
                    var j = lo
                    while j < hi {
                        let p = v + 4 * Int(src[j]), wj = Double(w[j])
                        a0 += p[0] * wj; a1 += p[1] * wj; a2 += p[2] * wj; a3 += p[3] * wj
                        j += 1
                    }
                } else {
                    let aggregation = nodeAggregationStorage[k]
                    func lane(_ r: Int) -> Double {
                        for j in lo..<hi { tmp[j - lo] = v[4 * Int(src[j]) + r] * Double(w[j]) }
                        return aggregation.apply(UnsafeBufferPointer(start: tmp, count: hi - lo))
                    }
                    a0 = lane(0); a1 = lane(1); a2 = lane(2); a3 = lane(3)
                }
                let b = Double(bias[k]), rs = Double(resp[k]), f = act[k]
                let d = v + 4 * (nIn + k)
                if f == .sigmoid {
                    // The common case without the call through `apply` (the same operations).
                    d[0] = Activation.sigmoid(b + rs * a0)
                    d[1] = Activation.sigmoid(b + rs * a1)
                    d[2] = Activation.sigmoid(b + rs * a2)
                    d[3] = Activation.sigmoid(b + rs * a3)
                } else {
                    d[0] = f.apply(b + rs * a0)
                    d[1] = f.apply(b + rs * a1)
                    d[2] = f.apply(b + rs * a2)
                    d[3] = f.apply(b + rs * a3)
                }
            }
        }}}}}}
        for o in 0..<outputCount {
            let s = Int(outputSlots[o])
            for r in 0..<4 { outputs[r * outputCount + o] = s >= 0 ? v[4 * s + r] : 0 }
        }
    }
}
