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
        evaluateNodes(buffers, values: v, tmp: tmp)
        for o in 0..<outputCount {
            let s = outputSlots[o]
            outputs[o] = s >= 0 ? v[Int(s)] : 0
        }
    }

    /// `evaluate(doubleInputs:…)`'s pass over the nodes: slot s's value is `v[s]`;
    /// `tmp` holds one node's products for a non-sum aggregation.
    @inline(__always)
    private func evaluateNodes(_ buffers: Buffers, values v: UnsafeMutablePointer<Double>, tmp: UnsafeMutablePointer<Double>) {
        let starts = buffers.starts, src = buffers.sources, w = buffers.weights
        let bias = buffers.biases, resp = buffers.responses, act = buffers.activations, aggregations = buffers.aggregations
        for k in 0..<nodeCount {
            let lo = Int(starts[k]), hi = Int(starts[k + 1])
            var acc = 0.0
            if allSum || aggregations[k] == .sum {
                var j = lo
                while j < hi { acc += v[Int(src[j])] * Double(w[j]); j += 1 }
            } else {
                for j in lo..<hi { tmp[j - lo] = v[Int(src[j])] * Double(w[j]) }
                acc = aggregations[k].apply(UnsafeBufferPointer(start: tmp, count: hi - lo))
            }
            v[inputCount + k] = act[k].apply(Double(bias[k]) + Double(resp[k]) * acc)
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
        evaluateQuadNodes(buffers, values: v, tmp: tmp)
        for o in 0..<outputCount {
            let s = Int(outputSlots[o])
            for r in 0..<4 { outputs[r * outputCount + o] = s >= 0 ? v[4 * s + r] : 0 }
        }
    }

    /// `evaluate4`'s pass over the nodes: slot s of vector r is `v[4 s + r]`; `tmp`
    /// holds one node's products for a non-sum aggregation.
    @inline(__always)
    private func evaluateQuadNodes(_ buffers: Buffers, values v: UnsafeMutablePointer<Double>, tmp: UnsafeMutablePointer<Double>) {
        let nIn = inputCount
        let starts = buffers.starts, src = buffers.sources, w = buffers.weights
        let bias = buffers.biases, resp = buffers.responses, act = buffers.activations, aggregations = buffers.aggregations
        for k in 0..<nodeCount {
            let lo = Int(starts[k]), hi = Int(starts[k + 1])
            var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
            if allSum || aggregations[k] == .sum {
                var j = lo
                while j < hi {
                    let p = v + 4 * Int(src[j]), wj = Double(w[j])
                    a0 += p[0] * wj; a1 += p[1] * wj; a2 += p[2] * wj; a3 += p[3] * wj
                    j += 1
                }
            } else {
                let aggregation = aggregations[k]
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
    }
}
