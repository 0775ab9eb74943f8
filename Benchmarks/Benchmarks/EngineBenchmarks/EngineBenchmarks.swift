import Benchmark
import BenchWorkloads

/// One benchmark per fixed workload (Sources/BenchWorkloads: the same work the
/// instruction-count gate measures), each iteration one `run()`. Time figures vary
/// with the machine's load; the allocation counts do not.
///
/// Not measured here: retains and releases (on Linux with Swift 6.3 the harness's
/// runtime hooks crash without ordo-one's swift-runtime-interposer, which this
/// toolchain's package copies lack; scripts/bench-gate counts retains under callgrind
/// instead) and CPU time (Linux reports it in 10 ms steps, longer than most iterations).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 100_000
    )
    for definition in Workloads.all {
        let holder = WorkloadHolder()
        Benchmark(definition.name, closure: { benchmark in
            let workload = holder.workload!
            for _ in benchmark.scaledIterations { blackHole(workload.run()) }
        }, setup: {
            holder.workload = definition.make()
        }, teardown: {
            holder.workload = nil
        })
    }
}

/// The workload a benchmark runs: built in its setup (not measured, and only for
/// the benchmarks a run selects), dropped in its teardown.
final class WorkloadHolder {
    var workload: (any Workload)?
}
