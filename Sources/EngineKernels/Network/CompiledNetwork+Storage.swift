extension CompiledNetwork {
    /// The compiled arrays read in place: each storage array's buffer (only the first
    /// `nodeCount` (+1 for `starts`) and `connectionCount` entries count).
    struct Buffers {
        let starts: UnsafeBufferPointer<Int32>
        let dense: UnsafeBufferPointer<Int32>
        let activations: UnsafeBufferPointer<Activation>
        let aggregations: UnsafeBufferPointer<Aggregation>
        let biases: UnsafeBufferPointer<Float>
        let responses: UnsafeBufferPointer<Float>
        let sources: UnsafeBufferPointer<Int32>
        let weights: UnsafeBufferPointer<Float>
    }

    /// Every storage array's buffer, for evaluation to read the network with no array
    /// access (no bounds or uniqueness checks, no retains) in its loops. Valid while
    /// this network is alive and unchanged: inside a method of the network that does
    /// not change it, as every evaluation is. The pointers are the arrays' storage
    /// addresses (`_baseAddressIfContiguous`; native arrays are always contiguous), as
    /// `Genome.unsafeView` reads genes: a `withUnsafeBufferPointer` per array would
    /// nest eight closures around each evaluation loop.
    @inline(__always)
    var buffers: Buffers {
        @inline(__always) func buffer<T>(_ a: [T]) -> UnsafeBufferPointer<T> {
            UnsafeBufferPointer(start: a._baseAddressIfContiguous, count: a.count)
        }
        return Buffers(starts: buffer(nodeStartStorage), dense: buffer(nodeDenseFirstStorage),
                       activations: buffer(nodeActivationStorage), aggregations: buffer(nodeAggregationStorage),
                       biases: buffer(nodeBiasStorage), responses: buffer(nodeResponseStorage),
                       sources: buffer(connSourceStorage), weights: buffer(connWeightStorage))
    }

    /// Calls `body` with every storage array's buffer to write, in `Buffers`' order,
    /// valid for the call (compiling writes a network's arrays in one pass).
    @inline(__always)
    mutating func withMutableBuffers<T>(_ body: (_ starts: UnsafeMutableBufferPointer<Int32>, _ dense: UnsafeMutableBufferPointer<Int32>,
                                                 _ activations: UnsafeMutableBufferPointer<Activation>,
                                                 _ aggregations: UnsafeMutableBufferPointer<Aggregation>,
                                                 _ biases: UnsafeMutableBufferPointer<Float>, _ responses: UnsafeMutableBufferPointer<Float>,
                                                 _ sources: UnsafeMutableBufferPointer<Int32>, _ weights: UnsafeMutableBufferPointer<Float>) -> T) -> T {
        nodeStartStorage.withUnsafeMutableBufferPointer { starts in
        nodeDenseFirstStorage.withUnsafeMutableBufferPointer { dense in
        nodeActivationStorage.withUnsafeMutableBufferPointer { activations in
        nodeAggregationStorage.withUnsafeMutableBufferPointer { aggregations in
        nodeBiasStorage.withUnsafeMutableBufferPointer { biases in
        nodeResponseStorage.withUnsafeMutableBufferPointer { responses in
        connSourceStorage.withUnsafeMutableBufferPointer { sources in
        connWeightStorage.withUnsafeMutableBufferPointer { weights in
            body(starts, dense, activations, aggregations, biases, responses, sources, weights)
        }}}}}}}}
    }
}
