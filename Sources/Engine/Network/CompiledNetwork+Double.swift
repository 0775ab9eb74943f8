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
        nodeStart.withUnsafeBufferPointer { starts in
        connSource.withUnsafeBufferPointer { src in
        connWeight.withUnsafeBufferPointer { w in
        nodeBias.withUnsafeBufferPointer { bias in
        nodeResponse.withUnsafeBufferPointer { resp in
        nodeActivation.withUnsafeBufferPointer { act in
            for k in 0..<act.count {
                let lo = Int(starts[k]), hi = Int(starts[k + 1])
                var acc = 0.0
                if allSum || nodeAggregation[k] == .sum {
                    var j = lo
                    while j < hi { acc += v[Int(src[j])] * Double(w[j]); j += 1 }
                } else {
                    for j in lo..<hi { tmp[j - lo] = v[Int(src[j])] * Double(w[j]) }
                    acc = nodeAggregation[k].apply(UnsafeBufferPointer(start: tmp, count: hi - lo))
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
