import Engine

/// One fixed, deterministic piece of engine work, measured the same way by the
/// benchmark suite (Benchmarks/, wall clock and allocations) and by the
/// instruction-count gate (`bench-counts` under callgrind, scripts/bench-gate).
///
/// Everything a workload needs is built in its initialiser (not measured); `run()`
/// does the measured work once and can be called any number of times, each time
/// doing the same work: inputs are fixed, randomness comes from fixed seeds, and
/// no clock, thread or file is read. So a build gives the same instruction and
/// allocation counts every run, on a loaded machine or an idle one.
public protocol Workload: AnyObject {
    /// Does the measured work once. Returns a checksum of what it computed, so the
    /// optimiser cannot drop the work and tests can see that two runs agree.
    func run() -> UInt64
}

/// Mixes `value` into a running checksum (FNV-1a over 64-bit words): cheap, and
/// any change in a result changes the sum.
@inline(__always)
func mix(_ sum: inout UInt64, _ value: UInt64) {
    sum = (sum ^ value) &* 0x100_0000_01b3
}

/// The FNV-1a offset basis: the checksum of nothing.
let checksumSeed: UInt64 = 0xcbf2_9ce4_8422_2325

/// The checksum of a decoded request: its row count and every value's bits.
func checksum(rows: Int, values: UnsafePointer<Float>, count: Int) -> UInt64 {
    var sum = checksumSeed
    mix(&sum, UInt64(rows))
    for i in 0..<count { mix(&sum, UInt64(values[i].bitPattern)) }
    return sum
}

/// `count` floats drawn uniformly from -1 … 1, written as a JSON list without the
/// brackets (`0.25,-0.5,…`): the numbers of the request and answer bodies.
func jsonFloats(_ count: Int, _ rng: inout Xoshiro256) -> String {
    (0..<count).map { _ in "\(Float(rng.nextUniform(-1, 1)))" }.joined(separator: ",")
}
